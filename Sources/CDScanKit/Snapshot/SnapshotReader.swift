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
    /// Whether the work tree of a checkout is compared with HEAD, or read (`--worktree`). Never with a
    /// revision: a revision's files are that commit's.
    public var workTree: WorkTreeMode
    /// Where the history walk's memory is kept between scans (`--cache`); nil means none.
    public var cacheDirectory: String?

    public init(asOf: Int64? = nil, changedPaths: ChangedPathsBudget = .none, fileSizeCap: Int = 1 << 20,
                revision: String? = nil, workTree: WorkTreeMode = .ignore, cacheDirectory: String? = nil) {
        self.cacheDirectory = cacheDirectory
        self.asOf = asOf
        self.changedPaths = changedPaths
        self.fileSizeCap = fileSizeCap
        self.revision = revision
        self.workTree = workTree
    }
}

/// Reads a repository into a `RepositorySnapshot` in two plain steps: `open` reads HEAD, the refs and the
/// HEAD tree; `walk` then streams the history once, with an observer when one is given.
public enum SnapshotReader {
    /// Reads the repository: opened, then its history walked with no observer.
    public static func read(path: String, options: ScanOptions = ScanOptions()) throws(ScanError) -> RepositorySnapshot {
        try walk(try open(path: path, options: options), observer: nil)
    }

    /// The repository at `path` opened at HEAD (or the revision), its history not yet walked.
    static func open(path: String, options: ScanOptions) throws(ScanError) -> OpenedSnapshot {
        try open(try repository(at: path), requestedPath: path, options: options)
    }

    static func repository(at path: String) throws(ScanError) -> GitRepository {
        do throws(GitError) {
            return try GitRepository(path: path)
        } catch {
            throw error.kind == .notFound ? .notARepository(path: path, reason: error.message) : .git(error)
        }
    }

    /// The single history walk from the opened commit, into the snapshot's records; `observer` watches the
    /// same walk. Full diffs stay within the user's budget; the observer's artefacts are followed further back.
    static func walk(_ opened: OpenedSnapshot, observer: (any HistoryObserver)?) throws(ScanError) -> RepositorySnapshot {
        try walk(opened, observer: observer, cache: loadCache(opened))
    }

    /// The history cache of `--cache`, read (nil without one).
    private static func loadCache(_ opened: OpenedSnapshot) -> (cache: HistoryCache, loaded: HistoryCache.Loaded)? {
        opened.historyCache.map { cache in (cache, cache.load()) }
    }

    private static func walk(_ opened: OpenedSnapshot, observer: (any HistoryObserver)?,
                             cache read: (cache: HistoryCache, loaded: HistoryCache.Loaded)?) throws(ScanError) -> RepositorySnapshot {
        let options = opened.options
        var budget = options.changedPaths
        if let observer {
            budget.trackedPrefixes = observer.trackedPrefixes
        }
        do {
            let cache = read?.cache
            let loaded = read?.loaded
            var recorder = HistoryRecorder()
            try opened.files.withRepository { repository in
                try repository.walkHistory(from: [opened.head.commit], changedPaths: budget, shallowRoots: opened.shallowRoots,
                                           memory: loaded?.memory, annotator: observer?.annotator,
                                           visitBesideWalk: true) { commit in
                    recorder.record(commit)
                    observer?.observe(commit)
                }
            }
            let cacheReport = cache.flatMap { cache in loaded.map { saveCache(cache, $0, keepUnreached: options.revision != nil) } }
            return opened.snapshot(history: recorder.records, historyCache: cacheReport)
        } catch {
            throw scanError(error, path: opened.location.requestedPath)
        }
    }

