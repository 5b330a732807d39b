import Foundation
import Testing
import FixtureKit

/// `--format codequality`: GitLab's Code Quality report, the same results as the SARIF report.
@Suite struct CodeQualityReportTests {
    static let fixtures = ["service", "hobby", "cloud-native", "ci-broken", "mirror"]

    private func issues(_ path: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let run = try CDScanBinary.run(["scan", path, "--format", "codequality"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    }

    @Test(arguments: fixtures)
    func theIssuesAreTheSarifResultsOnRealFiles(fixture: String) throws {
        let repository = try Fixtures.path(fixture)
        for scope in ["next", "all"] {
            let issues = try issues(repository.path, ["--sarif-scope", scope])
            let sarif = try CDScanBinary.run(["scan", repository.path, "--format", "sarif", "--sarif-scope", scope])
            let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
            let run = try #require((log["runs"] as? [[String: Any]])?.first)
            let results = try #require(run["results"] as? [[String: Any]])
            #expect(issues.map { $0["check_name"] as? String } == results.map { $0["ruleId"] as? String })
            #expect(issues.map { $0["fingerprint"] as? String }
                    == results.map { ($0["partialFingerprints"] as? [String: String])?["cdscanCharacteristic/v1"] })
            let listing = try Git.runData(["ls-tree", "-r", "-z", "--name-only", "HEAD"], in: repository)
            let files = Set(listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            for issue in issues {
                let location = try #require(issue["location"] as? [String: Any])
                #expect(files.contains(location["path"] as? String ?? ""), "\(fixture): \(location)")
                #expect(((location["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
                #expect(["info", "minor"].contains(issue["severity"] as? String ?? ""))
                #expect((issue["description"] as? String)?.contains("What to do:") == true)
            }
            #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count, "fingerprints are unique")
        }
    }

    @Test func deficitsAreMinorAndCapabilitiesInfo() throws {
        let issues = try issues(try Fixtures.path("hobby").path, ["--sarif-scope", "all"])
        #expect(!issues.isEmpty)
        for issue in issues {
            let id = try #require(issue["check_name"] as? String)
            let report = try CDScanBinary.run(["explain", id])
            #expect(report.status == 0)
            let isDeficit = report.stdout.split(separator: "\n").dropFirst().first?.contains(", deficit,") == true
            #expect(issue["severity"] as? String == (isDeficit ? "minor" : "info"), "\(id)")
        }
    }

    @Test func twoRunsGiveByteIdenticalReports() throws {
        let path = try Fixtures.path("cloud-native").path
        let first = try CDScanBinary.run(["scan", path, "--format", "codequality"])
        let second = try CDScanBinary.run(["scan", path, "--format", "codequality"])
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.hasPrefix("["))
    }
}
