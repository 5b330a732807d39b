/// Every commit reachable from one tip, read by a single walk and kept in memory, so that the walks from
/// many commits of that history (the points of `cdscan history`) are replayed instead of read again.
/// `order(from:)` gives the commits a walk from any of them would visit, in the order it would visit
/// them; `changedPaths` diffs each commit at most once for all the replays together.
///
/// A commit an annotator has read is kept without its message (the annotation stands for it), so the
/// graph costs a few hundred bytes per commit.
public struct HistoryGraph {
    public private(set) var commits: [CommitInfo] = []
    /// Walk indexes of each commit's parents, in the object's order (none for a shallow boundary).
    private var parentIndexes = ParentTable()
    private var indexOf: [ObjectID: Int32] = [:]
    private var committerTimes: [Int64] = []
    /// The prefixes `changedPaths` diffs below: every change (or the budget's prefixes), and the followed
    /// artefacts of every replay together.
    private let fullDiff: TreeDiff
    private let trackedDiff: TreeDiff?
    private let memory: WalkMemory?

    public var count: Int { commits.count }

    public func index(of id: ObjectID) -> Int? { indexOf[id].map(Int.init) }

    /// Walks the history from `tips` once (newest first). `budget` names the prefixes of the diffs
    /// `changedPaths` will make (its limits are the replays' business); `memory` and `annotator` work as
    /// in `walkHistory`.
    public init(_ repository: GitRepository, from tips: [ObjectID], prefixes budget: ChangedPathsBudget,
                shallowRoots: Set<ObjectID>, memory: WalkMemory?, annotator: WalkAnnotator?) throws {
        fullDiff = TreeDiff(prefixes: budget.prefixes)
        trackedDiff = budget.trackedPrefixes.isEmpty ? nil : TreeDiff(prefixes: budget.trackedPrefixes, exactPaths: true)
        self.memory = memory
        // No diffs during the walk: only the prefixes, so that the memory keeps the paths it holds for them.
        let prefixesOnly = ChangedPathsBudget(commitLimit: 0, prefixes: budget.prefixes,
                                              trackedPrefixes: budget.trackedPrefixes, trackedLimit: 0)
        var commits: [CommitInfo] = []
        var indexOf: [ObjectID: Int32] = [:]
        try repository.walkHistory(from: tips, changedPaths: prefixesOnly, shallowRoots: shallowRoots,
                                   memory: memory, annotator: annotator, visitBesideWalk: true) { commit in
            var kept = commit
            if let annotator, kept.annotation == nil, !kept.isShallowBoundary {
                kept.annotation = annotator.annotate(kept)
            }
            if kept.annotation != nil {
                kept = CommitInfo(id: kept.id, tree: kept.tree, parents: kept.parents, author: kept.author,
                                  committer: kept.committer, summary: "", body: "", trailers: [],
                                  isShallowBoundary: kept.isShallowBoundary, changedPaths: nil, annotation: kept.annotation)
            }
            indexOf[kept.id] = Int32(commits.count)
            commits.append(kept)
        }
        // A walk reaches every parent it does not stop at (a shallow boundary lists none).
        for commit in commits { parentIndexes.append(commit.parents.compactMap { indexOf[$0] }) }
        committerTimes = commits.map(\.committer.time.seconds)
        self.commits = commits
        self.indexOf = indexOf
    }

    /// The commits a walk from `tip` visits, in its order: newest committer time first, among equal
    /// times the one discovered first, parents discovered when their child is visited (what
    /// `walkHistory` does, step for step).
    public func order(from tip: Int) -> [Int32] {
        WalkOrder.order(from: Int32(tip), committerTimes: committerTimes, parents: parentIndexes)
    }

    /// The changed paths of the commits marked `full` (every change, or below the budget's prefixes)
    /// and `tracked` (below the followed artefacts only), each diffed once, remembered ones taken from
    /// the memory; nil for a commit whose trees cannot be read, and for merges and shallow boundaries,
    /// which walks do not diff.
    public func changedPaths(_ repository: GitRepository, full: [Bool], tracked: [Bool])
        -> (full: [Int32: [String]?], tracked: [Int32: [String]?]) {
        var fullPaths: [Int32: [String]?] = [:]
        var trackedPaths: [Int32: [String]?] = [:]
        var cache = TreeCache()
        for index in commits.indices where full[index] || tracked[index] {
            let commit = commits[index]
            guard !commit.isMerge, !commit.isShallowBoundary else { continue }
            let parentTree = parentIndexes[index].first.map { commits[Int($0)].tree }
            if full[index] {
                fullPaths[Int32(index)] = paths(of: commit, parentTree: parentTree, scope: .full, diff: fullDiff,
                                                cache: &cache, repository: repository)
            }
            if tracked[index], let trackedDiff {
                trackedPaths[Int32(index)] = paths(of: commit, parentTree: parentTree, scope: .tracked, diff: trackedDiff,
                                                   cache: &cache, repository: repository)
            }
        }
        return (fullPaths, trackedPaths)
    }

    private func paths(of commit: CommitInfo, parentTree: ObjectID?, scope: ChangedPathsScope, diff: TreeDiff,
                       cache: inout TreeCache, repository: GitRepository) -> [String]? {
        if let remembered = memory?.rememberedPaths(of: commit.id, scope: scope) { return remembered }
        guard let paths = try? diff.changedPaths(old: parentTree, new: commit.tree, cache: &cache, database: repository.database) else {
            return nil
        }
        memory?.remember(paths, of: commit.id, scope: scope)
        return paths
    }
}
