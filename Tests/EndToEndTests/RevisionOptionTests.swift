import Foundation
import Testing
import FixtureKit

/// `cdscan scan --revision REV` assesses a past commit as if it were HEAD.
@Suite struct RevisionOptionTests {
    @Test func aTagIsAssessedAsOfItsCommit() throws {
        let trunk = try Fixtures.path("trunk")
        let commit = try Git.run(["rev-parse", "v1.1.0^{commit}"], in: trunk).trimmingCharacters(in: .whitespacesAndNewlines)
        let time = try Git.run(["show", "-s", "--format=%cI", commit], in: trunk).trimmingCharacters(in: .whitespacesAndNewlines)
        let count = Int(try Git.run(["rev-list", "--count", commit], in: trunk).trimmingCharacters(in: .whitespacesAndNewlines))
        let run = try CDScanBinary.run(["scan", trunk.path, "--revision", "v1.1.0", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let repository = try #require(report["repository"] as? [String: Any])
        #expect(repository["head"] as? String == commit)
        #expect(repository["branch"] as? String == "main", "the branch whose history is assessed")
        let asOf = try #require(repository["asOf"] as? String)
        #expect(asOf.prefix(10) == time.prefix(10))
        let history = try #require((report["snapshot"] as? [String: Any])?["history"] as? [String: Any])
        #expect(history["commits"] as? Int == count)
        let text = try CDScanBinary.run(["scan", trunk.path, "--revision", "v1.1.0"])
        #expect(text.stdout.contains("Commit \(commit.prefix(7)) on main, as of"))
    }

    @Test func anUnknownRevisionCannotBeScanned() throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path("trunk").path, "--revision", "no-such-tag"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no commit 'no-such-tag'"))
    }
}
