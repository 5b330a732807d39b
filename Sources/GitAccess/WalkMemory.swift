/// What earlier walks learnt about commits, so that a walk over the same history reads only what is new.
/// Every fact kept here belongs to a commit id alone and never changes: the commit object (whole, or, once an
/// annotator has said what its message means, its tree, parents, author and committer kept parsed), its
/// changed paths under a set of prefixes, and the annotator's bytes under the annotator's key. A walk
/// that remembers therefore hands over exactly what a walk without memory would (the same commits, in the
/// same order, with the same paths); it only skips reading, diffing and reading messages. Facts made
/// under other prefixes or another annotator key are dropped when the walk starts.
public final class WalkMemory {
    /// What one commit's entry holds; paths and annotation are for the memory's prefixes and key.
    struct Entry {
        /// The whole commit object (kept when no annotator read its message).
        var object: Range<Int>?
        /// The commit without its message, already parsed: kept once an annotator has read the message.
        var skeleton: CommitSkeleton?
        var fullPaths: [String]?
        var trackedPaths: [String]?
        var annotation: [UInt8]?
    }

    /// How a walk used the memory.
    public struct Usage: Sendable, Hashable {
        public var commitsRemembered = 0
        public var commitsRead = 0
        public var diffsRemembered = 0
        public var diffsComputed = 0
        /// Remembered commits this walk did not reach (a rewritten or pruned history).
        public var commitsUnreached = 0
        /// Whether remembered paths were dropped because the walk asked for other prefixes, and
        /// annotations because the annotator changed.
        public var fullPathsDropped = false
        public var trackedPathsDropped = false
        public var annotationsDropped = false

        public init() {}
    }

    /// Every commit object's bytes, back to back; entries point into it.
    var arena: [UInt8] = []
    var entries: [ObjectID: Entry] = [:]
    /// The prefixes the remembered paths were computed under.
    public internal(set) var fullPrefixes: [String]
    public internal(set) var trackedPrefixes: [String]
    /// What the annotations were made with (a digest of the rules that read messages); "" for none.
    public internal(set) var annotationKey = ""
    public internal(set) var usage = Usage()
    /// Commits this walk reached, and those whose entry it added to.
    var reached: Set<ObjectID> = []
    var learnt: Set<ObjectID> = []

    public init(fullPrefixes: [String] = [], trackedPrefixes: [String] = []) {
        self.fullPrefixes = fullPrefixes
        self.trackedPrefixes = trackedPrefixes
    }

    public var count: Int { entries.count }
    /// Whether this walk added anything worth saving.
    public var hasLearnt: Bool { !learnt.isEmpty }

    /// Called as a walk starts: paths remembered under other prefixes than the walk's are forgotten.
    /// `trackedPrefixesKnown` false: the walk learns its tracked prefixes later (`useTrackedPrefixes`).
    func begin(_ budget: ChangedPathsBudget, annotationKey key: String, trackedPrefixesKnown: Bool = true) {
        reached = []
        learnt = []
        usage = Usage()
        if budget.prefixes != fullPrefixes {
            usage.fullPathsDropped = entries.values.contains { $0.fullPaths != nil }
            for id in Array(entries.keys) { entries[id]?.fullPaths = nil }
            fullPrefixes = budget.prefixes
        }
        if trackedPrefixesKnown { useTrackedPrefixes(budget.trackedPrefixes) }
        if key != annotationKey {
            usage.annotationsDropped = entries.values.contains { $0.annotation != nil }
            for id in Array(entries.keys) { entries[id]?.annotation = nil }
            annotationKey = key
        }
    }

    /// The walk's tracked prefixes, once known (before the first tracked diff is looked up): paths
    /// remembered under others are forgotten. A walk that never gets past its full diffs never says, and
    /// the remembered tracked paths stay as they were.
    func useTrackedPrefixes(_ prefixes: [String]) {
        guard prefixes != trackedPrefixes else { return }
        usage.trackedPathsDropped = entries.values.contains { $0.trackedPaths != nil }
        for id in Array(entries.keys) { entries[id]?.trackedPaths = nil }
        trackedPrefixes = prefixes
    }

    func end() {
        usage.commitsUnreached = entries.count - reached.count
    }

