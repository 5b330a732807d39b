import GitAccess
import YAMLReader

/// Watches the single history walk and keeps, per commit, a few fixed bytes of what its message, shape
/// and changed paths say; `finish(snapshot:)` turns that and the snapshot's records into `HistoryEvidence`.
/// Nothing here grows with message or path lengths, only with the number of commits (and with the few
/// commits that touch followed artefacts, merges' branch names and reverts).
public final class HistoryEvidenceBuilder: HistoryObserver {
    /// The artefact paths followed through the walk; empty until `follow(trackedPrefixes:)` for a builder
    /// made before the file detectors had found them.
    public private(set) var trackedPrefixes: [String]
    let catalogue: HistoryCatalogue?
    let catalogueProblem: String?
    /// The catalogue's areas, held apart: a replayed commit then copies no catalogue out of an optional.
    private let areaCatalogue: AreaCatalogue?
    let tags: [Tag]
    private let wantedTargets: Set<ObjectID>
    private var log = WalkLog()
    /// Parent id -> the children (walk index, parent slot) waiting for it; links chain through `waiting`.
    private var pendingParents: [ObjectID: Int32] = [:]
    private var waiting: [(child: Int32, slot: Int32, next: Int32)] = []
    /// Reverted commit id -> the reverts naming it, until the reverted commit is walked.
    private var pendingReverts: [ObjectID: [Int32]] = [:]
    /// `trackedPrefixes` split for lookups: a commit adding a hundred thousand paths costs a hundred
    /// thousand lookups, not that many times the number of artefacts.
    private var tracked: PathCover
    /// Whether the followed artefacts are known; until then the changed paths of the commits observed
    /// are kept here, to be looked through once they are.
    private var isFollowing: Bool
    private var unfollowedPaths: [(index: Int32, paths: [String])] = []
    /// Each changed path's area, computed once per distinct path.
    private var areaOfPath: [String: Int8] = [:]
    /// Whether the followed artefacts cover a changed path, when they include folders (`covers`).
    private var coverOfPath: [String: Bool] = [:]

    /// `trackedPaths`: the artefact paths the file detectors found (files, or prefixes ending in "/"); the
    /// walk follows their changes past the full-diff limit.
    public convenience init(layout: RepositoryLayout, catalogues: [RuleSourceFile], trackedPaths: [String]) {
        self.init(layout: layout, catalogue: Result { () throws(YAMLError) in try HistoryCatalogue.load(from: catalogues) },
                  trackedPaths: trackedPaths)
    }

    /// The same with the history catalogues already read (or the error that kept them out).
    public convenience init(layout: RepositoryLayout, catalogue loaded: Result<HistoryCatalogue, YAMLError>, trackedPaths: [String]) {
        self.init(layout: layout, catalogue: loaded)
        follow(trackedPrefixes: trackedPaths)
    }

    /// A builder that can watch the walk before the file detectors have named the artefacts to follow:
    /// `follow(trackedPrefixes:)` must be called (on the thread that observes) before `finish`.
    public init(layout: RepositoryLayout, catalogue loaded: Result<HistoryCatalogue, YAMLError>) {
        trackedPrefixes = []
        tracked = PathCover([])
        isFollowing = false
        tags = layout.tags
        wantedTargets = Set(layout.tags.compactMap(\.target))
        do {
            let read = try loaded.get()
            catalogue = read
            catalogueProblem = nil
            areaCatalogue = read.areas
        } catch {
            catalogue = nil
            catalogueProblem = error.description
            areaCatalogue = nil
        }
    }

    /// Names the catalogues that read messages (a digest of their files); with it, a cached walk hands
    /// over each commit's classification instead of its message.
    public var annotationKey: String?

    public var annotator: WalkAnnotator? {
        guard let annotationKey, let conventions = catalogue?.commits else { return nil }
        return WalkAnnotator(key: annotationKey) { commit in CommitClassification(commit, conventions).bytes }
    }

    public func observe(_ commit: CommitInfo) {
        observe(commit, areas: nil)
    }

