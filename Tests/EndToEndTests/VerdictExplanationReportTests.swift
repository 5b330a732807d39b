import Foundation
import Testing
import FixtureKit

/// The verdict that explains itself, through the binary: `assessment.because` in JSON, the sentences in
/// the text report, ids in the `--verbose` grid, and `explain` grouping repeated locations.
@Suite struct VerdictExplanationReportTests {
    @Test func everyFormatSaysWhy() throws {
        let path = try Fixtures.path("service").path
        let json = try CDScanBinary.run(["scan", path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let assessment = try #require(report["assessment"] as? [String: Any])
        let because = try #require(assessment["because"] as? String)
        #expect(because.hasPrefix("Overall "), "\(because)")
        let dimensions = try #require(assessment["dimensions"] as? [String: [String: Any]])
        var sentences = [because]
        for (key, title) in [("people", "People"), ("process", "Process"), ("tech", "Tech")] {
            let sentence = try #require(dimensions[key]?["because"] as? String)
            #expect(sentence.hasPrefix("\(title) "), "\(sentence)")
            sentences.append(sentence)
        }

        let text = try CDScanBinary.run(["scan", path]).stdout
        let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for sentence in sentences { #expect(flat.contains(sentence), "text report lacks: \(sentence)") }
        #expect(!text.components(separatedBy: "\nEvidence\n")[0].contains("L3.tech.infrastructure-as-code"), "ids in the grid only with --verbose")
        let verbose = try CDScanBinary.run(["scan", path, "--verbose"]).stdout
        #expect(verbose.contains("Infrastructure as code"))
        let grid = verbose.components(separatedBy: "\nEvidence\n")[0]
        for id in ["L3.tech.infrastructure-as-code", "L1.people.silo-teams", "L5.tech.forced-failures"] {
            #expect(grid.contains(id), "the verbose grid shows \(id)")
        }

        let markdown = try CDScanBinary.run(["scan", path, "--format", "markdown"]).stdout
        #expect(markdown.contains("**Why**"))
    }

    /// One bullet per distinct evidence message, its locations listed together.
    @Test func explainGroupsRepeatedLocations() throws {
        let path = try Fixtures.path("service").path
        let json = try CDScanBinary.run(["scan", path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let characteristics = try #require(report["characteristics"] as? [[String: Any]])
        // A characteristic whose evidence repeats a message at several places.
        let repeated = characteristics.first { item in
            let messages = (item["evidence"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            return Set(messages).count < messages.count
        }
        let item = try #require(repeated, "the service fixture has evidence at several places for one finding")
        let id = try #require(item["id"] as? String)
        let evidence = try #require(item["evidence"] as? [[String: Any]])
        let run = try CDScanBinary.run(["explain", id, path])
        #expect(run.status == 0, "\(run.stderr)")
        let bullets = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  • ") }
        let messages = evidence.compactMap { $0["message"] as? String }
        #expect(bullets.count == Set(messages).count, "\(run.stdout)")
        let message = try #require(messages.first { m in messages.filter { $0 == m }.count > 1 })
        let grouped = try #require(bullets.first { $0.hasPrefix("  • \(message) — ") }, "\(run.stdout)")
        let places = evidence.filter { $0["message"] as? String == message }.compactMap { $0["path"] as? String }
        #expect(places.count > 1)
        #expect(places.prefix(3).allSatisfy { grouped.contains($0) }, "\(grouped)")
    }
}