    /// The same walk, begun while the observer's tracked prefixes are still being worked out on another
    /// thread, where the file detectors read the tree through the layout's handle: the walk reads through a
    /// handle of its own. The observer watches from the first commit and is told its tracked prefixes as
    /// soon as they are ready (it looks through the commits it saw before then); the walk waits for them
    /// only when the first commit past the full diffs needs them. With `--cache`, the cache is read first,
    /// still beside the detectors, and learns the tracked prefixes when the walk does. The same walk, so the
    /// same snapshot, as `walk(_:observer:)` with an observer that knew its prefixes.
    static func walk(_ opened: OpenedSnapshot, observer: any HistoryObserver, trackedPrefixes pending: PendingPrefixes,
                     tipRecorder: ReplayTipRecorder? = nil) throws(ScanError) -> RepositorySnapshot {
        let read = loadCache(opened)
        do {
            let repository = try repository(at: opened.location.requestedPath)
            var recorder = HistoryRecorder()
            var following = false
            do {
                try repository.walkHistory(from: [opened.head.commit], changedPaths: opened.options.changedPaths,
                                           shallowRoots: opened.shallowRoots, memory: read?.loaded.memory,
                                           annotator: observer.annotator, visitBesideWalk: true,
                                           trackedPrefixesLater: pending.wait) { commit in
                    recorder.record(commit)
                    tipRecorder?.record(commit)
                    if !following, let prefixes = pending.ready() {
                        observer.follow(trackedPrefixes: prefixes)
                        following = true
                    }
                    observer.observe(commit)
                }
            } catch {
                _ = pending.wait()  // nothing reads the repository once the scan has stopped
                throw error
            }
            if !following { observer.follow(trackedPrefixes: pending.wait()) }
            let cacheReport = read.map { saveCache($0.cache, $0.loaded, keepUnreached: opened.options.revision != nil) }
            return opened.snapshot(history: recorder.records, historyCache: cacheReport)
        } catch {
            throw scanError(error, path: opened.location.requestedPath)
        }
    }

    /// Everything of a snapshot but its history: HEAD (or the revision), the refs, the tree and its
    /// files. Each point of a one-pass history is opened this way, then given its replayed history.
    /// `references`, when given, are the repository's refs already read (every point of a history shares them).
    /// `knownTrees`: trees listed for earlier commits of the same run (a history's points), when the
    /// history cache does not provide them.
    static func open(_ repository: GitRepository, requestedPath path: String, options: ScanOptions,
                     references known: ReferenceListing? = nil, knownTrees: KnownTrees? = nil) throws(ScanError) -> OpenedSnapshot {
        var head: HeadState
        do {
            head = try repository.head()
        } catch {
            if error.kind == .unbornHead || repository.isEmpty { throw .emptyRepository(path: path) }
            throw .corruptRepository(path: path, reason: error.description)
        }
        if options.workTree == .include {
            if options.revision != nil {
                throw .workTreeUnavailable("--worktree reads the work tree of HEAD; it cannot be used with --revision")
            }
            if repository.isBare {
                throw .workTreeUnavailable("\(path) is a bare repository: there is no work tree for --worktree to read")
            }
            if !repository.hasIndex {
                throw .workTreeUnavailable("\(path) has no index (nothing was checked out): its work tree is not a checkout for --worktree to read")
            }
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
            // With --cache, tags peeled and trees listed by an earlier scan are taken from the cache. Not for
            // a history's points (given the refs): they share one reading of the refs, and each point would
            // rewrite the trees of the one before.
            let opening = known != nil ? nil : options.cacheDirectory.map {
                OpeningCache(HistoryCache(directory: $0, gitDirectory: repository.gitDirectory.path))
            }
            let references = try known ?? repository.references(peels: opening?.peels)
            let listing = try repository.listTree(of: head.commit, known: opening?.trees ?? knownTrees)
            var tree = listing.entries
            let cap = min(options.fileSizeCap, ScanOptions.maximumFileSizeCap)
            var workTree: WorkTreeState?
            var overlay: (root: String, overlay: WorkTreeOverlay)?
            if options.workTree != .ignore, options.revision == nil, let root = repository.workingDirectory, repository.hasIndex {
                let compared = try compareWorkTree(repository, listing: listing, mode: options.workTree, path: path)
                workTree = compared
                if options.workTree == .include {
                    let read = WorkTreeOverlay(root: root.path, changes: compared.changes, head: tree, cap: cap)
                    tree = read.apply(to: tree)
                    workTree = WorkTreeState(included: true, changes: read.changes, isTruncated: compared.isTruncated)
                    overlay = (root.path, read)
                }
            }
            let shallow = repository.isShallow
            let (defaultBranch, source) = defaultBranch(listing: references, head: head, isBare: repository.isBare)
            let location = RepositorySnapshot.Location(
                requestedPath: path,
                gitDirectory: repository.gitDirectory.path,
                workingDirectory: repository.workingDirectory?.path)
            let files = RepositoryFiles(repository: repository, sizeCap: cap, workTree: overlay)
            let layout = RepositoryLayout(
                head: head, tree: tree, branches: references.branches, tags: references.tags,
                defaultBranch: defaultBranch, isShallow: shallow, files: files, treeProblems: listing.problems)
            return OpenedSnapshot(location: location, head: head, options: options, isShallow: shallow,
                                  shallowRoots: shallow ? repository.shallowRoots() : [], defaultBranchSource: source,
                                  workTree: workTree, layout: layout, openingCache: opening)
        } catch {
            throw scanError(error, path: path)
        }
    }

