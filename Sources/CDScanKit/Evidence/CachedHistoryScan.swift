import GitAccess

/// The history part of a scan with `--cache`: replayed from the history the last scan left (`ReplayTip`)
/// when it can be, else walked (through the walk memory) while a new tip is gathered for the next scan.
///
/// A replay reads only the commits that are new since the tip (every ancestor of a commit the tip holds
/// is in the tip), orders the whole history on indexes as the walk would (`WalkOrder`), diffs the few
/// commits whose changed paths the tip does not hold, and replays it into the history builder: the
/// records and log of a walk, so the report is the same bytes. It is not used — the history is walked —
/// when the tip was made under other rules for messages or other diff prefixes, when an artefact is now
/// followed that it did not follow, for a shallow clone, or when anything in it cannot be read.
enum CachedHistoryScan {
    /// More new commits than this share of the cached history: a walk is as cheap.
    static let newCommitShare = 2
    /// Up to this many new commits (and diffs made for commits the cache did not cover), a rescan leaves
    /// the cached history as it was: reading them again costs less than writing the whole history.
    static let newCommitsKeptUnsaved = 64
    static let diffsKeptUnsaved = 256

    /// `whileWaiting`: work of the caller's done by a replay while it waits for the detectors' artefacts
    /// (not by a walk, whose thread is busy with the history all that time). The history cache's tip, when
    /// one is written, is written on a thread of its own while the scan goes on: `tipWrite`, to be settled
    /// into the snapshot's cache report before the scan is done.
    static func walk(_ opened: OpenedSnapshot, builder: HistoryEvidenceBuilder, catalogueKey: String,
                     trackedPrefixes pending: PendingPrefixes, whileWaiting: () -> Void = {})
        throws(ScanError) -> (snapshot: RepositorySnapshot, tipWrite: PendingTipWrite?) {
        guard let cache = opened.historyCache, !opened.isShallow, let conventions = builder.catalogue?.commits else {
            return (try SnapshotReader.walk(opened, observer: builder, trackedPrefixes: pending), nil)
        }
        let budget = opened.options.changedPaths
        var refused: String?
        switch cache.loadTip() {
        case .success(let tip)?:
            switch replay(tip, opened: opened, builder: builder, conventions: conventions, catalogueKey: catalogueKey,
                          pending: pending, whileWaiting: whileWaiting, cache: cache) {
            case .replayed(let snapshot, let tipWrite): return (snapshot, tipWrite)
            case .refused(let reason): refused = reason
            }
        case .failure(let error)?:
            refused = "it cannot be read (\(error))"
        case nil:
            break
        }
        // A walk, leaving a tip for the next scan.
        let recorder = ReplayTipRecorder()
        builder.keptClassifications = ClassificationColumn()
        var snapshot = try SnapshotReader.walk(opened, observer: builder, trackedPrefixes: pending, tipRecorder: recorder)
        let classifications = builder.keptClassifications ?? ClassificationColumn()
        builder.keptClassifications = nil
        guard var report = snapshot.historyCache else { return (snapshot, nil) }
        report.replayRefused = refused
        snapshot.historyCache = report
        // Whatever commit it began at (a `--revision` too): a later scan reads the commits since.
        guard let tip = recorder.tip(key: ReplayTip.Key(catalogueKey: catalogueKey, prefixes: budget.prefixes,
                                                        trackedPrefixes: builder.trackedPrefixes),
                                     records: snapshot.history, classifications: classifications,
                                     areas: builder.observedAreas, budget: budget) else { return (snapshot, nil) }
        return (snapshot, PendingTipWrite(in: cache) { tip })
    }

    private enum Outcome {
        case replayed(RepositorySnapshot, PendingTipWrite?)
        case refused(String)
    }

