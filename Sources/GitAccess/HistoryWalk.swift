/// How much changed-path work the history walk may do. Tree diffs are the expensive part of a walk, so
/// they are bounded: the first `commitLimit` commits in walk order (newest first) are diffed, below
/// `prefixes` when given (path prefixes: `.github/`, `infra/`, `Dockerfile`). Past that limit, commits
/// can still be diffed below `trackedPrefixes` only — whole file paths, or directories ending in "/",
/// looked up by name, so each costs a few entry reads — for the next
/// `trackedLimit` commits, so that the history of a few artefacts reaches back further than full diffs.
/// Merge commits are not diffed, as `git log` does not by default: the commits they bring in carry the
/// changes.
public struct ChangedPathsBudget: Sendable, Hashable {
    public var commitLimit: Int
    public var prefixes: [String]
    public var trackedPrefixes: [String]
    public var trackedLimit: Int

    public init(commitLimit: Int, prefixes: [String] = [], trackedPrefixes: [String] = [], trackedLimit: Int = .max) {
        self.commitLimit = commitLimit
        self.prefixes = prefixes
        self.trackedPrefixes = trackedPrefixes
        self.trackedLimit = trackedLimit
    }

    public static let none = ChangedPathsBudget(commitLimit: 0)
    public static let all = ChangedPathsBudget(commitLimit: .max)

    /// Whether a walk with this budget reads trees at all (tracked prefixes told later may ask it to).
    func readsTrees(trackedPrefixesLater: Bool) -> Bool {
        commitLimit > 0 || (!trackedPrefixes.isEmpty && trackedLimit != 0) || trackedPrefixesLater
    }
}

/// What one walk saw, beyond the commits it handed over.
public struct WalkStatistics: Sendable, Hashable {
    public var commits = 0
    /// Commits diffed in full (or below `prefixes`).
    public var commitsWithChangedPaths = 0
    /// Commits past the full-diff limit diffed below `trackedPrefixes` only.
    public var commitsWithTrackedPaths = 0
    /// Commits whose parents a shallow clone does not hold.
    public var shallowBoundaries = 0
    /// Commits whose changed paths could not be computed because a tree is damaged or missing (the
    /// walk goes on without them), and the first such error.
    public var commitsWithUnreadableTrees = 0
    public var firstUnreadableTree: GitError?
}

