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
