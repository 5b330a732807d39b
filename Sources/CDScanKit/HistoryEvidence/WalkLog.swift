/// What the builder keeps of each commit, in walk order (index 0 is HEAD): a few fixed bytes per commit,
/// beside the snapshot's `CommitRecord`s, plus sparse tables for the rare things (merged branch names,
/// reverts, tag targets, artefact touches).
struct WalkLog {
    /// What a commit's message and shape say.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt16
        static let mergeRequestMerge = Traits(rawValue: 1 << 0)
        static let squashReference = Traits(rawValue: 1 << 1)
        static let revert = Traits(rawValue: 1 << 2)
        static let hotfix = Traits(rawValue: 1 << 3)
        static let issueReference = Traits(rawValue: 1 << 4)
        static let conventional = Traits(rawValue: 1 << 5)
        static let reviewed = Traits(rawValue: 1 << 6)
        static let coAuthored = Traits(rawValue: 1 << 7)
        static let signedOff = Traits(rawValue: 1 << 8)
        static let versionBump = Traits(rawValue: 1 << 9)
        static let deploy = Traits(rawValue: 1 << 10)
        /// Its changed paths were computed in full (areas are known).
        static let fullPaths = Traits(rawValue: 1 << 11)
        /// Its changed paths were computed, at least below the followed artefact paths.
        static let pathsLooked = Traits(rawValue: 1 << 12)
        static let shallowBoundary = Traits(rawValue: 1 << 13)
        /// Repairs a release after the fact or nudges the pipeline (see `release-fixups` in commits.yml).
        static let releaseFixup = Traits(rawValue: 1 << 14)
    }

    var traits: [Traits] = []
    /// One bit per area of the areas catalogue.
    var areas: [UInt8] = []
    /// Walk indexes of the first and second parents; -1 when none or not (yet) known.
    var firstParent: [Int32] = []
    var secondParent: [Int32] = []
    /// Parents beyond the second (octopus merges), rare.
    var extraParents: [Int32: [Int32]] = [:]
    /// Merge commit index -> index into `branchNames`.
    var mergedBranch: [Int32: Int32] = [:]
    var branchNames: [String] = []
    /// Forges whose marks were seen: forge name -> commit count.
    var forges: [String: Int] = [:]
    /// Reverts whose reverted commit was found: (revert index, reverted index).
    var revertPairs: [(revert: Int32, reverted: Int32)] = []
    /// Tagged commit id -> walk index, for the tags that point into the walked history.
    var tagTargets: [ObjectID: Int32] = [:]
    /// Committer times of shallow boundary commits.
    var boundaryTimes: [Int64] = []
    /// Changed path (under the followed artefact paths) -> commits that touched it.
    var artefactTouches: [String: [Int32]] = [:]

    var count: Int { traits.count }

    func parents(of index: Int) -> [Int32] {
        var result: [Int32] = []
        if firstParent[index] >= 0 { result.append(firstParent[index]) }
        if secondParent[index] >= 0 { result.append(secondParent[index]) }
        if let extra = extraParents[Int32(index)] { result.append(contentsOf: extra) }
        return result
    }

    mutating func setParent(child: Int32, slot: Int, parent: Int32) {
        switch slot {
        case 0: firstParent[Int(child)] = parent
        case 1: secondParent[Int(child)] = parent
        default: extraParents[child, default: []].append(parent)
        }
    }
}