extension GitRepository {
    /// Streams every commit reachable from `tips` to `visit`, newest committer time first, reading each
    /// commit object exactly once. Memory holds only the set of seen ids and the walk's frontier.
    ///
    /// With `visitBesideWalk`, `visit` runs on a second thread, in the same order, while the walk goes on
    /// reading and diffing (a bounded queue between them): the wall time is the longer of the two instead
    /// of their sum. `visit` must then not touch this repository (it would contend with the walk's
    /// reads); a visitor's error still ends the walk, and is thrown before an error the walk met later.
    @discardableResult
    public func walkHistory(
        from tips: [ObjectID],
        changedPaths budget: ChangedPathsBudget = .none,
        shallowRoots: Set<ObjectID> = [],
        memory: WalkMemory? = nil,
        annotator: WalkAnnotator? = nil,
        visitBesideWalk: Bool = false,
        trackedPrefixesLater: (() -> [String])? = nil,
        visit: (CommitInfo) throws -> Void
    ) throws -> WalkStatistics {
        guard visitBesideWalk else {
            return try walkHistory(from: tips, budget: budget, shallowRoots: shallowRoots, memory: memory,
                                   annotator: annotator, trackedPrefixesLater: trackedPrefixesLater,
                                   emit: { commit in try visit(commit.withTextRead()); return true })
        }
        return try withoutActuallyEscaping(visit) { visit in
            let handoff = CommitHandoff()
            let visitor = CommitVisitor(handoff: handoff, visit: visit)
            visitor.start()
            // A walk that diffs hands the diffs to a thread of their own.
            let diffs = budget.readsTrees(trackedPrefixesLater: trackedPrefixesLater != nil)
                ? try? DiffStage(objectsDirectory: objectsDirectory, output: handoff, keepsPaths: memory != nil) : nil
            diffs?.start()
            var batch: [CommitInfo] = []
            var pending: [PendingDiff] = []
            batch.reserveCapacity(CommitHandoff.batchSize)
            /// Hands on what is batched; false when the visitor stopped.
            func flush() -> Bool {
                defer {
                    batch.removeAll(keepingCapacity: true)
                    pending.removeAll(keepingCapacity: true)
                }
                return diffs.map { $0.input.put(pending) } ?? handoff.put(batch)
            }
            func finish() {
                _ = flush()
                if let diffs {
                    diffs.input.finish()
                    diffs.join()
                    // The memory is the walk's thread's: it keeps the stage's diffs once the stage is done.
                    for diff in diffs.computed { memory?.remember(diff.paths, of: diff.id, scope: diff.scope) }
                }
                handoff.finish()
                visitor.join()
            }
            var statistics: WalkStatistics
            do {
                statistics = try walkHistory(from: tips, budget: budget, shallowRoots: shallowRoots, memory: memory,
                                             annotator: annotator, trackedPrefixesLater: trackedPrefixesLater,
                                             deferDiffs: diffs != nil) { commit, diff in
                    if diffs != nil {
                        pending.append(diff ?? PendingDiff(commit: commit, parentTree: .success(nil), diff: nil))
                    } else {
                        batch.append(commit)
                    }
                    guard batch.count + pending.count == CommitHandoff.batchSize else { return true }
                    return flush()
                }
            } catch {
                // The commits walked before the failure are still visited first, as without a second thread.
                finish()
                throw visitor.error ?? error
            }
            finish()
            if let error = visitor.error { throw error }
            if let diffs, diffs.unreadableTrees > 0 {
                statistics.commitsWithUnreadableTrees += diffs.unreadableTrees
                if statistics.firstUnreadableTree == nil { statistics.firstUnreadableTree = diffs.firstUnreadableTree }
            }
            return statistics
        }
    }

    /// The walk itself; `emit` returns false to stop it early. With `deferDiffs`, a commit owed a diff is
    /// emitted with it undone (its tree to compare against found), for the caller to compute.
    private func walkHistory(
        from tips: [ObjectID], budget: ChangedPathsBudget, shallowRoots: Set<ObjectID>, memory: WalkMemory?,
        annotator: WalkAnnotator?, trackedPrefixesLater: (() -> [String])?,
        emit: (CommitInfo) throws -> Bool
    ) throws -> WalkStatistics {
        try walkHistory(from: tips, budget: budget, shallowRoots: shallowRoots, memory: memory, annotator: annotator,
                        trackedPrefixesLater: trackedPrefixesLater, deferDiffs: false) { commit, _ in try emit(commit) }
    }

    private func walkHistory(
        from tips: [ObjectID], budget: ChangedPathsBudget, shallowRoots: Set<ObjectID>, memory: WalkMemory?,
        annotator: WalkAnnotator?, trackedPrefixesLater: (() -> [String])?, deferDiffs: Bool,
        emit: (CommitInfo, PendingDiff?) throws -> Bool
    ) throws -> WalkStatistics {
        memory?.begin(budget, annotationKey: annotator?.key ?? "", trackedPrefixesKnown: trackedPrefixesLater == nil)
        defer { memory?.end() }
        var walk = Walk(repository: self, budget: budget, shallowRoots: shallowRoots, memory: memory, annotator: annotator,
                        trackedPrefixesLater: trackedPrefixesLater)
        for tip in tips { try walk.discover(tip) }
        var statistics = WalkStatistics()
        while var commit = walk.pop() {
            try walk.discoverParents(of: commit)
            var scope: ChangedPathsScope?
            if commit.isShallowBoundary {
                statistics.shallowBoundaries += 1
            } else if !commit.isMerge, statistics.commitsWithChangedPaths < budget.commitLimit {
                scope = .full
                statistics.commitsWithChangedPaths += 1
            } else if !commit.isMerge, statistics.commitsWithTrackedPaths < budget.trackedLimit, walk.hasTrackedDiff() {
                scope = .tracked
                commit.changedPathsScope = .tracked
                statistics.commitsWithTrackedPaths += 1
            }
            statistics.commits += 1
            var pending: PendingDiff?
            if let scope {
                if deferDiffs {
                    if let remembered = memory?.rememberedPaths(of: commit.id, scope: scope) {
                        commit.changedPaths = remembered
                    } else {
                        pending = PendingDiff(commit: commit, parentTree: walk.parentTree(of: commit), diff: walk.diff(for: scope),
                                              scope: scope)
                    }
                } else {
                    commit.changedPaths = walk.changedPaths(of: commit, scope: scope, statistics: &statistics)
                }
            }
            guard try emit(commit, pending) else { break }
        }
        return statistics
    }
}

