import Foundation
import Testing
import FixtureKit
import YAMLReader

/// Every fixture's `expected-assessment.yml` states its best-fit levels and the outcome of all 42
/// characteristics; the scan, run as a program, must conclude exactly that.
@Suite struct AssessmentExpectationTests {
    static let fixtures = ((try? Fixtures.names()) ?? []).filter {
        FileManager.default.fileExists(atPath: Fixtures.testReposDirectory.appendingPathComponent($0)
            .appendingPathComponent("expected-assessment.yml").path)
    }

    @Test func theCoreFixturesStateTheirAssessment() {
        for name in ["hobby", "library", "service", "cloud-native", "gitflow", "trunk", "shallow", "mirror", "oddities"] {
            #expect(Self.fixtures.contains(name), "\(name) has no expected-assessment.yml")
        }
    }

    @Test(arguments: fixtures)
    func theScanConcludesWhatTheFixtureStates(fixture: String) throws {
        let url = Fixtures.testReposDirectory.appendingPathComponent(fixture).appendingPathComponent("expected-assessment.yml")
        let expected = try #require(try YAMLParser.parse(String(contentsOf: url, encoding: .utf8), file: url.path))
        let run = try CDScanBinary.run(["scan", try Fixtures.path(fixture).path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        if let directory = ProcessInfo.processInfo.environment["CDSCAN_WRITE_ASSESSMENTS"] {
            // What the scan concluded, in this file's format (check it by hand before copying it over).
            try Self.yaml(report).write(toFile: "\(directory)/\(fixture).yml", atomically: true, encoding: .utf8)
        }
        let assessment = try #require(report["assessment"] as? [String: Any])
        #expect(assessment["level"] as? Int == expected["level"]?.int, "\(fixture): overall level")
        let dimensions = try #require(assessment["dimensions"] as? [String: [String: Any]])
        for dimension in ["people", "process", "tech"] {
            #expect(dimensions[dimension]?["level"] as? Int == expected["dimensions"]?[dimension]?.int, "\(fixture): \(dimension)")
        }
        let characteristics = try #require(report["characteristics"] as? [[String: Any]])
        let stated = expected["characteristics"]?.pairs ?? []
        #expect(stated.count == 42)
        #expect(characteristics.count == 42)
        for pair in stated {
            let id = try #require(pair.key.string)
            let found = characteristics.first { $0["id"] as? String == id }
            #expect(found?["outcome"] as? String == pair.value.string, "\(fixture): \(id)")
        }
    }

    static func yaml(_ report: [String: Any]) -> String {
        let assessment = report["assessment"] as? [String: Any]
        let dimensions = assessment?["dimensions"] as? [String: [String: Any]] ?? [:]
        func level(_ dimension: String) -> String { (dimensions[dimension]?["level"] as? Int).map(String.init) ?? "~" }
        var lines = ["level: \((assessment?["level"] as? Int).map(String.init) ?? "~")",
                     "dimensions: {people: \(level("people")), process: \(level("process")), tech: \(level("tech"))}",
                     "characteristics:"]
        for characteristic in report["characteristics"] as? [[String: Any]] ?? [] {
            lines.append("  \(characteristic["id"] as? String ?? ""): \(characteristic["outcome"] as? String ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