    private static func replay(_ tip: ReplayTip, opened: OpenedSnapshot, builder: HistoryEvidenceBuilder,
                               conventions: CommitConventions, catalogueKey: String, pending: PendingPrefixes,
                               whileWaiting: () -> Void, cache: HistoryCache) -> Outcome {
        var budget = opened.options.changedPaths
        guard tip.key.catalogueKey == catalogueKey else { return .refused("the rules that read commit messages changed") }
        guard tip.key.prefixes == budget.prefixes else { return .refused("--changed-paths asks for other prefixes") }
        let repository: GitRepository
        let extended: ExtendedHistory
        do {
            repository = try SnapshotReader.repository(at: opened.location.requestedPath)
            guard let read = try ExtendedHistory(tip, head: opened.head.commit, repository: repository, conventions: conventions) else {
                return .refused("too many new commits (or one with more than 255 parents)")
            }
            extended = read
        } catch {
            return .refused("\(error)")
        }
        let facts = extended.facts
        // The tip is its own walk, in order: only the new commits before it are ordered again. Neither the
        // order nor the full diffs depend on the artefacts: they are made while the detectors look for them.
        let order = facts.order(from: extended.headIndex, walkedFromFirst: extended.cachedCount)
        var paths = ChangedPathSource(extended, repository: repository, prefixes: budget.prefixes)
        paths.diffInFull(facts, order: order, commitLimit: budget.commitLimit)
        whileWaiting()
        // The artefacts to follow come from the file detectors, running beside this.
        // Fewer artefacts (one was removed) are followed from the paths kept for more; a new one would need
        // every commit past the full diffs diffed again, which the walk does as well.
        let tracked = HistoryEvidenceBuilder.trackedPrefixes(following: pending.wait())
        let kept = PathCover(tip.key.trackedPrefixes)
        guard tracked.allSatisfy(kept.covers) else { return .refused("the artefacts followed through the history changed") }
        builder.follow(trackedPrefixes: tracked)
        budget.trackedPrefixes = tracked
        paths.follow(tracked, narrowing: tracked == tip.key.trackedPrefixes ? nil : PathCover(tracked))
        paths.diffTracked(facts, order: order, budget: budget)
        var keptPaths: (full: [Int32: [String]?], tracked: [Int32: [String]?]) = ([:], [:])
        let records = HistoryReplay.replay(facts, order: order, budget: budget, into: builder, paths: { index, scope in
            let list = paths.paths(of: index, scope: scope)
            if scope == .full {
                ReplayTip.keep(list, at: index, in: &keptPaths.full)
            } else {
                ReplayTip.keep(list, at: index, in: &keptPaths.tracked)
            }
            return list
        }, areas: { index, _ in
            // Full paths the tip holds come with the areas the walk that diffed them worked out.
            extended.isCachedFullDiff(index) ? extended.tip.areas[Int(index)] : nil
        })
        var report = HistoryCacheReport(folder: cache.folder, usage: WalkMemory.Usage(), dropped: nil, bytesWritten: 0,
                                        writeError: nil, keptUnreached: opened.options.revision != nil)
        report.replay = HistoryCacheReport.ReplayUsage(commitsReplayed: order.count, commitsRead: extended.newCommits,
                                                       diffsComputed: paths.computed,
                                                       commitsUnreached: extended.tip.count - order.count)
        // A few new commits are read again by the next scan rather than the whole history written again;
        // a rewritten history (commits no longer reached) is written at once.
        let worthSaving = extended.newCommits > newCommitsKeptUnsaved || paths.computed > diffsKeptUnsaved
            || order.count != extended.tip.count
        if extended.newCommits > 0, !worthSaving {
            report.replayNotSaved = "\(extended.newCommits) new commits are read again until more than \(newCommitsKeptUnsaved) are new"
        }
        var tipWrite: PendingTipWrite?
        if opened.options.revision == nil, worthSaving {
            let key = ReplayTip.Key(catalogueKey: catalogueKey, prefixes: budget.prefixes, trackedPrefixes: tracked)
            let (tip, kept, areas, replayBudget) = (extended.tip, keptPaths, builder.observedAreas, budget)
            tipWrite = PendingTipWrite(in: cache) {
                tip.keeping(order, key: key, budget: replayBudget, fullPaths: kept.full, trackedPaths: kept.tracked, areas: areas)
            }
        }
        return .replayed(opened.snapshot(history: records, historyCache: report), tipWrite)
    }
}

/// The history cache's tip made and written on a thread of its own (while the scan works out its history
/// figures and its rules); `settle` waits for it and says in the report what was written, or why not.
struct PendingTipWrite {
    private let writing: BackgroundValue<Result<Int, any Error>>

    init(in cache: HistoryCache, making tip: @escaping @Sendable () -> ReplayTip) {
        writing = BackgroundValue { Result { try cache.saveTip(tip()) } }
    }

    func settle(_ report: inout HistoryCacheReport?) {
        let written = writing.value
        guard report != nil else { return }
        switch written {
        case .success(let bytes): report!.bytesWritten += bytes
        case .failure(let error): report!.writeError = "\(error)"
        }
    }
}

/// A cached history with the commits that are new since it, read from the repository: every commit
/// reachable from `head` that the tip does not hold, appended after the tip's commits.
struct ExtendedHistory {
    let tip: ReplayTip
    let facts: ReplayFacts
    let headIndex: Int
    let newCommits: Int
    /// How the cached walk diffed each of the cached commits.
    let cachedScopes: [ChangedPathsScope?]
    /// The trees of the new commits, by index (the tip's are read when a diff needs them).
    let newTrees: [Int32: ObjectID]
    /// Per cached commit: whether the tip lists changed paths for it (most diffed commits changed none
    /// that were kept), so that only those are looked up.
    let hasPathList: [Bool]

