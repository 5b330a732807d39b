import FixtureKit
import Foundation
import Testing
@testable import GitAccess

/// Loose objects are found on demand: an object missing from the packs is looked for in its fan-out
/// directory, listed the first time one of its prefix is needed; objects written after the repository
/// was opened are found too.
@Suite struct LooseObjectStoreTests {
    private let environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
                               "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2024-01-05T00:00:00Z",
                               "GIT_COMMITTER_DATE": "2024-01-05T00:00:00Z"]

    private func commit(on parent: String, tree: String, message: String, in directory: URL) throws -> String {
        try Git.run(["commit-tree", tree, "-p", parent, "-m", message], in: directory, environment: environment)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func packedAndLooseObjectsAreReadTogether() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-loose-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = try HostileObjects.healthy(at: directory)
        _ = try Git.run(["repack", "-a", "-d", "-q"], in: directory)
        let objects = directory.appendingPathComponent(".git/objects")
        let fanOuts = try FileManager.default.contentsOfDirectory(atPath: objects.path).filter { $0.count == 2 }
        #expect(fanOuts.isEmpty, "everything packed")
        // Two loose commits on top of the packed history, and a loose copy of a packed blob.
        let loose = try commit(on: layout.headCommit, tree: layout.rootTree, message: "chore: loose", in: directory)
        let newest = try commit(on: loose, tree: layout.rootTree, message: "chore: looser", in: directory)
        _ = try Git.run(["update-ref", "refs/heads/main", newest], in: directory)
        _ = try Git.run(["hash-object", "-w", "--stdin"], in: directory, input: Data(HostileObjects.workflow.utf8))

        let repository = try GitRepository(path: directory.path)
        #expect(try repository.head().commit.hex == newest)
        #expect(try repository.resolveCommit("HEAD~1").hex == loose)
        #expect(try repository.resolveCommit("HEAD~2").hex == layout.headCommit, "packed")
        #expect(try repository.resolveCommit("HEAD~3").hex == layout.middleCommit, "packed")
        let listing = try repository.listTree(of: try repository.head().commit)
        #expect(listing.problems.isEmpty)
        let workflow = try #require(listing.entries.first)
        #expect(try repository.blob(workflow.object, cap: 1 << 20).text == HostileObjects.workflow)

        // Written after the repository was opened: found although its directory may have been listed.
        let later = try commit(on: newest, tree: layout.rootTree, message: "chore: later", in: directory)
        #expect(try repository.commit(try #require(ObjectID(hex: later))).parents.map(\.hex) == [newest])
    }
}
