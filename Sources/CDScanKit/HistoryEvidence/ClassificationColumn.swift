/// Commit classifications kept in walk order in little memory while a long history is walked, and in the
/// history a rescan replays (`ReplayTip`, `ReplayFacts`): the traits of every commit (2 bytes each), a
/// slot per commit, and whole classifications only for the few that name a forge, a merged branch or a
/// reverted commit. A replay reads a commit's traits without copying its strings.
struct ClassificationColumn: Equatable, Sendable {
    private(set) var traits: [UInt16] = []
    /// Per commit: its place in `named`, or -1 when it names nothing.
    private var slots: [Int32] = []
    /// The classifications that name something, in commit order, and their commits.
    private var named: [CommitClassification] = []
    private var namedCommits: [Int32] = []

    init() {}

    init(_ classifications: [CommitClassification]) {
        reserveCapacity(classifications.count)
        for classification in classifications { append(classification) }
    }

    /// Every commit's traits, with the classifications that name something and their commits (ascending,
    /// each below `traits.count`).
    init(traits: [UInt16], namedCommits: [Int32], named: [CommitClassification]) {
        precondition(namedCommits.count == named.count && zip(namedCommits, namedCommits.dropFirst()).allSatisfy { $0 < $1 }
                     && namedCommits.allSatisfy { $0 >= 0 && Int($0) < traits.count })
        self.traits = traits
        var slots = [Int32](repeating: -1, count: traits.count)
        for (slot, commit) in namedCommits.enumerated() { slots[Int(commit)] = Int32(slot) }
        self.slots = slots
        self.named = named
        self.namedCommits = namedCommits
    }

    var count: Int { traits.count }

    mutating func reserveCapacity(_ count: Int) {
        traits.reserveCapacity(count)
        slots.reserveCapacity(count)
    }

    mutating func append(_ classification: CommitClassification) {
        if classification.forge != nil || classification.mergedBranch != nil || classification.reverted != nil {
            slots.append(Int32(named.count))
            named.append(classification)
            namedCommits.append(Int32(traits.count))
        } else {
            slots.append(-1)
        }
        traits.append(classification.traits.rawValue)
    }

    /// Whether commit `index` names a forge, a merged branch or a reverted commit.
    func isNamed(_ index: Int) -> Bool { slots[index] >= 0 }

    subscript(index: Int) -> CommitClassification {
        let slot = slots[index]
        if slot >= 0 { return named[Int(slot)] }
        var classification = CommitClassification()
        classification.traits = WalkLog.Traits(rawValue: traits[index])
        return classification
    }

    /// The classifications that name something, with their commits, in commit order.
    var namedClassifications: Zip2Sequence<[Int32], [CommitClassification]> { zip(namedCommits, named) }

    /// The classifications of `order`'s commits, in that order.
    func keeping(_ order: [Int32]) -> ClassificationColumn {
        var keptCommits: [Int32] = [], kept: [CommitClassification] = []
        for (position, old) in order.enumerated() where slots[Int(old)] >= 0 {
            keptCommits.append(Int32(position))
            kept.append(named[Int(slots[Int(old)])])
        }
        return ClassificationColumn(traits: order.map { traits[Int($0)] }, namedCommits: keptCommits, named: kept)
    }
}

extension ClassificationColumn: ExpressibleByArrayLiteral {
    init(arrayLiteral classifications: CommitClassification...) {
        self.init(classifications)
    }
}
