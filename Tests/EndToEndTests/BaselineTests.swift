import Foundation
import Testing
import FixtureKit

/// `scan --baseline FILE`: a previous JSON report; the run reports and fails (exit 1) only on what got
/// worse against it, and SARIF results carry `baselineState`.
@Suite struct BaselineTests {
    /// A scratch directory, removed by the caller.
    private func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The JSON report of a fixture, written to a file in `directory`.
    private func report(of fixture: String, in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent("\(fixture).json")
        let run = try CDScanBinary.run(["scan", try Fixtures.path(fixture).path, "--format", "json", "--output", "json=\(file.path)"])
        #expect(run.status == 0, "\(run.stderr)")
        return file
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func sarifResults(_ text: String) throws -> [[String: Any]] {
        let runs = try #require(try object(text)["runs"] as? [[String: Any]])
        return try #require(runs.first?["results"] as? [[String: Any]])
    }

    @Test func anUnchangedRepositoryReportsNothingNewAndExitsZero() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = try report(of: "service", in: directory)
        let path = try Fixtures.path("service").path

        let sarifFile = directory.appendingPathComponent("out.sarif")
        let markdownFile = directory.appendingPathComponent("out.md")
        let text = try CDScanBinary.run(["scan", path, "--baseline", baseline.path,
                                         "--output", "sarif=\(sarifFile.path)", "--output", "markdown=\(markdownFile.path)"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stderr.contains("worse than the baseline"))
        #expect(text.stdout.contains("Against the baseline (commit "))
        #expect(text.stdout.contains("Nothing got worse."))
        let markdown = try String(contentsOf: markdownFile, encoding: .utf8)
        #expect(markdown.contains("**Against the baseline (commit `"))
        #expect(markdown.contains("Nothing got worse."))

        let sarif = try String(contentsOf: sarifFile, encoding: .utf8)
        let results = try sarifResults(sarif)
        try #require(!results.isEmpty)
        #expect(results.allSatisfy { $0["baselineState"] as? String == "unchanged" }, "\(results.map { $0["baselineState"] ?? "-" })")
        let outcome = try SchemaValidator.validate([sarif], schema: "Tests/Schemas/sarif-schema-2.1.0.json")
        #expect(outcome.isValid, "\(outcome.problems)")

        let json = try CDScanBinary.run(["scan", path, "--format", "json", "--baseline", baseline.path])
        #expect(json.status == 0, "\(json.stderr)")
        let block = try #require(try object(json.stdout)["baseline"] as? [String: Any])
        #expect((block["regressions"] as? [Any])?.isEmpty == true)
        #expect((block["improvements"] as? [Any])?.isEmpty == true)
        #expect((block["head"] as? String)?.count == 40)
        let valid = try SchemaValidator.validate([json.stdout], schema: JSONReportTests.schema)
        #expect(valid.isValid, "\(valid.problems)")
    }

    @Test func withoutTheOptionNothingChanges() throws {
        let path = try Fixtures.path("service").path
        let json = try CDScanBinary.run(["scan", path, "--format", "json"])
        #expect(try object(json.stdout)["baseline"] == nil)
        let sarif = try CDScanBinary.run(["scan", path, "--format", "sarif"])
        #expect(try sarifResults(sarif.stdout).allSatisfy { $0["baselineState"] == nil })
        let text = try CDScanBinary.run(["scan", path])
        #expect(!text.stdout.contains("Against the baseline"))
    }

    @Test func aWorsenedRepositoryExitsOneNamingWhatGotWorse() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The "service" fixture (level 3, no deficit) as the baseline of "hobby" (level 1, deficits).
        let baseline = try report(of: "service", in: directory)
        let path = try Fixtures.path("hobby").path
        let sarifFile = directory.appendingPathComponent("out.sarif")
        let run = try CDScanBinary.run(["scan", path, "--baseline", baseline.path, "--output", "sarif=\(sarifFile.path)"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Best fit"), "the report is still printed")
        #expect(run.stderr.contains("worse than the baseline: the best fit dropped from L3 to L1"), "\(run.stderr)")
        #expect(run.stderr.contains("worse than the baseline: Tech dropped from L3 to L1"))
        #expect(run.stderr.contains("worse than the baseline: deficit newly present: L1.tech.manual-builds-deployments ("))
        #expect(run.stderr.contains("worse than the baseline: capability lost: "))
        #expect(run.stdout.contains("Against the baseline"))
        #expect(run.stdout.contains("Worse:"))

        let sarif = try String(contentsOf: sarifFile, encoding: .utf8)
        let results = try sarifResults(sarif)
        let deficit = try #require(results.first { $0["ruleId"] as? String == "L1.tech.manual-builds-deployments" })
        #expect(deficit["baselineState"] as? String == "new")
        #expect(results.allSatisfy { ["new", "unchanged"].contains($0["baselineState"] as? String) })
        let outcome = try SchemaValidator.validate([sarif], schema: "Tests/Schemas/sarif-schema-2.1.0.json")
        #expect(outcome.isValid, "\(outcome.problems)")

        let json = try CDScanBinary.run(["scan", path, "--format", "json", "--baseline", baseline.path])
        #expect(json.status == 1)
        let block = try #require(try object(json.stdout)["baseline"] as? [String: Any])
        let regressions = try #require(block["regressions"] as? [[String: Any]])
        let level = try #require(regressions.first { $0["kind"] as? String == "level" })
        #expect(level["from"] as? String == "L3")
        #expect(level["to"] as? String == "L1")
        #expect(regressions.contains { $0["kind"] as? String == "dimension" && $0["id"] as? String == "tech" })
        let valid = try SchemaValidator.validate([json.stdout], schema: JSONReportTests.schema)
        #expect(valid.isValid, "\(valid.problems)")
    }

    @Test func anImprovedRepositoryPassesAndSaysWhatGotBetter() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = try report(of: "hobby", in: directory)
        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--baseline", baseline.path, "--format", "markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Nothing got worse."))
        #expect(run.stdout.contains("- 🔺 the best fit rose from L1 to L3"))
    }

    /// A capability the team leaves out since (here with `--skip`) is listed apart, never worse.
    @Test func whatTheTeamLeftOutIsNotWorse() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = try report(of: "service", in: directory)
        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--baseline", baseline.path,
                                        "--skip", "L4.tech.automated-rollbacks", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let block = try #require(try object(run.stdout)["baseline"] as? [String: Any])
        #expect((block["regressions"] as? [Any])?.isEmpty == true)
        let leftOut = try #require(block["leftOut"] as? [[String: Any]])
        #expect(leftOut.count == 1)
        #expect(leftOut.first?["id"] as? String == "L4.tech.automated-rollbacks")
        #expect(leftOut.first?["from"] as? String == "met")
        #expect(leftOut.first?["to"] as? String == "skipped")
    }

