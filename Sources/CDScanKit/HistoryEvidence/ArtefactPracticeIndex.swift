/// The commits that touched the followed artefact paths, kept per path, so that `practice(of:)` can answer
/// for any set of files or prefixes after the walk.
struct ArtefactPracticeIndex: Sendable {
    struct Touch: Sendable, Hashable {
        let commit: Int32
        let authorTime: Int64
        /// The person who authored it; -1 for a bot.
        let person: Int32
    }

    /// Touches per changed path (each path's list in walk order, newest first).
    var touches: [String: [Touch]] = [:]
    /// The followed paths (files, or prefixes ending in "/").
    var trackedPaths: [String] = []
    /// Whether every commit of the history had its paths looked at (within full or tracked diffs).
    var everyCommitDiffed = true
    /// Committer times of the non-merge commits up to "as of", ascending: how much work went through an
    /// artefact since it appeared is a count over these.
    var commitTimes: [Int64] = []

    func practice(of paths: [String], isShallow: Bool) -> ArtefactPractice {
        var seen = Set<Int32>()
        var people = Set<Int32>()
        var first: Int64?
        var last: Int64?
        let asked = PathCover(paths)
        for (path, list) in touches where asked.covers(path) {
            for touch in list where seen.insert(touch.commit).inserted {
                if touch.person >= 0 { people.insert(touch.person) }
                first = min(first ?? touch.authorTime, touch.authorTime)
                last = max(last ?? touch.authorTime, touch.authorTime)
            }
        }
        let tracked = PathCover(trackedPaths)
        let followed = !paths.isEmpty && paths.allSatisfy(tracked.covers)
        return ArtefactPractice(commits: seen.count, authors: people.count, firstSeen: first, lastTouched: last,
                                complete: followed && everyCommitDiffed && !isShallow,
                                flowCommits: first.map(commits(since:)) ?? 0)
    }

    /// Commits at or after `time` (binary search over the sorted times).
    func commits(since time: Int64) -> Int {
        var low = 0
        var high = commitTimes.count
        while low < high {
            let middle = (low + high) / 2
            if commitTimes[middle] < time { low = middle + 1 } else { high = middle }
        }
        return commitTimes.count - low
    }

    /// A path or prefix covers a path when they are equal or the prefix (ending in "/") holds it.
    static func covers(_ prefix: String, _ path: String) -> Bool {
        prefix == path || (prefix.hasSuffix("/") && path.hasPrefix(prefix))
    }
}

/// A set of paths and prefixes ending in "/", asked whether one of them covers a path (`covers` above) in
/// time that grows with the path's depth, not with the number of prefixes: a hundred thousand pipeline
/// files asked about a hundred thousand touched paths stay linear.
struct PathCover {
    private let files: Set<String>
    private let folders: Set<String>

    init(_ prefixes: [String]) {
        files = Set(prefixes.filter { !$0.hasSuffix("/") })
        folders = Set(prefixes.filter { $0.hasSuffix("/") })
    }

    /// Whether any prefix is a folder (a path is then tested level by level).
    var hasFolders: Bool { !folders.isEmpty }

    func covers(_ path: String) -> Bool {
        if files.contains(path) { return true }
        guard !folders.isEmpty else { return false }
        // Nearly every path is ASCII: its slashes are found byte by byte, where a search by Character
        // costs a grapheme break test a byte. (A slash may begin a longer Character in any other path.)
        let utf8 = path.utf8
        if !utf8.contains(where: { $0 >= 0x80 }) {
            var start = utf8.startIndex
            while let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
                if folders.contains(String(path[...end])) { return true }
                start = utf8.index(after: end)
            }
            return false
        }
        var slash = path.firstIndex(of: "/")
        while let end = slash {
            if folders.contains(String(path[...end])) { return true }
            slash = path[path.index(after: end)...].firstIndex(of: "/")
        }
        return false
    }
}
