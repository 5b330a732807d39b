import GitAccess

/// What the replays of one history (`PointsScanner`, one per point of `cdscan history`) need of each of
/// its commits, worked out once for every point: the record a scan keeps (people as indexes into one
/// table), what the message means, and the parents and reverted commit as indexes into the history. A
/// point's replay then reads these instead of copying, hashing and classifying every commit again.
final class ReplayFacts {
    let ids: [ObjectID]
    /// Each commit's parents as indexes into the history, in the object's order; -1 for one it does not
    /// hold (a shallow boundary lists none).
    let parents: ParentTable
    /// The committer time of a shallow boundary; nil for every other commit.
    let boundaryTimes: [Int64?]
    /// What the conventions read in each message; empty without conventions.
    let classifications: ClassificationColumn
    /// The index of the commit a revert names; -1 for none, or one the history does not hold.
    let reverted: [Int32]
    /// The records a scan keeps, `author` and `committer` indexes into `identities`.
    let records: [CommitRecord]
    let identities: [Identity]
    /// A commit's index by id.
    private let lookup: (ObjectID) -> Int?

    /// The facts of a history kept between scans (`ReplayTip`), with the index of every commit by id.
    convenience init(ids: [ObjectID], parents: ParentTable, boundaryTimes: [Int64?], classifications: ClassificationColumn,
                     reverted: [Int32], records: [CommitRecord], identities: [Identity], index: @escaping (ObjectID) -> Int32?) {
        self.init(ids: ids, parents: parents, boundaryTimes: boundaryTimes, classifications: classifications, reverted: reverted,
                  records: records, identities: identities, lookup: { id in index(id).map(Int.init) })
    }

    private init(ids: [ObjectID], parents: ParentTable, boundaryTimes: [Int64?], classifications: ClassificationColumn,
                 reverted: [Int32], records: [CommitRecord], identities: [Identity], lookup: @escaping (ObjectID) -> Int?) {
        self.ids = ids
        self.parents = parents
        self.boundaryTimes = boundaryTimes
        self.classifications = classifications
        self.reverted = reverted
        self.records = records
        self.identities = identities
        self.lookup = lookup
    }

    convenience init(_ graph: HistoryGraph, conventions: CommitConventions?) {
        var identityIndex: [Identity: Int32] = [:]
        var identities: [Identity] = []
        func intern(_ signature: Signature) -> Int32 {
            let identity = Identity(name: signature.name, email: signature.email)
            if let known = identityIndex[identity] { return known }
            identityIndex[identity] = Int32(identities.count)
            identities.append(identity)
            return Int32(identities.count - 1)
        }
        var ids: [ObjectID] = [], parents = ParentTable(), boundaryTimes: [Int64?] = []
        var classifications = ClassificationColumn(), reverted: [Int32] = [], records: [CommitRecord] = []
        for commit in graph.commits {
            ids.append(commit.id)
            parents.append(commit.parents.map { parent in graph.index(of: parent).map(Int32.init) ?? -1 })
            boundaryTimes.append(commit.isShallowBoundary ? commit.committer.time.seconds : nil)
            records.append(CommitRecord(
                id: commit.id, authorTime: commit.author.time.seconds, committerTime: commit.committer.time.seconds,
                authorOffsetMinutes: commit.author.time.offsetMinutes, committerOffsetMinutes: commit.committer.time.offsetMinutes,
                author: intern(commit.author), committer: intern(commit.committer),
                parentCount: UInt8(clamping: commit.parents.count)))
            if let conventions {
                let classification = HistoryEvidenceBuilder.classification(of: commit, conventions)
                classifications.append(classification)
                reverted.append(classification.reverted.flatMap { graph.index(of: $0) }.map(Int32.init) ?? -1)
            }
        }
        self.init(ids: ids, parents: parents, boundaryTimes: boundaryTimes, classifications: classifications, reverted: reverted,
                  records: records, identities: identities, lookup: { id in graph.index(of: id) })
    }

    var count: Int { ids.count }

    func index(of id: ObjectID) -> Int? { lookup(id) }

    /// The commits a walk from commit `tip` visits, in its order; `walkedFromFirst`: how many commits from
    /// the first are that commit's walk already, in its order (`WalkOrder`).
    func order(from tip: Int, walkedFromFirst: Int = 0) -> [Int32] {
        WalkOrder.order(from: Int32(tip), committerTimes: records.map(\.committerTime), parents: parents,
                        walkedFromFirst: walkedFromFirst)
    }

    func isMerge(_ index: Int) -> Bool { records[index].parentCount > 1 }
}

/// One point's replay over `ReplayFacts`: where each commit fell in its walk, and the children and
/// reverts still waiting for a commit, by the commit's index in the history.
///
/// While a replay runs, the builder's log and waiting links are held here (`HistoryEvidenceBuilder.
/// startReplay`): each commit then extends local arrays, not a class's stored properties, whose every
/// access is checked for exclusivity at run time.
struct ReplayCursor {
    /// Walk index of each commit of the history; -1 until walked.
    var position: [Int32]
    /// The first of the links (into `waiting`) of the children waiting for each commit.
    var waitingFor: [Int32]
    var pendingReverts: [Int32: [Int32]] = [:]
    /// Per commit: whether a revert walked before it names it (it is then looked up in `pendingReverts`).
    var awaitsRevert: [Bool]
    let isWantedTarget: [Bool]
    /// The builder's log and waiting links, during the replay.
    var log = WalkLog()
    var waiting: [(child: Int32, slot: Int32, next: Int32)] = []

    init(count: Int, wantedTargets: [Bool]) {
        position = [Int32](repeating: -1, count: count)
        waitingFor = [Int32](repeating: -1, count: count)
        awaitsRevert = [Bool](repeating: false, count: count)
        isWantedTarget = wantedTargets
    }
}