    /// Observes a commit whose areas (the bits `areaBits(of:)` gives for its full changed paths) may be
    /// known already: a replayed history works them out once for every point.
    func observe(_ commit: CommitInfo, areas knownAreas: UInt8?) {
        let index = Int32(log.count)
        var traits = WalkLog.Traits()
        var areaBits: UInt8 = 0
        log.firstParent.append(-1)
        log.secondParent.append(-1)
        resolveParents(of: commit.id, at: index)
        for (slot, parent) in commit.parents.enumerated() {
            waiting.append((child: index, slot: Int32(slot), next: pendingParents[parent] ?? -1))
            pendingParents[parent] = Int32(waiting.count - 1)
        }
        if let reverts = pendingReverts.removeValue(forKey: commit.id) {
            for revert in reverts { log.revertPairs.append((revert: revert, reverted: index)) }
        }
        if wantedTargets.contains(commit.id) { log.tagTargets[commit.id] = index }
        if commit.isShallowBoundary {
            traits.insert(.shallowBoundary)
            log.boundaryTimes.append(commit.committer.time.seconds)
        }
        if let catalogue {
            traits.formUnion(classify(commit, at: index, catalogue.commits))
            areaBits = observePaths(commit.changedPaths, scope: commit.changedPathsScope, areas: knownAreas, at: index,
                                    catalogue.areas, traits: &traits, log: &log)
        }
        log.traits.append(traits)
        log.areas.append(areaBits)
    }

    /// Starts a replay of `facts`: the cursor holds the log and the waiting links until `endReplay`.
    func startReplay(_ facts: ReplayFacts) -> ReplayCursor {
        var cursor = ReplayCursor(count: facts.count, wantedTargets: wantedTargets(among: facts))
        swap(&cursor.log, &log)
        swap(&cursor.waiting, &waiting)
        return cursor
    }

    /// Observes commit `commit` of a replayed history: the log `observe(_:areas:)` keeps when given that
    /// commit with `paths` in `scope`, with its parents, its reverted commit and the tag targets found by
    /// their indexes in the history (`cursor`) instead of by id, and its message's meaning read once for
    /// every point (`facts`).
    func observe(replayed commit: Int32, _ facts: ReplayFacts, _ cursor: inout ReplayCursor,
                 paths: [String]?, scope: ChangedPathsScope, areas knownAreas: UInt8?) {
        let index = Int32(cursor.log.count)
        let graphIndex = Int(commit)
        var traits = WalkLog.Traits()
        var areaBits: UInt8 = 0
        cursor.log.firstParent.append(-1)
        cursor.log.secondParent.append(-1)
        cursor.position[graphIndex] = index
        var link = cursor.waitingFor[graphIndex]
        cursor.waitingFor[graphIndex] = -1
        while link >= 0 {
            let entry = cursor.waiting[Int(link)]
            cursor.log.setParent(child: entry.child, slot: Int(entry.slot), parent: index)
            link = entry.next
        }
        var slot: Int32 = 0
        for parent in facts.parents[graphIndex] {
            defer { slot += 1 }
            guard parent >= 0 else { continue }
            cursor.waiting.append((child: index, slot: slot, next: cursor.waitingFor[Int(parent)]))
            cursor.waitingFor[Int(parent)] = Int32(cursor.waiting.count - 1)
        }
        if cursor.awaitsRevert[graphIndex] {
            cursor.awaitsRevert[graphIndex] = false
            if let reverts = cursor.pendingReverts.removeValue(forKey: commit) {
                for revert in reverts { cursor.log.revertPairs.append((revert: revert, reverted: index)) }
            }
        }
        if cursor.isWantedTarget[graphIndex] { cursor.log.tagTargets[facts.ids[graphIndex]] = index }
        if let boundaryTime = facts.boundaryTimes[graphIndex] {
            traits.insert(.shallowBoundary)
            cursor.log.boundaryTimes.append(boundaryTime)
        }
        if let areaCatalogue {
            let reverted = facts.reverted[graphIndex]
            if reverted >= 0 {
                cursor.pendingReverts[reverted, default: []].append(index)
                cursor.awaitsRevert[Int(reverted)] = true
            }
            // Most commits name nothing: their traits are all there is, read without copying a classification.
            if facts.classifications.isNamed(graphIndex) {
                traits.formUnion(apply(facts.classifications[graphIndex], at: index, to: &cursor.log))
            } else {
                traits.formUnion(WalkLog.Traits(rawValue: facts.classifications.traits[graphIndex]))
            }
            areaBits = observePaths(paths, scope: scope, areas: knownAreas, at: index, areaCatalogue, traits: &traits,
                                    log: &cursor.log)
        }
        cursor.log.traits.append(traits)
        cursor.log.areas.append(areaBits)
    }

