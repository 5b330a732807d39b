import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// `ScanOptions.revision`: a scan of a given commit instead of HEAD (what `cdscan history` uses).
@Suite struct RevisionScanTests {
    @Test func aRevisionIsReadInsteadOfHead() throws {
        let url = try Fixtures.path("library")
        let revision = try Git.run(["rev-parse", "HEAD~5"], in: url).trimmingCharacters(in: .whitespacesAndNewlines)
        let snapshot = try SnapshotReader.read(path: url.path, options: ScanOptions(revision: "HEAD~5"))
        #expect(snapshot.head.commit.hex == revision)
        #expect(snapshot.head.branch == "main")
        let count = Int(try Git.run(["rev-list", "--count", revision], in: url).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(snapshot.history.commits.count == count)
        #expect(snapshot.history.commits.first?.id.hex == revision)
        let files = try Git.run(["ls-tree", "-r", "--name-only", revision], in: url).split(separator: "\n").map(String.init)
        #expect(snapshot.tree.map(\.path).sorted() == files.sorted())
        // The as-of defaults to the revision's own time.
        let time = Int64(try Git.run(["log", "-1", "--format=%ct", revision], in: url).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(snapshot.asOf == time)
    }

    @Test func aWholeScanOfARevisionReportsThatCommit() throws {
        let url = try Fixtures.path("service")
        let first = try Git.run(["rev-list", "--max-parents=0", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try Scanner.scan(ScanRequest(path: url.path, options: ScanOptions(revision: first)))
        let report = ReportDocument(result, toolVersion: "test")
        #expect(report.repository.head == first)
        #expect(report.snapshot.history.commits == 1)
    }

    @Test func anUnknownRevisionIsAClearError() throws {
        let url = try Fixtures.path("library")
        #expect(throws: ScanError.self) {
            try SnapshotReader.read(path: url.path, options: ScanOptions(revision: "no-such-branch"))
        }
        do {
            _ = try SnapshotReader.read(path: url.path, options: ScanOptions(revision: "no-such-branch"))
        } catch {
            #expect(error.description.contains("no commit 'no-such-branch'"))
        }
    }
}