/// The walk's state: seen ids, a max-heap of discovered commits ordered by committer time, and the
/// trees of commits still waiting in the heap (a first parent's tree is usually found there).
private struct Walk {
    private struct HeapItem {
        let time: Int64
        let sequence: Int
        let slot: Int
    }

    let repository: GitRepository
    let diff: TreeDiff
    private(set) var trackedDiff: TreeDiff?
    /// Where the tracked prefixes come from when they were not known as the walk began (asked once, when
    /// the first commit past the full diffs wants them; the walk waits for them then).
    private var trackedPrefixesLater: (() -> [String])?
    private let trackedLimit: Int
    let shallowRoots: Set<ObjectID>
    let memory: WalkMemory?
    let annotator: WalkAnnotator?
    /// Only a walk that diffs needs the trees of commits waiting in the heap.
    let tracksTrees: Bool
    private var seen: Set<ObjectID> = []
    private var heap: [HeapItem] = []
    private var slots: [CommitInfo?] = []
    private var freeSlots: [Int] = []
    private var pendingTrees: [ObjectID: ObjectID] = [:]
    private var sequence = 0
    private var trees = TreeCache()

    init(repository: GitRepository, budget: ChangedPathsBudget, shallowRoots: Set<ObjectID>, memory: WalkMemory?,
         annotator: WalkAnnotator?, trackedPrefixesLater: (() -> [String])? = nil) {
        self.trackedPrefixesLater = trackedPrefixesLater
        self.trackedLimit = budget.trackedLimit
        self.repository = repository
        self.memory = memory
        self.annotator = annotator
        self.diff = TreeDiff(prefixes: budget.prefixes)
        self.trackedDiff = budget.trackedPrefixes.isEmpty || budget.trackedLimit == 0
            ? nil : TreeDiff(prefixes: budget.trackedPrefixes, exactPaths: true)
        self.shallowRoots = shallowRoots
        self.tracksTrees = budget.readsTrees(trackedPrefixesLater: trackedPrefixesLater != nil)
    }

    /// Whether commits past the full diffs get tracked diffs; asks for late tracked prefixes the first time.
    mutating func hasTrackedDiff() -> Bool {
        if let late = trackedPrefixesLater {
            trackedPrefixesLater = nil
            let prefixes = late()
            // A memory keeps tracked paths by the prefixes they were diffed under.
            memory?.useTrackedPrefixes(prefixes)
            if !prefixes.isEmpty, trackedLimit > 0 { trackedDiff = TreeDiff(prefixes: prefixes, exactPaths: true) }
        }
        return trackedDiff != nil
    }

    mutating func discover(_ id: ObjectID) throws(GitError) {
        guard seen.insert(id).inserted else { return }
        var commit = try readCommit(id, annotated: !shallowRoots.contains(id))
        if shallowRoots.contains(id), !commit.parents.isEmpty {
            commit = CommitInfo(
                id: commit.id, tree: commit.tree, parents: [], author: commit.author, committer: commit.committer,
                summary: commit.summary, body: commit.body, trailers: commit.trailers,
                isShallowBoundary: true, changedPaths: nil, annotation: commit.annotation, unreadText: commit.unreadText)
        }
        push(commit)
    }

