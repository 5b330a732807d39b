import GitAccess

/// A walk replayed from `ReplayFacts` into a history builder: the points of `cdscan history` and a rescan
/// from a cached history (`ReplayTip`) both give the builder the commits a walk from their tip visits, in
/// its order, with the changed paths its budget asks for, and keep the records a walk keeps.
enum HistoryReplay {
    /// What a walk with `budget` diffs, commit by commit in `order`: the first `commitLimit` commits that
    /// are neither merges nor shallow boundaries in full, the next `trackedLimit` below the followed
    /// artefacts (when there are any), as `walkHistory` does.
    static func visitBudget(_ facts: ReplayFacts, order: [Int32], budget: ChangedPathsBudget,
                            _ diffed: (Int32, ChangedPathsScope?) -> Void) {
        visitBudget(order: order, budget: budget, isNeverDiffed: { facts.boundaryTimes[$0] != nil || facts.isMerge($0) }, diffed)
    }

    /// The same, given which commits a walk never diffs (merges and shallow boundaries).
    static func visitBudget(order: [Int32], budget: ChangedPathsBudget, isNeverDiffed: (Int) -> Bool,
                            _ diffed: (Int32, ChangedPathsScope?) -> Void) {
        var fullCount = 0
        var trackedCount = 0
        let tracks = !budget.trackedPrefixes.isEmpty && budget.trackedLimit > 0
        for index in order {
            if isNeverDiffed(Int(index)) {
                diffed(index, nil)
            } else if fullCount < budget.commitLimit {
                fullCount += 1
                diffed(index, .full)
            } else if tracks, trackedCount < budget.trackedLimit {
                trackedCount += 1
                diffed(index, .tracked)
            } else {
                diffed(index, nil)
            }
        }
    }

    /// Replays `order` into `builder` (which follows its artefacts already); `paths` gives a diffed
    /// commit's changed paths in its scope (nil when its trees could not be read), `areas` the area bits of
    /// full paths when they are known. Returns the records the walk keeps.
    static func replay(_ facts: ReplayFacts, order: [Int32], budget: ChangedPathsBudget, into builder: HistoryEvidenceBuilder,
                       paths: (Int32, ChangedPathsScope) -> [String]?,
                       areas: (Int32, [String]) -> UInt8? = { _, _ in nil }) -> HistoryRecords {
        var recorder = HistoryRecorder()
        recorder.reserveCapacity(order.count)
        var cursor = builder.startReplay(facts)
        visitBudget(facts, order: order, budget: budget) { index, scope in
            let changed = scope.flatMap { paths(index, $0) }
            let known = scope == .full ? changed.flatMap { areas(index, $0) } : nil
            recorder.record(replayed: Int(index), facts, fullPaths: scope == .full ? changed?.count : nil)
            builder.observe(replayed: index, facts, &cursor, paths: changed, scope: scope ?? .full, areas: known)
        }
        builder.endReplay(&cursor, facts)
        return recorder.records
    }
}
