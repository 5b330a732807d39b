import FixtureKit
import Foundation
import Testing
@testable import GitAccess

/// A tree listing through trees listed before is the listing of the repository itself: the same
/// entries, sizes and problems, commit after commit, whether the known trees came from the commit
/// before or from a fresh start; trees with damaged or missing blobs, or cut by the budget, are not kept.
@Suite struct KnownTreesTests {
    @Test(arguments: try Fixtures.names())
    func listingsThroughKnownTreesAreTheRepositorysOwn(_ fixture: String) throws {
        guard let repository = try? GitRepository(path: try Fixtures.path(fixture).path),
              let head = try? repository.head().commit else { return }  // the empty and broken fixtures
        let known = KnownTrees()
        var commit: ObjectID? = head
        var listed = 0
        while let current = commit, listed < 40 {
            guard let plain = try? repository.listTree(of: current) else { break }  // past a shallow boundary
            let first = try repository.listTree(of: current, known: known)
            let again = try repository.listTree(of: current, known: known)
            #expect(first == plain && again == plain, "\(fixture) at \(current.short)")
            commit = try repository.commit(current).parents.first
            listed += 1
        }
        #expect(known.count > 0)
    }

    @Test func aTreeCutByTheBudgetIsNotKept() throws {
        let repository = try GitRepository(path: try Fixtures.path("library").path)
        let head = try repository.head().commit
        let tight = TreeListingBudget(paths: 3, expansion: 1_000, floor: 3)
        let known = KnownTrees()
        let cut = try repository.listTree(of: head, budget: tight, known: known)
        #expect(!cut.problems.isEmpty, "the budget stopped it")
        #expect(try repository.listTree(of: head, budget: tight, known: known) == cut)
        #expect(try repository.listTree(of: head, known: known) == repository.listTree(of: head))
    }
}
