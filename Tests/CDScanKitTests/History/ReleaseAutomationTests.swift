import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// How releases are cut now: the automated share looks at the latest releases only, so a project that
/// handed its release tags to a tool ("owner/tool" taggers included) is not judged by its first decade.
@Suite struct ReleaseAutomationTests {
    /// 15 releases tagged by a person, then 8 tagged by a release service named after its repository.
    static func repository() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = try Git.run(["init", "-q", "-b", "main"], in: url)
        for index in 1...23 {
            let date = "2024-\(String(format: "%02d", index / 28 + 1))-\(String(format: "%02d", index % 28 + 1))T10:00:00+00:00"
            let environment = ["GIT_COMMITTER_DATE": date]
            try Data("\(index)".utf8).write(to: url.appendingPathComponent("version.txt"))
            _ = try Git.run(["add", "-A"], in: url)
            _ = try Git.run(["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "commit", "-q", "-m",
                             "feature \(index)", "--date", date], in: url, environment: environment)
            let tagger = index <= 15 ? ["-c", "user.name=Ana", "-c", "user.email=ana@example.com"]
                : ["-c", "user.name=acme/promote-release", "-c", "user.email=release-team@example.com"]
            _ = try Git.run(tagger + ["tag", "-a", "1.\(index).0", "-m", "1.\(index).0"], in: url, environment: environment)
        }
        return url
    }

    @Test func theAutomatedShareLooksAtTheLatestReleases() throws {
        let url = try Self.repository()
        defer { try? FileManager.default.removeItem(at: url) }
        let releases = try HistoryScan.scan(url: url).history.releases
        #expect(releases.releasesTotal == 23)
        #expect(releases.automatedReleases == 8)
        #expect(releases.automatedShare == 0.8)
    }
}