    /// Ends a replay: the log and waiting links go back to the builder. A parent walked before its child
    /// (a committer clock running backwards) is linked here by its walk index, which a walk finds only in
    /// `finish`, by id, with a scan of every record.
    func endReplay(_ cursor: inout ReplayCursor, _ facts: ReplayFacts) {
        swap(&cursor.log, &log)
        swap(&cursor.waiting, &waiting)
        for (graphIndex, head) in cursor.waitingFor.enumerated() where head >= 0 {
            let parent = cursor.position[graphIndex]
            guard parent >= 0 else { continue }
            var link = head
            while link >= 0 {
                let entry = waiting[Int(link)]
                log.setParent(child: entry.child, slot: Int(entry.slot), parent: parent)
                link = entry.next
            }
        }
    }

    /// The tag targets of this builder's tags among a replayed history's commits.
    func wantedTargets(among facts: ReplayFacts) -> [Bool] {
        var wanted = [Bool](repeating: false, count: facts.ids.count)
        for id in wantedTargets {
            if let index = facts.index(of: id) { wanted[index] = true }
        }
        return wanted
    }

    /// What a commit's changed paths add to the log: the traits saying they were looked at, the areas of
    /// full ones, the followed artefacts they touch.
    private func observePaths(_ paths: [String]?, scope: ChangedPathsScope, areas knownAreas: UInt8?, at index: Int32,
                              _ areaCatalogue: AreaCatalogue, traits: inout WalkLog.Traits, log: inout WalkLog) -> UInt8 {
        guard let paths else { return 0 }
        var areaBits: UInt8 = 0
        traits.insert(.pathsLooked)
        if scope == .full {
            traits.insert(.fullPaths)
            areaBits = knownAreas ?? areas(of: paths, areaCatalogue)
        }
        if !paths.isEmpty { recordArtefactTouches(paths, at: index, log: &log) }
        return areaBits
    }

    private func resolveParents(of id: ObjectID, at index: Int32) {
        guard var link = pendingParents.removeValue(forKey: id) else { return }
        while link >= 0 {
            let entry = waiting[Int(link)]
            log.setParent(child: entry.child, slot: Int(entry.slot), parent: index)
            link = entry.next
        }
    }

    /// The areas of every commit observed so far, in walk order: a scan with `--cache` keeps them with the
    /// changed paths in the history it leaves (`ReplayTip`).
    var observedAreas: [UInt8] { log.areas }

    /// Every walked commit's classification, in walk order, while not nil: a scan with `--cache` keeps
    /// them in the history it leaves for the next one (`ReplayTip`).
    var keptClassifications: ClassificationColumn?

    /// Applies what the conventions read in the commit's message (remembered, or read now) to the log.
    private func classify(_ commit: CommitInfo, at index: Int32, _ conventions: CommitConventions) -> WalkLog.Traits {
        let classification = Self.classification(of: commit, conventions)
        keptClassifications?.append(classification)
        if let reverted = classification.reverted { pendingReverts[reverted, default: []].append(index) }
        return apply(classification, at: index, to: &log)
    }

    /// What the conventions read in the commit's message: remembered by a cached walk, or read now.
    static func classification(of commit: CommitInfo, _ conventions: CommitConventions) -> CommitClassification {
        commit.annotation.flatMap(CommitClassification.init(bytes:)) ?? CommitClassification(commit, conventions)
    }