    var cachedCount: Int { cachedScopes.count }

    /// Whether a replay takes this commit's full changed paths from the tip (and so its areas): the tip's
    /// own walk diffed it in full too.
    func isCachedFullDiff(_ index: Int32) -> Bool {
        isCached(index, scope: .full)
    }

    /// Whether the tip's own walk diffed this commit in `scope` (so it holds its paths in that scope).
    func isCached(_ index: Int32, scope: ChangedPathsScope) -> Bool {
        Int(index) < cachedCount && cachedScopes[Int(index)] == scope
    }

    /// Nil when there are more new commits than the tip holds times `CachedHistoryScan.newCommitShare`
    /// (a walk costs no more), or one with more parents than a tip lists.
    init?(_ cached: ReplayTip, head: ObjectID, repository: GitRepository, conventions: CommitConventions) throws(GitError) {
        // The tip's commits by id, and the few new ones beside them.
        let known = cached.positions()
        var newIndex: [ObjectID: Int32] = [:]
        let cachedCount = cached.count
        var tip = cached
        var read: [CommitInfo] = []
        var pending = [head]
        let limit = max(1_000, cached.count * CachedHistoryScan.newCommitShare)
        while let id = pending.popLast() {
            guard known.position(of: id) == nil, newIndex[id] == nil else { continue }
            let commit = try repository.commit(id)
            newIndex[id] = Int32(tip.count + read.count)
            read.append(commit)
            guard read.count <= limit, commit.parents.count <= 255 else { return nil }
            pending.append(contentsOf: commit.parents.reversed())
        }
        var people: [Identity: Int32] = [:]
        if !read.isEmpty {
            for (position, identity) in tip.identities.enumerated() { people[identity] = Int32(position) }
        }
        func person(_ signature: Signature) -> Int32 {
            let identity = Identity(name: signature.name, email: signature.email)
            if let known = people[identity] { return known }
            people[identity] = Int32(tip.identities.count)
            tip.identities.append(identity)
            return Int32(tip.identities.count - 1)
        }
        var trees: [Int32: ObjectID] = [:]
        for commit in read {
            trees[Int32(tip.count)] = commit.tree
            tip.ids.append(commit.id)
            // A parent the repository does not hold stays out, as a walk that cannot read it stops.
            tip.parents.append(commit.parents.map { known.position(of: $0) ?? newIndex[$0] ?? -1 })
            tip.records.append(CommitRecord(
                id: commit.id, authorTime: commit.author.time.seconds, committerTime: commit.committer.time.seconds,
                authorOffsetMinutes: commit.author.time.offsetMinutes, committerOffsetMinutes: commit.committer.time.offsetMinutes,
                author: person(commit.author), committer: person(commit.committer),
                parentCount: UInt8(clamping: commit.parents.count)))
            tip.classifications.append(HistoryEvidenceBuilder.classification(of: commit, conventions))
            tip.areas.append(0)
        }
        self.tip = tip
        let added = newIndex
        let index = { (id: ObjectID) -> Int32? in known.position(of: id) ?? added[id] }
        facts = tip.facts(index: index)
        cachedScopes = tip.scopes(count: cachedCount)
        headIndex = Int(index(head)!)
        newCommits = read.count
        newTrees = trees
        var listed = [Bool](repeating: false, count: cachedCount)
        for index in tip.fullPaths.keys { listed[Int(index)] = true }
        for index in tip.trackedPaths.keys { listed[Int(index)] = true }
        hasPathList = listed
    }
}

/// The changed paths a replay asks for: the cached ones, else diffed now as the walk diffs them (against
/// the first parent; nil when a tree or commit cannot be read).
struct ChangedPathSource {
    private let history: ExtendedHistory
    private let repository: GitRepository
    private let prefixes: [String]
    private var full: CommitDiffer
    private var tracked: CommitDiffer?
    private var trees: [Int32: ObjectID?] = [:]
    private var trackedPrefixes: [String] = []
    /// Diffs made ahead (`diffInFull`, `diffTracked`), by index.
    private var madeInFull: [Int32: [String]?] = [:]
    private var madeTracked: [Int32: [String]?] = [:]
    /// The artefacts now followed, when they are fewer than those the cached paths were diffed below.
    private var narrowing: PathCover?
    private(set) var computed = 0

