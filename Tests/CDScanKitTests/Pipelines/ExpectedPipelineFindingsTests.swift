import Foundation
import Testing
import FixtureKit
import YAMLReader
@testable import CDScanKit

/// Every `TestRepos/<fixture>/expected-pipelines.yml` states, for each pipeline probe, the outcome and the
/// values the probe must give on that fixture (all but the `practice…` values, which the history work owns).
@Suite struct ExpectedPipelineFindingsTests {
    static let fixtures: [String] = ((try? Fixtures.names()) ?? []).filter {
        FileManager.default.fileExists(atPath: Self.expectedURL($0).path)
    }

    static func expectedURL(_ fixture: String) -> URL {
        Fixtures.testReposDirectory.appendingPathComponent(fixture).appendingPathComponent("expected-pipelines.yml")
    }

    @Test func severalFixturesStateTheirPipelines() {
        #expect(Self.fixtures.count >= 8)
    }

    @Test(arguments: fixtures)
    func probesFindWhatTheFixtureStates(_ fixture: String) throws {
        let result = try PipelineScan.scan(fixture: fixture)
        if let directory = ProcessInfo.processInfo.environment["CDSCAN_WRITE_PIPELINES"] {
            try Self.yaml(result.findings).write(toFile: "\(directory)/\(fixture).yml", atomically: true, encoding: .utf8)
        }
        let url = Self.expectedURL(fixture)
        let expected = try #require(try YAMLParser.parse(String(contentsOf: url, encoding: .utf8), file: url.path))
        #expect(Set(expected.keys) == Set(PipelineProbes.all.map(\.name)), "\(fixture): every pipeline probe is stated")
        for probe in expected.keys {
            let finding = try result.finding(probe)
            let stated = try #require(expected[probe])
            #expect(finding.outcome.rawValue == stated["outcome"]?.scalar, "\(fixture) \(probe): \(finding.message)")
            for pair in stated["values"]?.pairs ?? [] {
                let name = try #require(pair.key.string)
                #expect(finding.values[name].map(Self.text) == Self.text(pair.value), "\(fixture) \(probe).\(name)")
            }
            for location in stated["locations"]?.stringList ?? [] {
                #expect(finding.locations.map(Self.text).contains(location), "\(fixture) \(probe) at \(location)")
            }
        }
    }

    static func text(_ value: FindingValue) -> String {
        if case .list(let items) = value { return "[" + items.joined(separator: "|") + "]" }
        return value.description
    }

    static func text(_ node: YAMLNode) -> String {
        if let items = node.items { return "[" + items.compactMap(\.scalar).joined(separator: "|") + "]" }
        return node.scalar ?? ""
    }

    static func text(_ location: Finding.Location) -> String {
        location.line.map { "\(location.path):\($0)" } ?? location.path
    }

    /// What the probes found, in this file's format (for `CDSCAN_WRITE_PIPELINES`; check before copying).
    static func yaml(_ findings: [Finding]) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines: [String] = []
        for finding in findings {
            lines.append("\(finding.probe):")
            lines.append("  outcome: \(finding.outcome.rawValue)")
            let names = finding.values.keys.sorted().filter { !$0.hasPrefix("practice") }
            if !names.isEmpty {
                lines.append("  values:")
                for name in names {
                    switch finding.values[name]! {
                    case .list(let items): lines.append("    \(name): [\(items.map(quoted).joined(separator: ", "))]")
                    case .string(let text): lines.append("    \(name): \(quoted(text))")
                    case let other: lines.append("    \(name): \(other)")
                    }
                }
            }
            if let first = finding.locations.first { lines.append("  locations: [\(quoted(text(first)))]") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
