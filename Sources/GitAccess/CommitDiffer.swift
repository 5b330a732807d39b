/// The changed paths of single commits against their first parent, as the history walk computes them
/// (`TreeDiff` under the same prefixes, trees cached between neighbouring commits): for a history
/// replayed from a cache, whose few commits without remembered paths are diffed one by one.
public struct CommitDiffer {
    private let repository: GitRepository
    private let diff: TreeDiff
    private var trees = TreeCache()

    /// `exactPaths` as for tracked prefixes (whole file paths or directories ending in "/").
    public init(_ repository: GitRepository, prefixes: [String], exactPaths: Bool) {
        self.repository = repository
        diff = TreeDiff(prefixes: prefixes, exactPaths: exactPaths)
    }

    /// The paths `commit` changed; `parentTree` is its first parent's tree (nil for a root commit).
    public mutating func changedPaths(of commit: ObjectID, tree: ObjectID, parentTree: ObjectID?) throws(GitError) -> [String] {
        try diff.changedPaths(old: parentTree, new: tree, cache: &trees, database: repository.database)
    }
}

/// The order in which `walkHistory` visits commits, worked out on indexes: newest committer time first,
/// among equal times the one discovered first, parents discovered when their child is visited.
public enum WalkOrder {
    /// The commits reachable from `tip`, in walk order. `parents[i]` are commit i's parents as indexes
    /// (negative for one that is not held, which is skipped).
    public static func order(from tip: Int32, committerTimes: [Int64], parents: ParentTable) -> [Int32] {
        var order: [Int32] = []
        var seen = [Bool](repeating: false, count: committerTimes.count)
        var heap = WalkOrderHeap()
        var sequence = 0
        func discover(_ index: Int32) {
            guard index >= 0, !seen[Int(index)] else { return }
            seen[Int(index)] = true
            heap.push(time: committerTimes[Int(index)], sequence: sequence, index: index)
            sequence += 1
        }
        discover(tip)
        while let next = heap.pop() {
            for parent in parents[Int(next)] { discover(parent) }
            order.append(next)
        }
        return order
    }
}