    /// `prefixes`: what full diffs look under; the artefacts are followed once known (`follow`).
    init(_ history: ExtendedHistory, repository: GitRepository, prefixes: [String]) {
        self.history = history
        self.repository = repository
        self.prefixes = prefixes
        full = CommitDiffer(repository, prefixes: prefixes, exactPaths: false)
    }

    /// The artefacts followed, and (when they are fewer than the tip's) the cover that narrows its lists.
    mutating func follow(_ trackedPrefixes: [String], narrowing: PathCover?) {
        self.trackedPrefixes = trackedPrefixes
        tracked = CommitDiffer(repository, prefixes: trackedPrefixes, exactPaths: true)
        self.narrowing = narrowing
    }

    /// Makes now the full diffs a replay of `order` will ask for and the tip does not hold: the first
    /// `commitLimit` commits that are not merges are diffed in full whatever the artefacts followed.
    mutating func diffInFull(_ facts: ReplayFacts, order: [Int32], commitLimit: Int) {
        let budget = ChangedPathsBudget(commitLimit: commitLimit, prefixes: [], trackedPrefixes: [], trackedLimit: 0)
        madeInFull = diffAhead(facts, order: order, budget: budget, scope: .full)
    }

    /// Makes now the diffs below the followed artefacts (`follow`) a replay of `order` with `budget` will
    /// ask for and the tip does not hold.
    mutating func diffTracked(_ facts: ReplayFacts, order: [Int32], budget: ChangedPathsBudget) {
        guard tracked != nil else { return }
        madeTracked = diffAhead(facts, order: order, budget: budget, scope: .tracked)
    }

    /// The diffs in `scope` that a replay with `budget` asks for and the tip does not hold, made on two
    /// threads (their trees read first: the few commits read here go through the repository).
    private mutating func diffAhead(_ facts: ReplayFacts, order: [Int32], budget: ChangedPathsBudget,
                                    scope: ChangedPathsScope) -> [Int32: [String]?] {
        var made: [Int32: [String]?] = [:]
        var pairs: [TreePair] = []
        var diffed: [Int32] = []
        HistoryReplay.visitBudget(facts, order: order, budget: budget) { index, wanted in
            guard wanted == scope, !history.isCached(index, scope: scope) else { return }
            computed += 1
            guard let pair = treePair(of: index) else {
                made.updateValue(nil, forKey: index)
                return
            }
            pairs.append(pair)
            diffed.append(index)
        }
        let (prefixes, exactPaths) = scope == .full ? (prefixes, false) : (trackedPrefixes, true)
        let lists = SplitDiffs.changedPaths(pairs, prefixes: prefixes, exactPaths: exactPaths, repository: repository)
        for (index, list) in zip(diffed, lists) { made.updateValue(list, forKey: index) }
        return made
    }

    mutating func paths(of index: Int32, scope: ChangedPathsScope) -> [String]? {
        if history.isCached(index, scope: scope) {
            guard history.hasPathList[Int(index)] else { return [] }
            let cached = scope == .full ? history.tip.fullPaths : history.tip.trackedPaths
            guard let known = cached.index(forKey: index) else { return [] }
            let list = cached[known].value
            guard scope == .tracked, let narrowing else { return list }
            // Trees unreadable below the artefacts followed then may be readable below fewer: diffed again.
            if let list { return list.filter(narrowing.covers) }
        }
        if scope == .full, let made = madeInFull.index(forKey: index) { return madeInFull[made].value }
        if scope == .tracked, let made = madeTracked.index(forKey: index) { return madeTracked[made].value }
        return diff(index, scope: scope)
    }

    private mutating func diff(_ index: Int32, scope: ChangedPathsScope) -> [String]? {
        computed += 1
        guard let pair = treePair(of: index) else { return nil }
        let id = history.tip.ids[Int(index)]
        if scope == .full {
            return try? full.changedPaths(of: id, tree: pair.tree, parentTree: pair.parentTree)
        }
        return try? tracked?.changedPaths(of: id, tree: pair.tree, parentTree: pair.parentTree)
    }

    /// The commit's tree and its first parent's; nil when either cannot be read.
    private mutating func treePair(of index: Int32) -> TreePair? {
        guard let tree = tree(of: index) else { return nil }
        let parent = history.tip.parents[Int(index)].first
        var parentTree: ObjectID?
        if let parent {
            guard parent >= 0, let read = self.tree(of: parent) else { return nil }
            parentTree = read
        }
        return TreePair(tree: tree, parentTree: parentTree)
    }

    private mutating func tree(of index: Int32) -> ObjectID? {
        if let known = history.newTrees[index] { return known }
        if let known = trees[index] { return known }
        let read = try? repository.commit(history.tip.ids[Int(index)]).tree
        trees[index] = read
        return read
    }
}
