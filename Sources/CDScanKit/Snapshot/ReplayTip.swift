import GitAccess

/// A walked history kept between scans (`--cache`) as the facts a replay reads: every commit reachable
/// from the commit the walk began at, in that walk's order (index 0 is that commit), with its record,
/// parents (as indexes), what its message means, and the changed paths the walk computed. A rescan reads
/// only the commits that are new since, orders the whole history on indexes (`WalkOrder`) and replays it
/// into the history builder (`HistoryReplay`), instead of walking tens of thousands of remembered commits.
struct ReplayTip: Sendable {
    /// What the kept facts depend on beyond the commits: the rules that read messages (their catalogues'
    /// digest), the prefixes full diffs were made under, and the artefacts followed past them.
    struct Key: Equatable, Sendable {
        var catalogueKey: String
        var prefixes: [String]
        var trackedPrefixes: [String]
    }

    var key: Key
    var ids: [ObjectID]
    /// Each commit's parents as indexes, in the object's order.
    var parents: ParentTable
    /// The records a scan keeps; `author` and `committer` index `identities`.
    var records: [CommitRecord]
    var identities: [Identity]
    var classifications: ClassificationColumn
    /// Per commit, the areas (`areas.yml`, a bit each) its full changed paths touch, as the history
    /// builder worked them out; 0 for a commit not diffed in full. A replay reuses them with the paths.
    var areas: [UInt8]
    /// The limits of the walk the tip keeps: which of its commits were diffed in full, and which below the
    /// followed artefacts, follows from them and the order (`scopes()`).
    var commitLimit: Int
    var trackedLimit: Int
    /// The changed paths of the diffed commits that changed any, by index (paths diffed in full, and below
    /// the followed artefacts only); a nil list for a commit whose trees could not be read. A diffed commit
    /// that is not listed changed nothing there.
    var fullPaths: [Int32: [String]?]
    var trackedPaths: [Int32: [String]?]

    var count: Int { ids.count }

    /// How the tip's own walk diffed each of its first `count` commits (its own, before any new ones were
    /// added after them). A tip holds no shallow boundary: only merges are never diffed.
    func scopes(count: Int) -> [ChangedPathsScope?] {
        var scopes = [ChangedPathsScope?](repeating: nil, count: count)
        let budget = ChangedPathsBudget(commitLimit: commitLimit, prefixes: key.prefixes, trackedPrefixes: key.trackedPrefixes,
                                        trackedLimit: trackedLimit)
        HistoryReplay.visitBudget(order: Array(0..<Int32(count)), budget: budget,
                                  isNeverDiffed: { records[$0].isMerge }) { index, scope in
            scopes[Int(index)] = scope
        }
        return scopes
    }

    /// What a diff found, as a tip keeps it: nothing for an empty list.
    static func keep(_ paths: [String]?, at index: Int32, in lists: inout [Int32: [String]?]) {
        if let paths {
            if !paths.isEmpty { lists[index] = paths }
        } else {
            lists.updateValue(nil, forKey: index)
        }
    }

    /// The facts a replay reads, with the index of every commit by id (`index`, when it is known already).
    func facts(index known: ((ObjectID) -> Int32?)? = nil) -> ReplayFacts {
        let index: (ObjectID) -> Int32?
        if let known {
            index = known
        } else {
            let positions = positions()
            index = { positions.position(of: $0) }
        }
        // Only the few classifications that name something name a reverted commit.
        var reverted = [Int32](repeating: -1, count: ids.count)
        for (commit, classification) in classifications.namedClassifications {
            if let id = classification.reverted, let found = index(id) { reverted[Int(commit)] = found }
        }
        return ReplayFacts(ids: ids, parents: parents, boundaryTimes: [Int64?](repeating: nil, count: ids.count),
                           classifications: classifications, reverted: reverted, records: records, identities: identities,
                           index: index)
    }

    /// Each commit's index by id.
    func positions() -> ObjectPositions {
        ObjectPositions(ids)
    }

