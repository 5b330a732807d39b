import FixtureKit
import Foundation
import Testing
@testable import GitAccess

/// The object reader on repositories damaged on purpose: every damage is a `.corrupt` error naming the
/// object, or a problem of the tree listing naming the object and its path; nothing hangs or crashes.
@Suite struct HostileRepositoryTests {
    private func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-hostile-\(UUID().uuidString)")
    }

    private func isCorrupt(_ error: any Error, naming id: String) -> Bool {
        guard let error = error as? GitError else { return false }
        return error.kind == .corrupt && error.description.contains(id)
    }

    @Test func aHealthyLooseRepositoryReadsLikeGitSeesIt() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = try HostileObjects.healthy(at: directory)
        let repository = try GitRepository(path: directory.path)
        #expect(try repository.head().commit.hex == layout.headCommit)
        let listing = try repository.listTree(of: try repository.head().commit)
        #expect(listing.problems.isEmpty)
        #expect(listing.entries.map(\.path) == [HostileObjects.workflowPath, "README.md"])
        let workflow = try #require(listing.entries.first)
        #expect(try repository.blob(workflow.object, cap: 1 << 20).text == HostileObjects.workflow)
        #expect(try repository.resolveCommit("main").hex == layout.headCommit)
        #expect(try repository.resolveCommit(layout.middleCommit).hex == layout.middleCommit)
        #expect(try repository.resolveCommit("HEAD~1").hex == layout.middleCommit)
    }

    @Test func looseObjectsOfAlternatesAndAnnotatedTagsAreReadThroughTheCheckedReader() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = try HostileObjects.healthy(at: root.appendingPathComponent("origin"))
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "tag", "-a", "v1", "-m", "first", layout.middleCommit],
                    in: layout.directory)
        // A shared clone borrows every object through objects/info/alternates and holds none of its own.
        try Git.run(["clone", "-q", "--shared", "--no-checkout", layout.directory.path, root.appendingPathComponent("borrower").path], in: root)
        let repository = try GitRepository(path: root.appendingPathComponent("borrower").path)
        #expect(try repository.head().commit.hex == layout.headCommit)
        #expect(try repository.resolveCommit("v1").hex == layout.middleCommit)
        let listing = try repository.listTree(of: try repository.head().commit)
        #expect(listing.problems.isEmpty)
        let workflow = try #require(listing.entries.first { $0.path == HostileObjects.workflowPath })
        #expect(try repository.blob(workflow.object, cap: 1 << 20).text == HostileObjects.workflow)
        let tag = try #require(try repository.references().tags.first { $0.name == "v1" })
        #expect(tag.target?.hex == layout.middleCommit)
        #expect(tag.isAnnotated)
        #expect(tag.message == "first")
    }

    @Test func aBlobWhoseHeaderClaimsFewerBytesIsDamaged() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = try HostileObjects.headerClaimsFewerBytes(at: directory)
        let repository = try GitRepository(path: directory.path)
        let id = try #require(ObjectID(hex: layout.workflowBlob))
        // The header alone is what it claims; reading the body finds the lie.
        #expect(try repository.blob(id, cap: 4).isTooLarge)
        #expect { _ = try repository.blob(id, cap: 1 << 20) } throws: { isCorrupt($0, naming: layout.workflowBlob) }
    }

    @Test(arguments: HostileObjects.Truncated.allCases)
    func aTruncatedObjectIsDamaged(_ which: HostileObjects.Truncated) throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (layout, object) = try HostileObjects.truncated(which, at: directory)
        let repository = try GitRepository(path: directory.path)
        switch which {
        case .headCommit:
            #expect { _ = try repository.head() } throws: { isCorrupt($0, naming: object) }
        case .rootTree:
            let head = try repository.head().commit
            #expect { _ = try repository.listTree(of: head) } throws: { isCorrupt($0, naming: object) }
        case .workflowBlob:
            let listing = try repository.listTree(of: try repository.head().commit)
            let entry = try #require(listing.entries.first { $0.path == HostileObjects.workflowPath })
            #expect { _ = try repository.blob(entry.object, cap: 1 << 20) } throws: { isCorrupt($0, naming: object) }
        case .middleCommit:
            let head = try #require(ObjectID(hex: layout.headCommit))
            var visited = 0, visitedBeside = 0
            #expect { try repository.walkHistory(from: [head]) { _ in visited += 1 } } throws: { isCorrupt($0, naming: object) }
            // A visitor on a second thread still gets every commit walked before the damage, then the error.
            #expect { try repository.walkHistory(from: [head], visitBesideWalk: true) { _ in visitedBeside += 1 } }
                throws: { isCorrupt($0, naming: object) }
            #expect(visitedBeside == visited)
        }
    }

    @Test func aTreeCutMidEntryIsNeverReadAsAShorterTree() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, rootTree) = try HostileObjects.treeCutMidEntry(root: true, at: root.appendingPathComponent("root"))
        let atRoot = try GitRepository(path: root.appendingPathComponent("root").path)
        let head = try atRoot.head().commit
        #expect { _ = try atRoot.listTree(of: head) } throws: { isCorrupt($0, naming: rootTree) }

        let (_, subtree) = try HostileObjects.treeCutMidEntry(root: false, at: root.appendingPathComponent("sub"))
        let below = try GitRepository(path: root.appendingPathComponent("sub").path)
        let listing = try below.listTree(of: try below.head().commit)
        #expect(listing.entries.map(\.path) == ["README.md"])
        let problem = try #require(listing.problems.first)
        #expect(listing.problems.count == 1)
        #expect(problem.path == ".github/workflows/")
        #expect(problem.object?.hex == subtree)
        #expect(problem.message.contains("cut short"))
    }

    @Test func flippedBytesInABlobAreDamage() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = try HostileObjects.flippedWorkflowBytes(at: directory)
        let repository = try GitRepository(path: directory.path)
        let id = try #require(ObjectID(hex: layout.workflowBlob))
        #expect { _ = try repository.blob(id, cap: 1 << 20) } throws: { isCorrupt($0, naming: layout.workflowBlob) }
    }

    @Test func sharedSubtreesAreReadOnceAndTheListingStopsAtItsBudget() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostileObjects.sharedSubtrees(levels: 40, at: directory)
        let repository = try GitRepository(path: directory.path)
        let head = try repository.head().commit
        let started = Date()
        let listing = try repository.listTree(of: head, budget: TreeListingBudget(paths: 1_000_000, expansion: 16, floor: 5_000))
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(listing.entries.count == 5_000)
        #expect(listing.entries.first?.path == HostileObjects.workflowPath)
        let problem = try #require(listing.problems.first)
        #expect(problem.object == nil)
        #expect(problem.message.contains("tree listing stopped after 5000 paths"))
        // The history walk diffs the commit that added the shared subtrees within its own bound.
        let walked = Date()
        var changed = 0
        try repository.walkHistory(from: [head], changedPaths: .all) { commit in changed += commit.changedPaths?.count ?? 0 }
        #expect(Date().timeIntervalSince(walked) < 5)
        #expect(changed <= 3 * 200_000)
    }
}
