import Foundation
import Testing
import FixtureKit
import YAMLReader
@testable import CDScanKit

/// Each fixture's `expected-detectors.yml` states what the file probes must find there: the outcome and
/// any values it names (lists compared whole, doubles to two decimals).
@Suite struct FileProbeFixtureTests {
    @Test(arguments: DetectorFixtures.fixturesWithExpectations())
    func probesFindWhatTheFixtureExpects(fixture: String) throws {
        let expected = try #require(try DetectorFixtures.expectations(fixture))
        let evidence = try DetectorFixtures.evidence(fixture)
        let probes = Dictionary(uniqueKeysWithValues: FileProbes.all.map { ($0.name, $0) })
        let stated = try #require(expected["probes"]?.pairs)
        for pair in stated {
            let name = try #require(pair.key.scalar)
            let probe = try #require(probes[name], "\(fixture): no file probe \(name)")
            let finding = try probe.evaluate(evidence)
            let outcome = pair.value["outcome"]?.scalar
            #expect(finding.outcome.rawValue == outcome, "\(fixture) \(name): \(finding.outcome.rawValue), expected \(outcome ?? "?") — \(finding.message)")
            for value in pair.value["values"]?.pairs ?? [] {
                let key = try #require(value.key.scalar)
                let actual = finding.values[key]
                #expect(Self.matches(actual, value.value), "\(fixture) \(name).\(key): \(actual.map(String.init(describing:)) ?? "missing"), expected \(value.value.scalar ?? value.value.stringList.description)")
            }
        }
    }

    static func matches(_ actual: FindingValue?, _ expected: YAMLNode) -> Bool {
        switch actual {
        case .list(let items)?: return expected.isSequence && items == expected.stringList
        case .int(let number)?: return expected.int == number
        case .double(let number)?: return expected.double.map { abs($0 - number) < 0.005 } ?? false
        case .bool(let flag)?: return expected.bool == flag
        case .string(let text)?: return expected.string ?? "" == text
        case nil: return false
        }
    }

    /// Across the fixtures, every file probe is shown answering yes somewhere and no somewhere else.
    @Test func everyFileProbeHasAPositiveAndANegativeFixture() throws {
        var outcomes: [String: Set<String>] = [:]
        for fixture in DetectorFixtures.fixturesWithExpectations() {
            let expected = try DetectorFixtures.expectations(fixture)
            for pair in expected?["probes"]?.pairs ?? [] {
                outcomes[pair.key.scalar ?? "", default: []].insert(pair.value["outcome"]?.scalar ?? "")
            }
        }
        for probe in FileProbes.all {
            #expect(outcomes[probe.name]?.isSuperset(of: ["true", "false"]) == true, "\(probe.name): \(outcomes[probe.name] ?? [])")
        }
    }

    /// The values each probe gives are exactly those probes.yml lists for it, with the listed types.
    @Test func probesGiveTheValuesProbesYmlLists() throws {
        let source = try #require(BuiltInRules.file("probes.yml"))
        let registry = try #require(try YAMLParser.parse(source.text, file: "probes.yml"))
        var declared: [String: [String: String]] = [:]
        for item in registry["probes"]?.items ?? [] where item["source"]?.string == "files" {
            let name = item["name"]?.string ?? ""
            declared[name] = Dictionary(uniqueKeysWithValues: (item["values"]?.pairs ?? []).map { ($0.key.scalar ?? "", $0.value.scalar ?? "") })
        }
        let fileProbeNames = Set(declared.keys.filter { $0 != "hasCIConfiguration" && !$0.hasPrefix("ci") })
        #expect(Set(FileProbes.all.map(\.name)) == fileProbeNames)
        for fixture in ["det-platform", "det-bare-minimum"] {
            let evidence = try DetectorFixtures.evidence(fixture)
            for probe in FileProbes.all {
                let finding = try probe.evaluate(evidence)
                let types = try #require(declared[probe.name])
                #expect(Set(finding.values.keys) == Set(types.keys), "\(fixture) \(probe.name): \(finding.values.keys.sorted())")
                for (key, value) in finding.values {
                    #expect(Self.typeName(value) == types[key], "\(probe.name).\(key) is \(Self.typeName(value)), probes.yml says \(types[key] ?? "?")")
                }
            }
        }
    }

    static func typeName(_ value: FindingValue) -> String {
        switch value {
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .list: return "list"
        }
    }

    /// Same input, same evidence: two scans of a fixture agree, and what is emitted is sorted.
    @Test func detectionIsDeterministic() throws {
        let path = try Fixtures.path("cloud-native").path
        let first = try DetectorFixtures.scan(path: path).files.detections
        let second = try DetectorFixtures.scan(path: path).files.detections
        #expect(first.detections == second.detections)
        #expect(first.detections == first.detections.sorted())
        #expect(first.artefactPaths == first.artefactPaths.sorted())
        #expect(first.filesRead > 0)
    }
}