    /// The commits of `order` alone, renumbered in that order (a rescan keeps what its own walk reached);
    /// `areas` are the replay's own, in that order.
    func keeping(_ order: [Int32], key: Key, budget: ChangedPathsBudget, fullPaths: [Int32: [String]?],
                 trackedPaths: [Int32: [String]?], areas: [UInt8]) -> ReplayTip {
        var position = [Int32](repeating: -1, count: count)
        for (newIndex, old) in order.enumerated() { position[Int(old)] = Int32(newIndex) }
        func renumber(_ paths: [Int32: [String]?]) -> [Int32: [String]?] {
            var kept: [Int32: [String]?] = [:]
            for (old, list) in paths where position[Int(old)] >= 0 { kept[position[Int(old)]] = list }
            return kept
        }
        var kept = ParentTable()
        kept.reserveCapacity(commits: order.count, parents: parents.values.count)
        for old in order { kept.append(parents[Int(old)].lazy.map { $0 >= 0 ? position[Int($0)] : -1 }) }
        return ReplayTip(key: key, ids: order.map { ids[Int($0)] }, parents: kept,
                         records: order.map { records[Int($0)] }, identities: identities,
                         classifications: classifications.keeping(order), areas: areas,
                         commitLimit: budget.commitLimit, trackedLimit: budget.trackedLimit,
                         fullPaths: renumber(fullPaths), trackedPaths: renumber(trackedPaths))
    }
}

/// Gathers a `ReplayTip` from a walk as it is visited (with the records of the same walk and the
/// classifications its history builder made), so that a scan with `--cache` leaves one for the next.
final class ReplayTipRecorder {
    /// Every commit's parent ids back to back, and how many each has (the ids themselves are the
    /// records').
    private var parentIDs: [ObjectID] = []
    private var parentCounts: [UInt8] = []
    private var fullPaths: [Int32: [String]?] = [:]
    private var trackedPaths: [Int32: [String]?] = [:]
    /// Whether the walk handed over changed paths with each commit (a diffed commit without them could
    /// not be read).
    private var hadPaths: [Bool] = []
    /// A shallow boundary's parents are not in the history: such a walk leaves no tip.
    private(set) var isUsable = true

    func record(_ commit: CommitInfo) {
        let index = Int32(parentCounts.count)
        parentIDs.append(contentsOf: commit.parents.prefix(255))
        parentCounts.append(UInt8(clamping: commit.parents.count))
        // The tip lists at most 255 parents a commit (a count byte); a larger octopus is walked.
        if commit.isShallowBoundary || commit.parents.count > 255 { isUsable = false }
        hadPaths.append(commit.changedPaths != nil)
        guard let paths = commit.changedPaths, !paths.isEmpty else { return }
        switch commit.changedPathsScope {
        case .full: fullPaths[index] = paths
        case .tracked: trackedPaths[index] = paths
        }
    }

    /// The tip, given the same walk's records, the classification and areas of every commit (in walk order)
    /// and its budget (whose tracked prefixes are the key's): a commit the budget diffed whose paths the
    /// walk could not compute is kept as unreadable.
    func tip(key: ReplayTip.Key, records: HistoryRecords, classifications kept: ClassificationColumn, areas: [UInt8],
             budget: ChangedPathsBudget) -> ReplayTip? {
        guard isUsable, records.commits.count == parentCounts.count, kept.count == parentCounts.count,
              areas.count == parentCounts.count else { return nil }
        let ids = records.commits.map(\.id)
        let index = ObjectPositions(ids)
        var parents = ParentTable()
        parents.reserveCapacity(commits: ids.count, parents: parentIDs.count)
        var next = 0
        for count in parentCounts {
            parents.append(parentIDs[next..<(next + Int(count))].lazy.map { index.position(of: $0) ?? -1 })
            next += Int(count)
        }
        var tip = ReplayTip(key: key, ids: ids, parents: parents, records: records.commits, identities: records.identities,
                            classifications: kept, areas: areas, commitLimit: budget.commitLimit, trackedLimit: budget.trackedLimit,
                            fullPaths: fullPaths, trackedPaths: trackedPaths)
        for (index, scope) in tip.scopes(count: tip.count).enumerated() where scope != nil && !hadPaths[index] {
            if scope == .full {
                tip.fullPaths.updateValue(nil, forKey: Int32(index))
            } else {
                tip.trackedPaths.updateValue(nil, forKey: Int32(index))
            }
        }
        return tip
    }
}
