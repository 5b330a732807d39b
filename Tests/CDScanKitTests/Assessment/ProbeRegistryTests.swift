import Testing
@testable import CDScanKit

/// Every probe that runs, of every family, is declared in probes.yml, and every probe declared there runs;
/// each value a probe reports is declared for it, with the type it has.
@Suite struct ProbeRegistryTests {
    static let families: [(String, [any Probe])] = [
        ("pipelines", PipelineProbes.all), ("files", FileProbes.all), ("history", HistoryProbes.all),
    ]

    @Test func everyProbeThatRunsIsDeclaredAndEveryDeclaredProbeRuns() {
        let registry = ProbeRegistry.builtIn
        let running = Self.families.flatMap { $0.1.map(\.name) }
        #expect(running.count == Set(running).count, "a probe runs twice: \(running.sorted())")
        for (family, probes) in Self.families {
            for probe in probes {
                let entry = registry.entries[probe.name]
                #expect(entry != nil, "\(family) probe \(probe.name) is not declared in probes.yml")
                #expect(entry?.source == (family == "history" ? "history" : "files"), "\(probe.name): source \(entry?.source ?? "?")")
            }
        }
        for name in registry.entries.keys.sorted() {
            #expect(running.contains(name), "probes.yml declares \(name), which no probe family runs")
        }
    }

    @Test(arguments: ["service", "cloud-native", "gitflow"])
    func everyReportedValueIsDeclaredWithItsType(fixture: String) throws {
        let evidence = try HistoryScan.scan(fixture).evidence
        let findings = ProbeRunner.run(Self.families.flatMap(\.1), on: evidence)
        for finding in findings {
            // A probe missing from probes.yml is the other test's failure.
            guard let declared = ProbeRegistry.builtIn.entries[finding.probe]?.values else { continue }
            for (key, value) in finding.values {
                #expect(declared[key] == Self.type(of: value),
                        "\(fixture) \(finding.probe).\(key) is \(Self.type(of: value)), probes.yml says \(declared[key]?.rawValue ?? "nothing")")
            }
        }
    }

    static func type(of value: FindingValue) -> ProbeRegistry.ValueType {
        switch value {
        case .bool: return .bool
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .list: return .list
        }
    }
}
