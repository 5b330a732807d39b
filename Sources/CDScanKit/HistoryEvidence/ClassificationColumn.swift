/// Commit classifications kept in walk order in little memory while a long history is walked, and in the
/// history a rescan replays (`ReplayTip`, `ReplayFacts`): the traits of every commit (2 bytes each), a
/// byte saying whether it names anything, and whole classifications only for the few that name a forge,
/// a merged branch or a reverted commit. A replay reads a commit's traits without copying its strings.
struct ClassificationColumn: Equatable {
    private(set) var traits: [UInt16] = []
    /// Per commit: whether `named` holds its whole classification.
    private(set) var isNamed: [Bool] = []
    private var named: [Int32: CommitClassification] = [:]

    init() {}

    init(_ classifications: [CommitClassification]) {
        reserveCapacity(classifications.count)
        for classification in classifications { append(classification) }
    }

    /// Every commit's traits, with the named classifications by index (each must name something).
    init(traits: [UInt16], named: [Int32: CommitClassification]) {
        self.traits = traits
        var isNamed = [Bool](repeating: false, count: traits.count)
        for index in named.keys { isNamed[Int(index)] = true }
        self.isNamed = isNamed
        self.named = named
    }

    var count: Int { traits.count }

    mutating func reserveCapacity(_ count: Int) {
        traits.reserveCapacity(count)
        isNamed.reserveCapacity(count)
    }

    mutating func append(_ classification: CommitClassification) {
        let names = classification.forge != nil || classification.mergedBranch != nil || classification.reverted != nil
        if names { named[Int32(traits.count)] = classification }
        isNamed.append(names)
        traits.append(classification.traits.rawValue)
    }

    subscript(index: Int) -> CommitClassification {
        if isNamed[index], let whole = named[Int32(index)] { return whole }
        var classification = CommitClassification()
        classification.traits = WalkLog.Traits(rawValue: traits[index])
        return classification
    }

    /// The classifications that name something, by index.
    var namedClassifications: [Int32: CommitClassification] { named }

    /// The classifications of `order`'s commits, in that order.
    func keeping(_ order: [Int32]) -> ClassificationColumn {
        var named: [Int32: CommitClassification] = [:]
        for (position, old) in order.enumerated() where isNamed[Int(old)] {
            named[Int32(position)] = self.named[old]
        }
        return ClassificationColumn(traits: order.map { traits[Int($0)] }, named: named)
    }
}

extension ClassificationColumn: ExpressibleByArrayLiteral {
    init(arrayLiteral classifications: CommitClassification...) {
        self.init(classifications)
    }
}
