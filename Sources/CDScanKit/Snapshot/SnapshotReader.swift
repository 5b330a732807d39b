import GitAccess

/// What a scan reads and how much work it may do.
public struct ScanOptions: Sendable {
    /// The end of every time window; nil means the HEAD commit's committer time. Never the wall clock.
    public var asOf: Int64?
    /// How many commits get their changed paths computed, and under which prefixes.
    public var changedPaths: ChangedPathsBudget
    /// Files larger than this are listed with their size but not read; never more than `maximumFileSizeCap`.
    public var fileSizeCap: Int
    /// The largest file a scan ever reads (64 MiB): every reader holds a file whole, and parsers keep a few
    /// times its size, so a larger cap would let one file cost gigabytes. Far above any real CI file.
    public static let maximumFileSizeCap = 64 << 20
    /// The commit to assess instead of HEAD (a revision: an id, a branch, a tag); nil means HEAD. The tree
    /// and the history are that commit's; HEAD's branch is still reported as the branch.
    public var revision: String?

    public init(asOf: Int64? = nil, changedPaths: ChangedPathsBudget = .none, fileSizeCap: Int = 1 << 20,
                revision: String? = nil) {
        self.asOf = asOf
        self.changedPaths = changedPaths
        self.fileSizeCap = fileSizeCap
        self.revision = revision
    }
}

/// Reads a repository into a `RepositorySnapshot`: HEAD, refs, the HEAD tree, and one streaming walk
/// of the history.
public enum SnapshotReader {
    /// Reads the repository; `observer`, when given, is made from the layout (HEAD tree, refs) and then
    /// watches the same single history walk that fills the snapshot's records.
    public static func read(
        path: String, options: ScanOptions = ScanOptions(),
        observer: ((RepositoryLayout) throws -> (any HistoryObserver)?)? = nil
    ) throws(ScanError) -> RepositorySnapshot {
        let repository: GitRepository
        do {
            repository = try GitRepository(path: path)
        } catch {
            throw error.kind == .notFound
                ? .notARepository(path: path, reason: error.message) : .git(error)
        }
        return try read(repository, requestedPath: path, options: options, observer: observer)
    }

    private static func read(
        _ repository: GitRepository, requestedPath path: String, options: ScanOptions,
        observer makeObserver: ((RepositoryLayout) throws -> (any HistoryObserver)?)?
    ) throws(ScanError) -> RepositorySnapshot {
        var head: HeadState
        do {
            head = try repository.head()
        } catch {
            if error.kind == .unbornHead || repository.isEmpty { throw .emptyRepository(path: path) }
            throw .corruptRepository(path: path, reason: error.description)
        }
        if let revision = options.revision {
            do throws(GitError) {
                head = HeadState(commit: try repository.resolveCommit(revision), branch: head.branch)
            } catch {
                if error.kind == .corrupt { throw .corruptRepository(path: path, reason: error.description) }
                throw .invalidOption("\(path): no commit '\(revision)' (\(error.message))")
            }
        }
        do {
            let references = try repository.references()
            let listing = try repository.listTree(of: head.commit)
            let tree = listing.entries
            let shallow = repository.isShallow
            let shallowRoots = shallow ? repository.shallowRoots() : []
            let (defaultBranch, source) = defaultBranch(listing: references, head: head, isBare: repository.isBare)
            let location = RepositorySnapshot.Location(
                requestedPath: path,
                gitDirectory: repository.gitDirectory.path,
                workingDirectory: repository.workingDirectory?.path)
            let files = RepositoryFiles(repository: repository, sizeCap: min(options.fileSizeCap, ScanOptions.maximumFileSizeCap))
            let layout = RepositoryLayout(
                head: head, tree: tree, branches: references.branches, tags: references.tags,
                defaultBranch: defaultBranch, isShallow: shallow, files: files, treeProblems: listing.problems)
            let observer = try makeObserver?(layout)
            // Full diffs stay within the user's budget; the observer's artefacts are followed further back.
            var budget = options.changedPaths
            if let observer {
                budget.trackedPrefixes = observer.trackedPrefixes
            }
            var recorder = HistoryRecorder()
            try files.withRepository { repository in
                try repository.walkHistory(from: [head.commit], changedPaths: budget, shallowRoots: shallowRoots) { commit in
                    recorder.record(commit)
                    observer?.observe(commit)
                }
            }
            let headTime = recorder.records.commits.first?.committerTime ?? 0
            return RepositorySnapshot(
                location: location, head: head,
                asOf: options.asOf ?? headTime, asOfIsExplicit: options.asOf != nil,
                isShallow: shallow, tree: tree,
                branches: references.branches, tags: references.tags,
                defaultBranch: defaultBranch, defaultBranchSource: source,
                history: recorder.records,
                files: files, treeProblems: listing.problems)
        } catch let error as GitError {
            throw .corruptRepository(path: path, reason: error.description)
        } catch {
            throw .corruptRepository(path: path, reason: "\(error)")
        }
    }

    /// The branch the team integrates into: what `origin/HEAD` names; else HEAD's branch in a bare mirror
    /// (a mirror's HEAD is the remote's default); else HEAD's branch if it has a conventional default name;
    /// else the first of main, master, trunk, develop that exists; else HEAD's branch.
    static func defaultBranch(
        listing: ReferenceListing, head: HeadState, isBare: Bool
    ) -> (String?, RepositorySnapshot.DefaultBranchSource?) {
        if let remoteHead = listing.symbolic.first(where: { $0.name == "refs/remotes/origin/HEAD" }),
           remoteHead.target.hasPrefix("refs/remotes/origin/") {
            return (String(remoteHead.target.dropFirst("refs/remotes/origin/".count)), .remoteHead)
        }
        let conventional = ["main", "master", "trunk", "develop", "default"]
        if let branch = head.branch, isBare || conventional.contains(branch) {
            return (branch, .head)
        }
        let local = Set(listing.branches.filter { !$0.isRemote }.map(\.name))
        if let name = conventional.first(where: local.contains) {
            return (name, .conventionalName)
        }
        return (head.branch, head.branch == nil ? nil : .head)
    }
}