    /// A failure while reading the repository, as a scan reports it: a damaged repository unless the
    /// scan already said more precisely what went wrong.
    private static func scanError(_ error: any Error, path: String) -> ScanError {
        switch error {
        case let error as ScanError: return error
        case let error as GitError: return .corruptRepository(path: path, reason: error.description)
        default: return .corruptRepository(path: path, reason: "\(error)")
        }
    }

    private static func saveCache(_ cache: HistoryCache, _ loaded: HistoryCache.Loaded, keepUnreached: Bool) -> HistoryCacheReport {
        var written = 0
        var writeError: String?
        do {
            written = try cache.save(loaded.memory, after: loaded, keepUnreached: keepUnreached)
        } catch {
            writeError = "\(error)"
        }
        return HistoryCacheReport(folder: cache.folder, usage: loaded.memory.usage, dropped: loaded.problem,
                                  bytesWritten: written, writeError: writeError, keptUnreached: keepUnreached)
    }

    /// Which paths of the work tree differ from HEAD (at most `WorkTreeState.limit`). A plain scan goes on
    /// when the comparison fails, and says so; `--worktree` stops.
    private static func compareWorkTree(
        _ repository: GitRepository, listing: TreeListing, mode: WorkTreeMode, path: String
    ) throws(ScanError) -> WorkTreeState {
        let budgetStopped = listing.problems.contains { $0.object == nil }
        let damagedDirectories = listing.problems.map(\.path).filter { $0.hasSuffix("/") }
        let isUnlisted = { (file: String) -> Bool in
            budgetStopped || damagedDirectories.contains { file.hasPrefix($0) }
        }
        do throws(GitError) {
            let index = try repository.indexEntries()
            let deltas = try repository.workTreeDeltas(index: index, limit: WorkTreeState.limit)
            let found = WorkTreeComparison.changes(head: listing.entries, isUnlisted: isUnlisted, index: index, deltas: deltas)
            return WorkTreeState(included: false, changes: found.changes, isTruncated: found.isTruncated)
        } catch {
            if mode == .include {
                throw .corruptRepository(path: path, reason: "cannot compare the work tree with HEAD: \(error.description)")
            }
            return WorkTreeState(included: false, changes: [], isTruncated: false, problem: error.description)
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

/// Tracked prefixes still being worked out on another thread: `ready` asks without waiting, `wait` waits.
struct PendingPrefixes: Sendable {
    let ready: @Sendable () -> [String]?
    let wait: @Sendable () -> [String]
}

/// A repository opened at one commit, its history not yet walked.
struct OpenedSnapshot {
    let location: RepositorySnapshot.Location
    let head: HeadState
    /// What the scan asked for: the as-of, the history budget, the cache.
    let options: ScanOptions
    let isShallow: Bool
    let shallowRoots: Set<ObjectID>
    let defaultBranchSource: RepositorySnapshot.DefaultBranchSource?
    let workTree: WorkTreeState?
    let layout: RepositoryLayout
    /// With `--cache`, the tags peeled and trees listed while opening, kept once the scan is known to go
    /// on (`keepOpeningCache()`): a scan stopped by its rules or configuration leaves the cache untouched.
    var openingCache: OpeningCache? = nil

    /// The `--cache` folder of this repository (worked out once, when the snapshot was opened, where it could be).
    var historyCache: HistoryCache? {
        openingCache?.cache ?? options.cacheDirectory.map { HistoryCache(directory: $0, gitDirectory: location.gitDirectory) }
    }

    var files: RepositoryFiles { layout.files }

    /// The snapshot, given the history walked (or replayed) from `head`.
    func snapshot(history: HistoryRecords, historyCache: HistoryCacheReport?) -> RepositorySnapshot {
        let headTime = history.commits.first?.committerTime ?? 0
        let asOf = options.asOf
        return RepositorySnapshot(
            location: location, head: head,
            asOf: asOf ?? headTime, asOfIsExplicit: asOf != nil,
            isShallow: isShallow, tree: layout.tree,
            branches: layout.branches, tags: layout.tags,
            defaultBranch: layout.defaultBranch, defaultBranchSource: defaultBranchSource,
            history: history,
            treeProblems: layout.treeProblems, damagedReads: layout.files.damagedReads, workTree: workTree,
            historyCache: historyCache)
    }
}
