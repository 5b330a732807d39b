import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

@Suite struct SnapshotReaderTests {
    @Test func readsAFixtureIntoASnapshot() throws {
        let url = try Fixtures.path("library")
        let snapshot = try SnapshotReader.read(path: url.path, options: ScanOptions(changedPaths: .all))
        let count = Int(try Git.run(["rev-list", "--count", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(snapshot.history.commits.count == count)
        #expect(snapshot.history.commits.first?.id == snapshot.head.commit)
        #expect(snapshot.asOf == snapshot.history.commits.first?.committerTime)
        #expect(!snapshot.asOfIsExplicit)
        #expect(!snapshot.tree.isEmpty)
        #expect(snapshot.history.commitsWithChangedPaths == snapshot.history.commits.filter { !$0.isMerge }.count)
        let identities = Set(snapshot.history.commits.map { snapshot.history.identities[Int($0.author)].email })
        let gitAuthors = Set(try Git.run(["log", "--format=%ae"], in: url).split(separator: "\n").map(String.init))
        #expect(identities == gitAuthors)
    }

    @Test func anExplicitAsOfWins() throws {
        let url = try Fixtures.path("library")
        let snapshot = try SnapshotReader.read(path: url.path, options: ScanOptions(asOf: 42))
        #expect(snapshot.asOf == 42)
        #expect(snapshot.asOfIsExplicit)
    }

    @Test func filesAreReadFromTheObjectDatabaseCappedAndClassified() throws {
        let url = try Fixtures.path("oddities")
        let snapshot = try SnapshotReader.open(path: url.path, options: ScanOptions(fileSizeCap: 64)).layout
        let symlink = try #require(snapshot.tree.first { $0.kind == .symlink })
        #expect(snapshot.files.read(symlink) == .notAFile(.symlink))
        let submodule = try #require(snapshot.tree.first { $0.kind == .submodule })
        #expect(snapshot.files.read(submodule) == .notAFile(.submodule))
        let small = try #require(snapshot.tree.first { ($0.kind == .file) && ($0.size ?? 0) > 0 && ($0.size ?? 0) <= 64 && !$0.path.hasSuffix(".bin") && !$0.path.hasSuffix(".png") })
        if case .text(let text) = snapshot.files.read(small) {
            let expected = try Git.run(["cat-file", "blob", small.object.hex], in: url)
            #expect(text == expected)
        } else if case .binary = snapshot.files.read(small) {
            // a small binary file is fine too: it is classified, not misread
        } else {
            Issue.record("\(small.path) was not read: \(snapshot.files.read(small))")
        }
        let large = try #require(snapshot.tree.first { ($0.size ?? 0) > 64 })
        #expect(snapshot.files.read(large) == .tooLarge(size: large.size!, cap: 64))
    }

    @Test func binaryFilesAreRecognised() throws {
        let url = try Fixtures.path("oddities")
        let snapshot = try SnapshotReader.open(path: url.path, options: ScanOptions()).layout
        let binaries = snapshot.tree.filter {
            if case .binary = snapshot.files.read($0) { return true }
            return false
        }
        #expect(!binaries.isEmpty)
    }

    @Test func theDefaultBranchComesFromOriginHEADFirst() throws {
        let url = try Fixtures.path("gitflow")
        let snapshot = try SnapshotReader.read(path: url.path)
        #expect(snapshot.defaultBranchSource == .remoteHead)
        #expect(snapshot.defaultBranch == "main")
    }

    @Test func errorsAreScanErrors() throws {
        #expect(throws: ScanError.emptyRepository(path: try Fixtures.path("empty").path)) {
            _ = try SnapshotReader.read(path: try Fixtures.path("empty").path)
        }
        #expect {
            _ = try SnapshotReader.read(path: "/nonexistent/place")
        } throws: { error in
            if case .notARepository = error as? ScanError { return true }
            return false
        }
    }
}
