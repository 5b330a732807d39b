import Foundation
import Testing
import FixtureKit

/// The verdict fitted to the repository, through the binary: the kind of project and what does not
/// apply to it, the team's `not-applicable:` and `suppress:` entries, and `--checks`/`--skip`.
@Suite struct TailoringTests {
    static let operations = ["L3.tech.infrastructure-as-code", "L4.people.sli-slo-sla", "L4.process.proactive-monitoring",
                             "L4.tech.dashboards", "L5.tech.forced-failures"]

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CDScanBinary.run(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func characteristic(_ report: [String: Any], _ id: String) -> [String: Any]? {
        (report["characteristics"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    /// A configuration file in a temporary folder, removed by the caller.
    static func config(_ text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-tailoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("cdscan.yml")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func aLibraryShowsOperationsAsNotApplicableAndNeverAdvisesThem() throws {
        let path = try Fixtures.path("library").path
        let report = try Self.json(["scan", path])
        let project = try #require(report["project"] as? [String: Any])
        #expect(project["kinds"] as? [String] == ["library"])
        #expect(project["source"] as? String == "inferred")
        #expect((project["evidence"] as? [String])?.first?.contains("pyproject.toml") == true)
        for id in Self.operations {
            let found = try #require(Self.characteristic(report, id))
            #expect(found["outcome"] as? String == "not-applicable", "\(id)")
            #expect(found["source"] as? String == "project-kind", "\(id)")
        }
        let steps = (report["nextSteps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(Set(steps).isDisjoint(with: Self.operations))
        let notApplicable = (report["assessment"] as? [String: Any])?["notApplicable"] as? [String] ?? []
        #expect(Set(Self.operations).isSubset(of: notApplicable))

        let sarif = try CDScanBinary.run(["scan", path, "--format", "sarif", "--sarif-scope", "all"])
        for id in Self.operations { #expect(!sarif.stdout.contains("\"ruleId\" : \"\(id)\""), "\(id) is not a result") }
        let text = try CDScanBinary.run(["scan", path])
        #expect(text.stdout.contains("Project: a library (inferred)"))
        #expect(text.stdout.contains("[-] not applicable"))
        #expect(text.stdout.contains("[-] Tech    Infrastructure as code"))
    }

    @Test func kindInTheConfigurationReplacesTheInference() throws {
        let file = try Self.config("kind: service\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let report = try Self.json(["scan", try Fixtures.path("library").path, "--config", file.path])
        let project = try #require(report["project"] as? [String: Any])
        #expect(project["kinds"] as? [String] == ["service"])
        #expect(project["source"] as? String == "configured")
        #expect(Self.characteristic(report, "L3.tech.infrastructure-as-code")?["outcome"] as? String == "not-met")
    }

    @Test func notApplicableTakesAReasonAndLeavesTheCharacteristicOut() throws {
        let file = try Self.config("not-applicable:\n  L5.tech.forced-failures: \"the service is a batch job without users\"\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let report = try Self.json(["scan", try Fixtures.path("service").path, "--config", file.path])
        let found = try #require(Self.characteristic(report, "L5.tech.forced-failures"))
        #expect(found["outcome"] as? String == "not-applicable")
        #expect(found["source"] as? String == "configuration")
        #expect((found["explanation"] as? String)?.contains("the service is a batch job without users") == true)
    }

    @Test func aSuppressionWithAReasonRemovesATickAndIsListed() throws {
        let path = try Fixtures.path("hobby").path
        let plain = try Self.json(["scan", path])
        let deficit = try #require((plain["assessment"] as? [String: Any])?["deficits"] as? [String]).first
        let id = try #require(deficit)
        let file = try Self.config("""
            suppress:
              - {characteristic: \(id), because: "tracked in the platform team's board", expires: 2999-12-31}
              - {characteristic: L5.tech.forced-failures, because: "stale entry"}
            """)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let report = try Self.json(["scan", path, "--config", file.path])
        let found = try #require(Self.characteristic(report, id))
        #expect(found["outcome"] as? String == "suppressed")
        #expect(found["detectedOutcome"] as? String == "met")
        let deficits = (report["assessment"] as? [String: Any])?["deficits"] as? [String] ?? []
        #expect(!deficits.contains(id), "a suppressed deficit is not present")
        let suppressions = try #require(report["suppressions"] as? [[String: Any]])
        #expect(suppressions.count == 2)
        #expect(suppressions[0]["state"] as? String == "in-force")
        #expect(suppressions[0]["matched"] as? [String] == [id])
        #expect(suppressions[1]["state"] as? String == "unused")

        let text = try CDScanBinary.run(["scan", path, "--config", file.path])
        #expect(text.stdout.contains("Suppressions"))
        #expect(text.stdout.contains("characteristic \(id) — in force until 2999-12-31"))
        #expect(text.stdout.contains("tracked in the platform team's board"))
        let sarif = try CDScanBinary.run(["scan", path, "--config", file.path, "--format", "sarif"])
        #expect(sarif.stdout.contains("\"justification\" : \"tracked in the platform team's board\""))
        let markdown = try CDScanBinary.run(["scan", path, "--config", file.path, "--format", "markdown"])
        #expect(markdown.stdout.contains("**Suppressions**"))
    }

    @Test func anExpiredSuppressionIsReportedAndNoLongerApplied() throws {
        let path = try Fixtures.path("hobby").path
        let plain = try Self.json(["scan", path])
        let id = try #require(((plain["assessment"] as? [String: Any])?["deficits"] as? [String])?.first)
        let file = try Self.config("suppress:\n  - {characteristic: \(id), because: \"until the migration\", expires: 2001-01-31}\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let report = try Self.json(["scan", path, "--config", file.path])
        #expect(Self.characteristic(report, id)?["outcome"] as? String == "met")
        #expect((report["suppressions"] as? [[String: Any]])?.first?["state"] as? String == "expired")
        let text = try CDScanBinary.run(["scan", path, "--config", file.path])
        #expect(text.stdout.contains("expired on 2001-01-31"))
        let sarif = try CDScanBinary.run(["scan", path, "--config", file.path, "--format", "sarif"])
        #expect(sarif.stdout.contains("expired on 2001-01-31 and is no longer applied"))
    }

    @Test func skippedCharacteristicsAreReportedAndLeftOutOfTheLevels() throws {
        let path = try Fixtures.path("service").path
        let report = try Self.json(["scan", path, "--skip", "L5.*,L4.people.*"])
        let skipped = try #require((report["assessment"] as? [String: Any])?["skipped"] as? [String])
        #expect(skipped.count == 10)
        #expect(Self.characteristic(report, "L5.tech.forced-failures")?["source"] as? String == "command-line")
        let only = try Self.json(["scan", path, "--checks", "L2.*"])
        #expect(((only["assessment"] as? [String: Any])?["skipped"] as? [String])?.count == 42 - 10)
        let text = try CDScanBinary.run(["scan", path, "--skip", "L5.*"])
        #expect(text.stdout.contains("Computed without 7 skipped characteristics (--skip L5.*)"))
        let typo = try CDScanBinary.run(["scan", path, "--skip", "L9.*"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("'L9.*' matches no characteristic"))
    }

    @Test func mistakesInTheTailoringKeysAreErrorsWithTheirPlace() throws {
        let cases = [
            ("suppress:\n  - {characteristic: L2.tech.version-control}\n", ":2:5: say why"),
            ("suppress:\n  - {finding: hasNothing, because: x}\n", "'hasNothing' is not a probe"),
            ("suppress:\n  - {characteristic: L2.tech.version-control, because: x, expires: soon}\n", ":2:68: 'expires' must be a date YYYY-MM-DD, found 'soon'"),
            ("kind: website\n", ":1:7: 'website' is not a kind of project"),
            ("not-applicable:\n  L4.tech.dashboards: \"\"\n", ":2:23: 'L4.tech.dashboards' must be a non-empty string, found ''"),
            ("not-applicable:\n  L4.tech.dashboards:\n", "not-applicable takes a reason"),
        ]
        for (text, message) in cases {
            let file = try Self.config(text)
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let run = try CDScanBinary.run(["scan", try Fixtures.path("hobby").path, "--config", file.path])
            #expect(run.status == 64, "\(text)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
    }
}
