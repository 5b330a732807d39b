/// Which paths changed between two trees: a merge walk over both trees' sorted entries that skips every
/// subtree whose id did not change. It lists file paths (blobs, symlinks, submodules), like
/// `git log --no-renames --name-only`: a renamed file shows as its old and its new path.
struct TreeDiff {
    /// Path prefixes to look under (`.github/`, `infra/`, `Dockerfile`); empty means everything.
    let prefixes: [String]
    /// With `exactPaths`, each prefix is a whole file path or a directory ending in "/", so the diff can
    /// look those names up in each tree instead of walking every entry: following a few artefacts
    /// through a long history then costs a handful of entry reads per commit.
    let exactPaths: Bool

    /// For `exactPaths`: the names to look up in each directory on the way to a prefix ("" for the root),
    /// worked out once instead of for every commit.
    private let steps: [String: [Step]]

    /// A name to look up in a directory: sorted by name, as `directed` visits them.
    private struct Step {
        let name: String
        let bytes: [UInt8]
        /// The prefixes name this whole directory (`infra/`): everything below it is compared.
        let wholeDirectory: Bool
    }

    init(prefixes: [String], exactPaths: Bool = false) {
        self.prefixes = prefixes
        self.exactPaths = exactPaths && !prefixes.isEmpty
        var steps: [String: [Step]] = [:]
        if self.exactPaths {
            var directories = [""]
            while let directory = directories.popLast() {
                guard steps[directory] == nil else { continue }
                // The next path part of every prefix below this directory.
                var names = Set<String>()
                for prefix in prefixes where prefix.hasPrefix(directory) && prefix.count > directory.count {
                    let rest = prefix.dropFirst(directory.count)
                    names.insert(String(rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)]))
                }
                steps[directory] = names.sorted().map { name in
                    let path = directory + name
                    let wholeDirectory = prefixes.contains(path + "/")
                    if !wholeDirectory { directories.append(path + "/") }
                    return Step(name: name, bytes: Array(name.utf8), wholeDirectory: wholeDirectory)
                }
            }
        }
        self.steps = steps
    }

    /// How much one diff may do: paths listed plus trees entered, at most `workLimit`, and — since shared
    /// subtrees let a few objects stand for billions of paths — at most `expansion` steps per entry of
    /// the distinct trees it has read (past `workFloor`). A real diff does about one step per entry read.
    static let workLimit = 200_000
    static let workFloor = 1_000
    static let expansion = 16

    /// The paths a diff found, and the work it did towards its limits.
    struct Collected {
        var paths: [String] = []
        var work = 0
        let limit: Int
        private var treesRead: Set<ObjectID> = []
        /// About one entry per 28 bytes (mode, name, NUL, id) of the distinct trees read.
        private var bytesRead = 0

        init(limit: Int) {
            self.limit = limit
        }

        var allowance: Int { min(limit, max(TreeDiff.workFloor, TreeDiff.expansion * (bytesRead / 28))) }

        /// Counts the bytes of a tree the first time the diff enters it.
        mutating func entered(_ tree: RawTree) {
            if let id = tree.id, treesRead.insert(id).inserted { bytesRead += tree.bytes.count }
        }

        /// Counts one step; false once the allowance is spent (the diff then stops, keeping what it has).
        mutating func spend() -> Bool {
            work += 1
            return work <= allowance
        }

        var isSpent: Bool { work >= allowance }

        mutating func append(_ path: String) {
            if spend() { paths.append(path) }
        }
    }

    func changedPaths(
        old: ObjectID?, new: ObjectID?, cache: inout TreeCache, database: ObjectDatabase
    ) throws(GitError) -> [String] {
        var paths = Collected(limit: Self.workLimit)
        if exactPaths {
            try directed(old: old, new: new, directory: "", cache: &cache, database: database, into: &paths)
        } else {
            try compare(old: old, new: new, directory: "", cache: &cache, database: database, into: &paths)
        }
        return paths.paths
    }

    /// Looks up only the names the prefixes lead through, in both trees, and compares those entries.
    private func directed(
        old: ObjectID?, new: ObjectID?, directory: String,
        cache: inout TreeCache, database: ObjectDatabase, into paths: inout Collected
    ) throws(GitError) {
        if old == new || !paths.spend() { return }
        let left = try old.map { (id) throws(GitError) in try cache.tree(id, from: database) } ?? RawTree()
        let right = try new.map { (id) throws(GitError) in try cache.tree(id, from: database) } ?? RawTree()
        paths.entered(left)
        paths.entered(right)
        for step in steps[directory] ?? [] {
            let a = try left.entry(named: step.bytes)
            let b = try right.entry(named: step.bytes)
            if let a, let b, RawTree.same(left, a, right, b) { continue }
            let path = directory + step.name
            let wholeDirectory = step.wholeDirectory
            switch (a, b) {
            case (nil, nil):
                continue
            case (let a?, let b?) where a.isTree && b.isTree:
                if wholeDirectory {
                    try compare(old: left.id(a), new: right.id(b), directory: path + "/", cache: &cache, database: database, into: &paths)
                } else {
                    try directed(old: left.id(a), new: right.id(b), directory: path + "/", cache: &cache, database: database, into: &paths)
                }
            default:
                // Added, deleted, or changed between file and directory: list what the prefixes want.
                if let a { try side(left, a, directory: directory, cache: &cache, database: database, into: &paths) }
                if let b { try side(right, b, directory: directory, cache: &cache, database: database, into: &paths) }
            }
        }
    }

    private func compare(
        old: ObjectID?, new: ObjectID?, directory: String,
        cache: inout TreeCache, database: ObjectDatabase, into paths: inout Collected
    ) throws(GitError) {
        if old == new || !paths.spend() { return }
        let empty = RawTree()
        let oldTree = try old.map { (id) throws(GitError) in try cache.cached(id, from: database) }
        let newTree = try new.map { (id) throws(GitError) in try cache.cached(id, from: database) }
        let left = oldTree?.raw ?? empty
        let right = newTree?.raw ?? empty
        paths.entered(left)
        paths.entered(right)
        // The entries both trees share at their starts and at their ends are the same entries, so the
        // walk below would pass them without a word: it starts after the shared head and stops where
        // both sides reach the shared tail together. (A tree out of git's order may never reach it
        // together: the walk then goes on to the ends as it always did.)
        var i = 0
        var j = 0
        var leftTail = -1
        var rightTail = -1
        if let oldTree, let newTree, let runs = SharedRuns(oldTree, newTree) {
            i = runs.head
            j = runs.head
            leftTail = runs.oldTail
            rightTail = runs.newTail
        }
        var at = i
        var bt = j
        var a = try left.entry(at: &i)
        var b = try right.entry(at: &j)
        while a != nil || b != nil, !paths.isSpent {
            if at == leftTail && bt == rightTail { break }
            let order: Int
            if let a, let b {
                order = RawTree.compare(left, a, right, b)
            } else {
                order = a == nil ? 1 : -1
            }
            if order < 0 {
                try side(left, a!, directory: directory, cache: &cache, database: database, into: &paths)
                at = i
                a = try left.entry(at: &i)
            } else if order > 0 {
                try side(right, b!, directory: directory, cache: &cache, database: database, into: &paths)
                bt = j
                b = try right.entry(at: &j)
            } else {
                let x = a!, y = b!
                at = i
                a = try left.entry(at: &i)
                bt = j
                b = try right.entry(at: &j)
                if RawTree.same(left, x, right, y) { continue }
                let path = directory + left.name(x)
                if x.isTree && y.isTree {
                    guard wants(directory: path + "/") else { continue }
                    try compare(old: left.id(x), new: right.id(y), directory: path + "/",
                                cache: &cache, database: database, into: &paths)
                } else if wants(file: path) {
                    paths.append(path)
                }
            }
        }
    }

    /// An entry present on one side only: every file below it was added or deleted.
    private func side(
        _ tree: RawTree, _ entry: RawTree.Entry, directory: String,
        cache: inout TreeCache, database: ObjectDatabase, into paths: inout Collected
    ) throws(GitError) {
        guard !paths.isSpent else { return }
        let path = directory + tree.name(entry)
        if entry.isTree {
            guard wants(directory: path + "/"), paths.spend() else { return }
            let child = try cache.tree(tree.id(entry), from: database)
            paths.entered(child)
            try child.forEachEntry { (inner) throws(GitError) in
                try side(child, inner, directory: path + "/", cache: &cache, database: database, into: &paths)
            }
        } else if wants(file: path) {
            paths.append(path)
        }
    }

    private func wants(directory: String) -> Bool {
        prefixes.isEmpty || prefixes.contains { $0.hasPrefix(directory) || directory.hasPrefix($0) }
    }

    private func wants(file path: String) -> Bool {
        prefixes.isEmpty || prefixes.contains { path.hasPrefix($0) }
    }
}
