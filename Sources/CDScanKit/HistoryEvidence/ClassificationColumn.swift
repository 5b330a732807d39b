/// Commit classifications kept in walk order in little memory while a long history is walked: the traits
/// of every commit (2 bytes each), and whole classifications only for the few that name a forge, a merged
/// branch or a reverted commit.
struct ClassificationColumn {
    private(set) var traits: [UInt16] = []
    private var named: [Int32: CommitClassification] = [:]

    var count: Int { traits.count }

    mutating func append(_ classification: CommitClassification) {
        if classification.forge != nil || classification.mergedBranch != nil || classification.reverted != nil {
            named[Int32(traits.count)] = classification
        }
        traits.append(classification.traits.rawValue)
    }

    subscript(index: Int) -> CommitClassification {
        if let whole = named[Int32(index)] { return whole }
        var classification = CommitClassification()
        classification.traits = WalkLog.Traits(rawValue: traits[index])
        return classification
    }
}