    mutating func discoverParents(of commit: CommitInfo) throws(GitError) {
        for parent in commit.parents {
            do {
                try discover(parent)
            } catch let error where error.kind == .notFound {
                throw GitError(operation: "walk history",
                               message: "parent \(parent.hex) of commit \(commit.id.hex) is missing from the object database",
                               code: error.code, kind: .notFound)
            } catch let error where error.kind == .corrupt {
                // The walk stops here: a damaged commit's parents, and so the history below it, are unknown.
                throw GitError(operation: "walk history",
                               message: "parent \(parent.hex) of commit \(commit.id.hex) is damaged: \(error.message)",
                               code: error.code, kind: .corrupt)
            }
        }
    }

    /// The commit; without a memory its people's names and its message are only copied, and read as it is
    /// handed over (on the visitor's thread when there is one: they are a tenth of a cold walk's own work).
    private func readCommit(_ id: ObjectID, annotated: Bool = true) throws(GitError) -> CommitInfo {
        if let memory { return try memory.commit(id, in: repository.database, annotator: annotated ? annotator : nil) }
        return try repository.commit(id, deferringText: true)
    }

    /// The commit's changed paths in the scope (remembered, or diffed); nil when a tree on the way is
    /// damaged or missing (counted in the statistics: one unreadable tree must not end the walk of a
    /// whole history).
    mutating func changedPaths(of commit: CommitInfo, scope: ChangedPathsScope, statistics: inout WalkStatistics) -> [String]? {
        if let remembered = memory?.rememberedPaths(of: commit.id, scope: scope) { return remembered }
        do {
            let paths = try changedPaths(of: commit, using: scope == .full ? diff : trackedDiff!)
            memory?.remember(paths, of: commit.id, scope: scope)
            return paths
        } catch {
            statistics.commitsWithUnreadableTrees += 1
            if statistics.firstUnreadableTree == nil { statistics.firstUnreadableTree = error }
            return nil
        }
    }

    private mutating func changedPaths(of commit: CommitInfo, using diff: TreeDiff) throws(GitError) -> [String] {
        try diff.changedPaths(old: try firstParentTree(of: commit), new: commit.tree, cache: &trees, database: repository.database)
    }

    /// The tree of the commit's first parent (nil for a root commit): usually known from the heap.
    private func firstParentTree(of commit: CommitInfo) throws(GitError) -> ObjectID? {
        guard let first = commit.parents.first else { return nil }
        if let pending = pendingTrees[first] { return pending }
        return try readCommit(first).tree
    }

    /// The same, or why it cannot be read, for a diff computed elsewhere.
    func parentTree(of commit: CommitInfo) -> Result<ObjectID?, GitError> {
        Result { () throws(GitError) in try firstParentTree(of: commit) }
    }

    /// The diff a scope uses (the tracked one exists once `hasTrackedDiff` said so).
    func diff(for scope: ChangedPathsScope) -> TreeDiff {
        scope == .full ? diff : trackedDiff!
    }

    private mutating func push(_ commit: CommitInfo) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = commit
        } else {
            slot = slots.count
            slots.append(commit)
        }
        if tracksTrees { pendingTrees[commit.id] = commit.tree }
        heap.append(HeapItem(time: commit.committer.time.seconds, sequence: sequence, slot: slot))
        sequence += 1
        siftUp(heap.count - 1)
    }

    mutating func pop() -> CommitInfo? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        let commit = slots[top.slot]!
        slots[top.slot] = nil
        freeSlots.append(top.slot)
        if tracksTrees { pendingTrees[commit.id] = nil }
        return commit
    }

    /// Newer first; among equal times, the one discovered first.
    private func before(_ a: HeapItem, _ b: HeapItem) -> Bool {
        a.time != b.time ? a.time > b.time : a.sequence < b.sequence
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = parent * 2 + 1
            let right = left + 1
            var best = parent
            if left < heap.count, before(heap[left], heap[best]) { best = left }
            if right < heap.count, before(heap[right], heap[best]) { best = right }
            if best == parent { return }
            heap.swapAt(parent, best)
            parent = best
        }
    }
}