    /// An edited baseline: a dimension raised, a deficit marked absent. Combined with a policy that
    /// fails too, both sets of lines are printed.
    @Test func anEditedBaselineAndThePolicyBothReport() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try report(of: "service", in: directory)
        var document = try object(try String(contentsOf: file, encoding: .utf8))
        var assessment = try #require(document["assessment"] as? [String: Any])
        var dimensions = try #require(assessment["dimensions"] as? [String: Any])
        var tech = try #require(dimensions["tech"] as? [String: Any])
        tech["level"] = 4
        dimensions["tech"] = tech
        assessment["dimensions"] = dimensions
        document["assessment"] = assessment
        try JSONSerialization.data(withJSONObject: document).write(to: file)

        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--baseline", file.path, "--fail-under", "4"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("below policy: the best fit is level 3, below the required level 4"))
        #expect(run.stderr.contains("worse than the baseline: Tech dropped from L4 to L3"), "\(run.stderr)")
        #expect(!run.stderr.contains("the best fit dropped"))
    }

    @Test func aBaselineThatIsNotAReportIsAUsageError() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sarif = directory.appendingPathComponent("report.sarif")
        let sarifRun = try CDScanBinary.run(["scan", try Fixtures.path("hobby").path, "--format", "sarif", "--output", "sarif=\(sarif.path)"])
        #expect(sarifRun.status == 0)
        let files: [(name: String, contents: String?)] = [
            ("garbage.json", "this is not JSON {"),
            ("array.json", "[1, 2, 3]"),
            ("object.json", #"{"assessment": {"level": 9}, "characteristics": []}"#),
            ("other-tool.json", #"{"tool": {"name": "other"}, "assessment": {"level": 1}, "characteristics": []}"#),
            ("bad-characteristic.json", #"{"assessment": {"level": null}, "characteristics": [{"id": 3}]}"#),
            ("deep.json", String(repeating: "[", count: 100_000)),
            ("missing.json", nil),
            ("report.sarif", nil),
        ]
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            if let contents = file.contents { try Data(contents.utf8).write(to: url) }
            let run = try CDScanBinary.run(["scan", try Fixtures.path("hobby").path, "--baseline", url.path])
            #expect(run.status == 64, "\(file.name): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(file.name): \(run.stderr)")
            #expect(run.stderr.contains("cannot use \(url.path) as a baseline: "), "\(file.name): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    /// An older report with only the fields a comparison needs still works.
    @Test func aMinimalReportIsEnough() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("old.json")
        let old = #"""
        {"schemaVersion": "1.0", "assessment": {"level": 1, "dimensions": {"tech": {"level": 1}}},
         "characteristics": [{"id": "L2.tech.automated-builds", "outcome": "met"}, {"id": "L9.x", "outcome": "someday"}]}
        """#
        try Data(old.utf8).write(to: file)
        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--baseline", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Against the baseline\n"), "no commit in the baseline, none in the heading")
        #expect(run.stdout.contains("Tech rose from L1 to L3"))
    }
}
