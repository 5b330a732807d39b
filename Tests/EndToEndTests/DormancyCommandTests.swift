import CDScanStore
import FixtureKit
import Foundation
import Testing

/// `--dormant-after` through the binary, on fixtures with fixed dates: a scan as of far after its HEAD is
/// dormant in every report, one as of shortly after is not, one as of its own HEAD is not judged; a batch
/// judges every repository against its newest HEAD, in org.json, org.csv and the dashboard.
@Suite struct DormancyCommandTests {
    static let day = 86_400

    static func headTime(_ repository: URL) throws -> Int {
        Int(try Git.run(["log", "-1", "--format=%ct"], in: repository).trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aScanFarAfterItsHeadIsDormantInEveryReport() throws {
        let repository = try Fixtures.path("gitflow")
        let head = try Self.headTime(repository)
        let headDay = String(try Git.run(["log", "-1", "--date=format-local:%Y-%m-%d", "--format=%cd"], in: repository,
                                         environment: ["TZ": "UTC"]).prefix(10))
        let far = ["scan", repository.path, "--as-of", "@\(head + 412 * Self.day)"]

        let text = try CDScanBinary.run(far)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[2] == "Dormant: no commits for 412 days (since \(headDay), threshold 180)", "\(lines.prefix(4))")

        let report = try Self.json(try CDScanBinary.run(far + ["--format", "json"]).stdout)
        let dormancy = try #require(report["dormancy"] as? [String: Any])
        #expect(dormancy["dormant"] as? Bool == true)
        #expect(dormancy["days"] as? Int == 412)
        #expect(dormancy["thresholdDays"] as? Int == 180)
        let markdown = try CDScanBinary.run(far + ["--format", "markdown"]).stdout
        #expect(markdown.contains("\n**Dormant:** no commits for 412 days (since \(headDay), threshold 180)\n"))
        let sarif = try Self.json(try CDScanBinary.run(far + ["--format", "sarif"]).stdout)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect(((run["properties"] as? [String: Any])?["dormancy"] as? [String: Any])?["dormant"] as? Bool == true)

        // A longer threshold, or an as-of shortly after HEAD: not dormant, and the banner says nothing.
        let longer = try CDScanBinary.run(far + ["--dormant-after", "413"])
        #expect(!longer.stdout.contains("Dormant"))
        let near = try Self.json(try CDScanBinary.run(["scan", repository.path, "--as-of", "@\(head + 10 * Self.day)",
                                                       "--format", "json"]).stdout)
        #expect((near["dormancy"] as? [String: Any])?["dormant"] as? Bool == false)
        #expect((near["dormancy"] as? [String: Any])?["days"] as? Int == 10)
        // As of its own HEAD: not judged.
        let own = try Self.json(try CDScanBinary.run(["scan", repository.path, "--format", "json"]).stdout)
        #expect((own["dormancy"] as? [String: Any])?["dormant"] is NSNull)

        let documents = [try CDScanBinary.run(far + ["--format", "json"]).stdout]
        let outcome = try SchemaValidator.validate(documents, schema: JSONReportTests.schema)
        #expect(outcome.isValid, "\(outcome.problems)")

        let bad = try CDScanBinary.run(["scan", repository.path, "--dormant-after", "0"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--dormant-after must be a positive number of days"), "\(bad.stderr)")
    }

    @Test func aBatchJudgesEveryRepositoryAgainstItsNewestHead() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-dormancy-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let org = work.appendingPathComponent("org")
        try FileManager.default.createDirectory(at: org, withIntermediateDirectories: true)
        // service's HEAD is a year after gitflow's.
        for fixture in ["service", "gitflow"] {
            try FileManager.default.copyItem(at: try Fixtures.path(fixture), to: org.appendingPathComponent(fixture))
        }
        let database = work.appendingPathComponent("org.db").path
        let report = work.appendingPathComponent("report")
        let batch = try CDScanBinary.run(["batch", org.path, "--db", database, "--report", report.path, "-q"])
        #expect(batch.status == 0, "\(batch.stderr)")

        let overview = try Self.json(try String(contentsOf: report.appendingPathComponent("org.json"), encoding: .utf8))
        let rows = try #require(overview["repositories"] as? [[String: Any]])
        func row(_ name: String) -> [String: Any]? { rows.first { $0["name"] as? String == name } }
        #expect(row("gitflow")?["dormant"] as? Bool == true)
        #expect(row("service")?["dormant"] as? Bool == false)
        let activity = try #require(overview["activity"] as? [String: Any])
        #expect(activity["dormant"] as? Int == 1)
        let serviceHead = try Self.headTime(org.appendingPathComponent("service"))
        let gitflowHead = try Self.headTime(org.appendingPathComponent("gitflow"))
        #expect(activity["reference"] as? String == row("service")?["lastCommit"] as? String)
        #expect(activity["headsFrom"] as? String == row("gitflow")?["lastCommit"] as? String)
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        func dayOf(_ seconds: Int) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        #expect(html.contains("HEADs from \(dayOf(gitflowHead)) to \(dayOf(serviceHead))"))
        let csv = try String(contentsOf: report.appendingPathComponent("org.csv"), encoding: .utf8)
        #expect(csv.contains(",true,") && csv.contains(",false,"))
        // The stored reports were scanned as of their own HEADs: not judged there.
        let stored = try ScanStore.openExisting(path: database).latest()
        #expect(stored.allSatisfy { $0.record.report?.dormancy?.dormant == nil && $0.record.report?.dormancy?.lastCommit != nil })

        // report --dormant-after: the same store, another threshold.
        let lenient = try CDScanBinary.run(["report", "--db", database, "--out", work.appendingPathComponent("lenient").path,
                                            "--dormant-after", "1000", "-q"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        let again = try Self.json(try String(contentsOf: work.appendingPathComponent("lenient/org.json"), encoding: .utf8))
        #expect((again["activity"] as? [String: Any])?["dormant"] as? Int == 0)
        #expect((again["activity"] as? [String: Any])?["thresholdDays"] as? Int == 1000)

        // With --as-of, each stored report is judged against it, with the batch's threshold.
        let asOf = try CDScanBinary.run(["batch", org.path, "--db", database, "--as-of", "@\(serviceHead + 30 * Self.day)",
                                         "--dormant-after", "20", "-q"])
        #expect(asOf.status == 0, "\(asOf.stderr)")
        let judged = try ScanStore.openExisting(path: database).latest()
        #expect(judged.count == 2)
        #expect(judged.allSatisfy { $0.record.report?.dormancy?.dormant == true && $0.record.report?.dormancy?.thresholdDays == 20 })
    }
}