    /// The forge and merged branch a classification names, into the log; its traits.
    private func apply(_ classification: CommitClassification, at index: Int32, to log: inout WalkLog) -> WalkLog.Traits {
        if let forge = classification.forge { log.forges[forge, default: 0] += 1 }
        if let name = classification.mergedBranch {
            log.mergedBranch[index] = Int32(log.branchNames.count)
            log.branchNames.append(name)
        }
        return classification.traits
    }

    /// The areas of the catalogue that `paths` touch, one bit each; 0 without a catalogue.
    func areaBits(of paths: [String]) -> UInt8 {
        catalogue.map { areas(of: paths, $0.areas) } ?? 0
    }

    private func areas(of paths: [String], _ catalogue: AreaCatalogue) -> UInt8 {
        var bits: UInt8 = 0
        for path in paths {
            let area: Int8
            if let known = areaOfPath[path] {
                area = known
            } else {
                area = Int8(catalogue.area(of: path) ?? -1)
                areaOfPath[path] = area
            }
            if area >= 0 { bits |= 1 << UInt8(area) }
        }
        return bits
    }

    /// The artefacts the walk follows, once the file detectors have found them; the commits observed so
    /// far are looked through now, in walk order, so the log is the one of a builder that knew them first.
    public func follow(trackedPrefixes paths: [String]) {
        precondition(!isFollowing, "a builder follows one set of artefacts")
        trackedPrefixes = Self.trackedPrefixes(following: paths)
        tracked = PathCover(trackedPrefixes)
        isFollowing = true
        let waiting = unfollowedPaths
        unfollowedPaths = []
        for (index, paths) in waiting { recordArtefactTouches(paths, at: index, log: &log) }
    }

    /// The tracked prefixes of a builder that follows these artefact paths (each once, in order).
    static func trackedPrefixes(following paths: [String]) -> [String] {
        Array(Set(paths)).sorted()
    }

    private func recordArtefactTouches(_ paths: [String], at index: Int32, log: inout WalkLog) {
        guard isFollowing else {
            unfollowedPaths.append((index, paths))
            return
        }
        guard !trackedPrefixes.isEmpty else { return }
        for path in paths where covers(path) {
            log.artefactTouches[path, default: []].append(index)
        }
    }

    /// Whether a followed artefact covers `path`; below followed folders, remembered per distinct path
    /// (one lookup, where testing each folder above a long path costs a string and a lookup a level).
    private func covers(_ path: String) -> Bool {
        guard tracked.hasFolders else { return tracked.covers(path) }
        if let known = coverOfPath[path] { return known }
        let covered = tracked.covers(path)
        coverOfPath[path] = covered
        return covered
    }

    /// Turns what the walk saw into figures. `snapshot.history.commits` are the same commits, in the same
    /// order, as this builder observed.
    /// A pipeline deploys on every push: each mainline change reaches an environment without a release
    /// tag, so a revert is a failed change even when no tag contained the reverted commit.
    public var deploysOnPush = false

    public func finish(snapshot: RepositorySnapshot) -> HistoryEvidence {
        precondition(isFollowing, "finish before the followed artefacts were given")
        guard let catalogue else {
            return HistoryEvidence(asOf: snapshot.asOf, catalogueProblem: catalogueProblem)
        }
        resolveSkewedParents(snapshot.history.commits)
        var context = HistoryContext(snapshot: snapshot, log: log, catalogue: catalogue, tags: tags)
        context.deploysOnPush = deploysOnPush
        return context.evidence(trackedPaths: trackedPrefixes)
    }

    /// A parent walked before one of its children (a committer clock running backwards) was not waiting
    /// for it; such links are found by one scan of the records.
    private func resolveSkewedParents(_ records: [CommitRecord]) {
        guard !pendingParents.isEmpty else { return }
        var index: [ObjectID: Int32] = [:]
        for (position, record) in records.enumerated() where pendingParents[record.id] != nil {
            index[record.id] = Int32(position)
        }
        for (id, head) in pendingParents {
            guard let parent = index[id] else { continue }
            var link = head
            while link >= 0 {
                let entry = waiting[Int(link)]
                log.setParent(child: entry.child, slot: Int(entry.slot), parent: parent)
                link = entry.next
            }
        }
        pendingParents = [:]
    }
}
