import GitAccess

/// The small fixed record the snapshot keeps of every commit: what history metrics need, and nothing that
/// grows with message or path lengths. People are indexes into `HistoryRecords.identities`.
public struct CommitRecord: Sendable, Hashable {
    public let id: ObjectID
    public let authorTime: Int64
    public let committerTime: Int64
    public let authorOffsetMinutes: Int16
    public let committerOffsetMinutes: Int16
    public let author: Int32
    public let committer: Int32
    public let parentCount: UInt8

    public var isMerge: Bool { parentCount > 1 }
}

/// A person as a commit names them.
public struct Identity: Sendable, Hashable {
    public let name: String
    public let email: String
}

/// Every commit reachable from HEAD as compact records (newest first), and the identities they name.
public struct HistoryRecords: Sendable {
    public internal(set) var commits: [CommitRecord] = []
    public internal(set) var identities: [Identity] = []
    /// Commits whose parents are missing because the clone is shallow.
    public internal(set) var shallowBoundaries = 0
    /// Commits for which changed paths were computed (within the budget).
    public internal(set) var commitsWithChangedPaths = 0
    public internal(set) var changedPathCount = 0
}

/// Builds `HistoryRecords` from the walk, interning identities so each commit costs a fixed few bytes.
struct HistoryRecorder {
    private(set) var records = HistoryRecords()
    private var identityIndex: [Identity: Int32] = [:]
    // Neighbouring commits mostly share their author and committer: checking the last ones first
    // saves hashing two strings per signature.
    private var lastAuthor: (Identity, Int32)?
    private var lastCommitter: (Identity, Int32)?
    /// A replay's people: index in `ReplayFacts.identities` -> index in this walk's identities (-1: not yet).
    private var replayedPeople: [Int32] = []

    /// Room for `count` records (a replay knows how many it makes).
    mutating func reserveCapacity(_ count: Int) {
        records.commits.reserveCapacity(count)
    }

    mutating func record(_ commit: CommitInfo) {
        var lastAuthor = self.lastAuthor
        var lastCommitter = self.lastCommitter
        let author = intern(commit.author, last: &lastAuthor)
        let committer = intern(commit.committer, last: &lastCommitter)
        self.lastAuthor = lastAuthor
        self.lastCommitter = lastCommitter
        records.commits.append(CommitRecord(
            id: commit.id,
            authorTime: commit.author.time.seconds,
            committerTime: commit.committer.time.seconds,
            authorOffsetMinutes: commit.author.time.offsetMinutes,
            committerOffsetMinutes: commit.committer.time.offsetMinutes,
            author: author, committer: committer,
            parentCount: UInt8(clamping: commit.parents.count)))
        if commit.isShallowBoundary { records.shallowBoundaries += 1 }
        if let paths = commit.changedPaths, commit.changedPathsScope == .full {
            records.commitsWithChangedPaths += 1
            records.changedPathCount += paths.count
        }
    }

    /// Records commit `index` of a replayed history (`ReplayFacts`): the record `record(_:)` keeps of it,
    /// its people numbered in the order this walk meets them. `fullPaths`: how many paths it changed, when
    /// they were computed in full.
    mutating func record(replayed index: Int, _ facts: ReplayFacts, fullPaths: Int?) {
        if replayedPeople.isEmpty { replayedPeople = [Int32](repeating: -1, count: facts.identities.count) }
        let fact = facts.records[index]
        let author = intern(replayed: fact.author, facts)
        let committer = intern(replayed: fact.committer, facts)
        records.commits.append(CommitRecord(
            id: fact.id, authorTime: fact.authorTime, committerTime: fact.committerTime,
            authorOffsetMinutes: fact.authorOffsetMinutes, committerOffsetMinutes: fact.committerOffsetMinutes,
            author: author, committer: committer, parentCount: fact.parentCount))
        if facts.boundaryTimes[index] != nil { records.shallowBoundaries += 1 }
        if let fullPaths {
            records.commitsWithChangedPaths += 1
            records.changedPathCount += fullPaths
        }
    }

    private mutating func intern(replayed person: Int32, _ facts: ReplayFacts) -> Int32 {
        let known = replayedPeople[Int(person)]
        if known >= 0 { return known }
        let index = Int32(records.identities.count)
        records.identities.append(facts.identities[Int(person)])
        replayedPeople[Int(person)] = index
        return index
    }

    private mutating func intern(_ signature: Signature, last: inout (Identity, Int32)?) -> Int32 {
        if let (identity, index) = last, identity.email == signature.email, identity.name == signature.name {
            return index
        }
        let identity = Identity(name: signature.name, email: signature.email)
        let index: Int32
        if let known = identityIndex[identity] {
            index = known
        } else {
            index = Int32(records.identities.count)
            records.identities.append(identity)
            identityIndex[identity] = index
        }
        last = (identity, index)
        return index
    }
}
