import GitAccess

/// What a snapshot holds, in figures: the output of `cdscan scan` until the assessment replaces it.
public struct SnapshotSummary: Codable, Sendable, Equatable {
    public struct Repository: Codable, Sendable, Equatable {
        public let path: String
        public let gitDirectory: String
        public let bare: Bool
        public let shallow: Bool
        public let head: String
        public let branch: String?
        public let detached: Bool
        public let asOf: String
        public let asOfSource: String
    }

    public struct History: Codable, Sendable, Equatable {
        public let commits: Int
        public let merges: Int
        public let firstCommit: String?
        public let lastCommit: String?
        public let spanDays: Int
        public let authors: Int
        public let committers: Int
        public let shallowBoundaries: Int
        public let commitsWithChangedPaths: Int
        public let changedPaths: Int
        /// True when history-based figures miss commits (a shallow clone).
        public let incomplete: Bool
    }

    public struct References: Codable, Sendable, Equatable {
        public let defaultBranch: String?
        public let defaultBranchSource: String?
        public let branches: [String]
        public let remoteBranches: [String]
        public let tags: Int
        public let annotatedTags: Int
        public let latestTag: String?
    }

    public struct Files: Codable, Sendable, Equatable {
        public let files: Int
        public let executables: Int
        public let symlinks: Int
        public let submodules: Int
        public let bytes: Int
    }

    public let tool: String
    public let repository: Repository
    public let history: History
    public let references: References
    public let tree: Files

    public init(_ snapshot: RepositorySnapshot, toolVersion: String) {
        tool = "cdscan \(toolVersion)"
        let commits = snapshot.history.commits
        repository = Repository(
            path: snapshot.location.workingDirectory ?? snapshot.location.gitDirectory,
            gitDirectory: snapshot.location.gitDirectory,
            bare: snapshot.location.isBare,
            shallow: snapshot.isShallow,
            head: snapshot.head.commit.hex,
            branch: snapshot.head.branch,
            detached: snapshot.head.isDetached,
            asOf: Timestamp.iso8601(snapshot.asOf),
            asOfSource: snapshot.asOfIsExplicit ? "--as-of" : "HEAD commit time")
        var first: Int64?
        var last: Int64?
        var merges = 0
        // Which identities authored and committed: marks by identity index, not a set of a hundred
        // thousand insertions.
        var isAuthor = [Bool](repeating: false, count: snapshot.history.identities.count)
        var isCommitter = isAuthor
        for commit in commits {
            first = min(first ?? commit.authorTime, commit.authorTime)
            last = max(last ?? commit.authorTime, commit.authorTime)
            if commit.isMerge { merges += 1 }
            isAuthor[Int(commit.author)] = true
            isCommitter[Int(commit.committer)] = true
        }
        let authorIndexes = isAuthor.indices.filter { isAuthor[$0] }
        let committerIndexes = isCommitter.indices.filter { isCommitter[$0] }
        // People are counted by e-mail address, case-insensitively, as `git shortlog -se` would merge them.
        let emails = snapshot.history.identities.map { $0.email.lowercased() }
        history = History(
            commits: commits.count,
            merges: merges,
            firstCommit: first.map(Timestamp.iso8601),
            lastCommit: last.map(Timestamp.iso8601),
            spanDays: first.flatMap { f in last.map { l in Int((l - f) / 86_400) } } ?? 0,
            authors: Set(authorIndexes.map { emails[$0] }).count,
            committers: Set(committerIndexes.map { emails[$0] }).count,
            shallowBoundaries: snapshot.history.shallowBoundaries,
            commitsWithChangedPaths: snapshot.history.commitsWithChangedPaths,
            changedPaths: snapshot.history.changedPathCount,
            incomplete: snapshot.isShallow)
        let latest = snapshot.tags.filter { $0.date != nil }.max { ($0.date!.seconds, $0.name) < ($1.date!.seconds, $1.name) }
        references = References(
            defaultBranch: snapshot.defaultBranch,
            defaultBranchSource: snapshot.defaultBranchSource?.rawValue,
            branches: snapshot.localBranches.map(\.name),
            remoteBranches: snapshot.remoteBranches.map(\.name),
            tags: snapshot.tags.count,
            annotatedTags: snapshot.tags.filter(\.isAnnotated).count,
            latestTag: latest?.name)
        // One pass over the tree, not a filtered copy of it per figure.
        var files = 0, executables = 0, symlinks = 0, submodules = 0, bytes = 0
        for entry in snapshot.tree {
            switch entry.kind {
            case .file, .executable:
                files += 1
                if entry.kind == .executable { executables += 1 }
                bytes += entry.size ?? 0
            case .symlink: symlinks += 1
            case .submodule: submodules += 1
            }
        }
        tree = Files(files: files, executables: executables, symlinks: symlinks, submodules: submodules, bytes: bytes)
    }
}
