import GitAccess

/// Everything a scan knows about a repository, read once and handed to every probe downstream: plain
/// values only (the files the scan needed were read before the walk, into the file evidence).
public struct RepositorySnapshot: Sendable {
    public struct Location: Sendable, Hashable {
        /// The path the user gave, as given.
        public let requestedPath: String
        /// The repository's git directory.
        public let gitDirectory: String
        /// The working tree; nil for a bare repository.
        public let workingDirectory: String?
        public var isBare: Bool { workingDirectory == nil }
    }

    /// How the default branch was found, so a reader can judge the guess.
    public enum DefaultBranchSource: String, Sendable, Hashable {
        case remoteHead = "origin/HEAD"
        case head = "HEAD"
        case conventionalName = "conventional name"
    }

    public let location: Location
    public let head: HeadState
    /// The HEAD commit's committer time, or the `--as-of` moment: every time window ends here.
    public let asOf: Int64
    public let asOfIsExplicit: Bool
    public let isShallow: Bool
    public let tree: [TreeEntry]
    public let branches: [Branch]
    public let tags: [Tag]
    public let defaultBranch: String?
    public let defaultBranchSource: DefaultBranchSource?
    public let history: HistoryRecords
    /// What the HEAD tree listing could not list (damaged objects, a budget that ran out).
    public let treeProblems: [TreeProblem]
    /// Files whose objects turned out damaged when they were read before the walk (by the configuration,
    /// the rule packs, the detectors), in the order they were met.
    public let damagedReads: [TreeProblem]
    /// The work tree against HEAD: nil when it was not compared (a bare repository, a revision, a batch).
    /// With `--worktree`, `tree` already holds the work tree's versions of these paths.
    public let workTree: WorkTreeState?
    /// What `--cache` did; nil without it.
    public var historyCache: HistoryCacheReport? = nil

    /// Every part of the HEAD tree that could not be read: listing problems, then files whose objects
    /// were found damaged when read.
    public var unreadableParts: [TreeProblem] { treeProblems + damagedReads }

    public var localBranches: [Branch] { branches.filter { !$0.isRemote } }
    public var remoteBranches: [Branch] { branches.filter { $0.isRemote } }
}
