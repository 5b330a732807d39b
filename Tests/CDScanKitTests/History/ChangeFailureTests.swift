import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// The change-failure proxy counts a revert against a release only when the reverted change had shipped:
/// released in a tag before the revert, or deployed on push by a pipeline.
@Suite struct ChangeFailureTests {
    /// v1.0.0; X; revert X (X never released); v1.1.0; Y; v1.2.0; revert Y (Y shipped in v1.2.0).
    static func repository(deployWorkflow: Bool) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-cfr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var day = 0
        func git(_ args: [String]) throws {
            _ = try Git.run(["-c", "user.name=Ana", "-c", "user.email=ana@example.com"] + args, in: url)
        }
        func commit(_ file: String, _ text: String, _ message: String) throws -> String {
            day += 1
            try Data(text.utf8).write(to: url.appendingPathComponent(file))
            try git(["add", "-A"])
            let date = "2024-03-\(String(format: "%02d", day))T10:00:00+00:00"
            _ = try Git.run(["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "commit", "-q", "-m", message,
                             "--date", date], in: url, environment: ["GIT_COMMITTER_DATE": date])
            return try Git.run(["rev-parse", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func tag(_ name: String) throws {
            day += 1
            let date = "2024-03-\(String(format: "%02d", day))T10:00:00+00:00"
            _ = try Git.run(["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "tag", "-a", name, "-m", name],
                            in: url, environment: ["GIT_COMMITTER_DATE": date])
        }
        _ = try Git.run(["init", "-q", "-b", "main"], in: url)
        if deployWorkflow {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
            _ = try commit(".github/workflows/deploy.yml", """
                on: {push: {branches: [main]}}
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: production
                    steps: [{run: ./deploy.sh production}]
                """, "ci: deploy on push")
        }
        _ = try commit("a.txt", "a", "feat: a")
        try tag("v1.0.0")
        let x = try commit("x.txt", "x", "feat: x")
        try Data().write(to: url.appendingPathComponent("x.txt"))
        _ = try commit("x.txt", "", "Revert \"feat: x\"\n\nThis reverts commit \(x).")
        try tag("v1.1.0")
        let y = try commit("y.txt", "y", "feat: y")
        try tag("v1.2.0")
        _ = try commit("y.txt", "", "Revert \"feat: y\"\n\nThis reverts commit \(y).")
        return url
    }

    @Test func aRevertOfAnUnreleasedChangeIsNoFailedRelease() throws {
        let url = try Self.repository(deployWorkflow: false)
        defer { try? FileManager.default.removeItem(at: url) }
        let delivery = try HistoryScan.scan(url: url).history.delivery
        #expect(delivery.basis == .releaseTags)
        #expect(delivery.releasePoints == 3)
        // Only v1.2.0 failed: its change Y was reverted after it shipped. X was reverted before any release.
        #expect(delivery.changeFailureRate == 1.0 / 3.0)
        #expect(delivery.medianRestoreHours == 24)
    }

    @Test func withDeploymentsOnPushEveryRevertIsAFailedChange() throws {
        let url = try Self.repository(deployWorkflow: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try HistoryScan.scan(url: url)
        #expect(result.files.pipelines.deploysOnPush)
        // X reached production on push: the revert after v1.0.0 fails it too.
        #expect(result.history.delivery.changeFailureRate == 2.0 / 3.0)
    }
}
