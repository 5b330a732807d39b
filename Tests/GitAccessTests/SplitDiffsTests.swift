import Foundation
import Testing
import FixtureKit
@testable import GitAccess

/// The diffs `SplitDiffs` makes on two threads are the ones `CommitDiffer` makes pair by pair, in full and
/// below exact prefixes, in the order asked for, with nil for a pair whose trees cannot be read.
@Suite struct SplitDiffsTests {
    /// The first-parent chain of the long history `VisitBesideWalkTests` builds, as tree pairs, newest
    /// first (enough for two threads), with one pair whose tree is not in the repository.
    static func pairs(_ repository: GitRepository) throws -> [TreePair] {
        var pairs: [TreePair] = []
        var next: ObjectID? = try repository.head().commit
        while let id = next, pairs.count < 700 {
            let commit = try repository.commit(id)
            let parentTree = try commit.parents.first.map { try repository.commit($0).tree }
            pairs.append(TreePair(tree: commit.tree, parentTree: parentTree))
            next = commit.parents.first
        }
        let missing = ObjectID(hex: String(repeating: "ab", count: 20))!
        pairs.insert(TreePair(tree: missing, parentTree: pairs[0].tree), at: 350)
        return pairs
    }

    @Test(arguments: [([String](), false), (["src/1/", "merges/3"], true)])
    func givesWhatOneDifferGivesPairByPair(prefixes: [String], exactPaths: Bool) throws {
        let repository = try GitRepository(path: try VisitBesideWalkTests.repository.get().path)
        let pairs = try Self.pairs(repository)
        #expect(pairs.count >= SplitDiffs.threadFloor)
        var differ = CommitDiffer(repository, prefixes: prefixes, exactPaths: exactPaths)
        let expected = pairs.map { pair in
            try? differ.changedPaths(of: pair.tree, tree: pair.tree, parentTree: pair.parentTree)
        }
        let split = SplitDiffs.changedPaths(pairs, prefixes: prefixes, exactPaths: exactPaths, repository: repository)
        #expect(split.count == expected.count)
        #expect(split.map { $0 ?? ["(unreadable)"] } == expected.map { $0 ?? ["(unreadable)"] })
        #expect(split[350] == nil)
        #expect(split.compactMap { $0 }.contains { !$0.isEmpty })
    }

    @Test func aShortListStaysOnTheCallingThread() throws {
        let repository = try GitRepository(path: try VisitBesideWalkTests.repository.get().path)
        let pairs = Array(try Self.pairs(repository).prefix(5))
        var differ = CommitDiffer(repository, prefixes: [], exactPaths: false)
        let expected = pairs.map { try? differ.changedPaths(of: $0.tree, tree: $0.tree, parentTree: $0.parentTree) }
        #expect(SplitDiffs.changedPaths(pairs, prefixes: [], exactPaths: false, repository: repository).map { $0 ?? [] }
                == expected.map { $0 ?? [] })
    }
}