    /// The commit, from memory or from the database. With an annotator, a commit it has annotated is
    /// kept as a skeleton and handed over with its annotation instead of its message. The walk passes no
    /// annotator for a shallow clone's boundary commits: it hands those over without their parents, so
    /// what their message means there is not a fact of the commit alone.
    func commit(_ id: ObjectID, in database: ObjectDatabase, annotator: WalkAnnotator?) throws(GitError) -> CommitInfo {
        // Counted once per commit: the walk also looks up parents' trees.
        let isFirstLookup = reached.insert(id).inserted
        let entry = entries[id]
        if let skeleton = entry?.skeleton, let annotation = entry?.annotation, annotator != nil {
            if isFirstLookup { usage.commitsRemembered += 1 }
            return skeleton.commit(id, annotation: annotation)
        }
        var commit: CommitInfo
        var bytes: [UInt8]
        if let range = entry?.object {
            if isFirstLookup { usage.commitsRemembered += 1 }
            commit = try parse(id, range)
            bytes = annotator == nil ? [] : Array(arena[range])
        } else {
            if isFirstLookup { usage.commitsRead += 1 }
            (commit, bytes) = try database.withObject(id, "read commit \(id.hex)") { (type, raw) throws(GitError) -> (CommitInfo, [UInt8]) in
                guard type == .commit else {
                    throw GitError(operation: "read commit \(id.hex)", message: "object is not a commit", kind: .corrupt)
                }
                return (try CommitParser.parse(id: id, bytes: raw), Array(raw))
            }
            if annotator == nil { keep(bytes, of: id) }
        }
        if let annotator {
            let annotation = annotator.annotate(commit)
            commit.annotation = annotation
            entries[id, default: Entry()].object = nil
            entries[id]?.skeleton = CommitSkeleton(commit)
            entries[id]?.annotation = annotation
            learnt.insert(id)
        }
        return commit
    }

    private func parse(_ id: ObjectID, _ range: Range<Int>) throws(GitError) -> CommitInfo {
        let parsed = arena.withUnsafeBytes { all in
            Result { () throws(GitError) in try CommitParser.parse(id: id, bytes: UnsafeRawBufferPointer(rebasing: all[range])) }
        }
        return try parsed.get()
    }

    private func keep(_ bytes: [UInt8], of id: ObjectID) {
        let start = arena.count
        arena.append(contentsOf: bytes)
        entries[id, default: Entry()].object = start..<arena.count
        entries[id]?.skeleton = nil
        learnt.insert(id)
    }

    /// The commit's changed paths in the scope, if an earlier walk computed them.
    func rememberedPaths(of id: ObjectID, scope: ChangedPathsScope) -> [String]? {
        guard let entry = entries[id], let paths = scope == .full ? entry.fullPaths : entry.trackedPaths else { return nil }
        usage.diffsRemembered += 1
        return paths
    }

    /// Keeps paths this walk computed (a failed diff is not kept: the next walk tries again and reports
    /// it the same way).
    func remember(_ paths: [String], of id: ObjectID, scope: ChangedPathsScope) {
        usage.diffsComputed += 1
        if scope == .full {
            entries[id, default: Entry()].fullPaths = paths
        } else {
            entries[id, default: Entry()].trackedPaths = paths
        }
        learnt.insert(id)
    }

    /// Forgets every commit the last walk did not reach.
    public func forgetUnreached() {
        guard entries.count > reached.count else { return }
        entries = entries.filter { reached.contains($0.key) }
    }
}

/// A commit as a walk hands it over once its message has been read into an annotation: the message is
/// left out, the rest kept parsed (a rescan rebuilds the commit without parsing anything).
struct CommitSkeleton {
    let tree: ObjectID
    let parents: [ObjectID]
    let author: Signature
    let committer: Signature

    init(tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature) {
        self.tree = tree
        self.parents = parents
        self.author = author
        self.committer = committer
    }

    init(_ commit: CommitInfo) {
        self.init(tree: commit.tree, parents: commit.parents, author: commit.author, committer: commit.committer)
    }

    func commit(_ id: ObjectID, annotation: [UInt8]) -> CommitInfo {
        CommitInfo(id: id, tree: tree, parents: parents, author: author, committer: committer, summary: "", body: "",
                   trailers: [], isShallowBoundary: false, changedPaths: nil, annotation: annotation)
    }
}

/// Reads what a walk's consumer needs of a commit's message into a few bytes, once per commit: with a
/// memory, later walks hand over those bytes instead of the message. `key` names the rules that read
/// messages; annotations made under another key are not reused.
public struct WalkAnnotator {
    public let key: String
    public let annotate: (CommitInfo) -> [UInt8]

    public init(key: String, annotate: @escaping (CommitInfo) -> [UInt8]) {
        self.key = key
        self.annotate = annotate
    }
}
