import Foundation
import Testing
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// The history trend from hand-built records: rows in date order, the overall change, and for each
/// dimension its last change with the characteristics that moved it.
@Suite struct HistoryTrendTests {
    /// A stored point as the store would give it back (no report: kinds come from the built-in model).
    static func record(_ commit: String, level: Int?, people: Int?, process: Int?, tech: Int?, coverage: Double = 0.5,
                       met: [String] = [], filesOnly: [String] = [], unknown: [String] = [],
                       status: String = "scanned") -> ScanRecord {
        var outcomes: [String: Any] = [:]
        for entry in CharacteristicModel.builtIn.entries {
            let outcome = met.contains(entry.id) || filesOnly.contains(entry.id) ? "met" : unknown.contains(entry.id) ? "unknown" : "not-met"
            outcomes[entry.id] = ["outcome": outcome, "source": "detected", "practiced": !filesOnly.contains(entry.id)]
        }
        let object: [String: Any?] = [
            "repository": "/srv/git/app", "name": "app", "status": status, "commit": String(repeating: commit, count: 40),
            "asOf": "2024-01-01T00:00:00Z", "toolVersion": "0.1.0", "rulesDigest": "d", "level": level, "people": people,
            "process": process, "tech": tech, "coverage": coverage, "confidence": 0.4, "outcomes": status == "scanned" ? outcomes : [:],
            "metrics": [String: Double](),
        ]
        let data = try! JSONSerialization.data(withJSONObject: object.compactMapValues { $0 })
        return try! JSONDecoder().decode(ScanRecord.self, from: data)
    }

    static func day(_ text: String) -> Int64 { Timestamp.parse(text)! }

    @Test func rowsAreInDateOrderWithTheReportsCoverage() {
        let trend = HistoryTrend(points: [
            (Self.day("2024-03-01"), Self.record("c", level: 2, people: 2, process: 2, tech: 2, coverage: 0.736)),
            (Self.day("2024-01-01"), Self.record("a", level: 1, people: 1, process: 1, tech: 1, coverage: 0.5)),
            (Self.day("2024-02-01"), Self.record("b", level: nil, people: nil, process: 1, tech: 1)),
        ])
        #expect(trend.rows.map(\.date) == ["2024-01-01", "2024-02-01", "2024-03-01"])
        #expect(trend.rows.map(\.level) == [1, nil, 2])
        let lines = trend.table().split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "date        commit        level  people  process  tech  coverage")
        #expect(lines[1] == "2024-01-01  aaaaaaaaaaaa  L1     L1      L1       L1    50%")
        #expect(lines[2] == "2024-02-01  bbbbbbbbbbbb  —      —       L1       L1    50%")
        #expect(lines[3] == "2024-03-01  cccccccccccc  L2     L2      L2       L2    74%")
    }

    @Test func theSummaryNamesTheOverallChangeAndWhatMovedEachDimension() {
        let base = ["L2.tech.version-control", "L2.tech.automated-builds-tests-artifacts"]
        let tech3 = base + ["L3.tech.infrastructure-as-code", "L3.tech.toolchain-orchestration"]
        let trend = HistoryTrend(points: [
            (Self.day("2021-03-01"), Self.record("a", level: 2, people: 2, process: 2, tech: 2, met: base)),
            (Self.day("2021-04-01"), Self.record("b", level: 2, people: 2, process: 2, tech: 2, met: base)),
            // Tech rises: two L3 capabilities newly met.
            (Self.day("2023-06-01"), Self.record("c", level: 3, people: 2, process: 2, tech: 3, met: tech3)),
            // People falls to no level: nothing of People changed outcome, so no "when".
            (Self.day("2023-07-01"), Self.record("d", level: 3, people: nil, process: 2, tech: 3, met: tech3)),
        ])
        #expect(trend.summary == "L2 → L3 since 2021-03; People fell to no level in 2023-07; "
            + "Tech rose to L3 in 2023-06 when L3.tech.infrastructure-as-code and L3.tech.toolchain-orchestration were newly met")
        #expect(trend.changes.map(\.dimension) == ["people", "tech"])
        let tech = trend.changes[1]
        #expect(tech.from == 2 && tech.to == 3 && tech.month == "2023-06")
        #expect(tech.newlyMet == ["L3.tech.infrastructure-as-code", "L3.tech.toolchain-orchestration"])
        #expect(tech.noLongerMet.isEmpty && tech.deficitsAppeared.isEmpty)
    }

    @Test func aFallNamesWhatWasLostAndDeficitsThatAppeared() {
        let before = ["L3.tech.infrastructure-as-code", "L3.tech.toolchain-orchestration", "L3.tech.release-acceptance-metrics",
                      "L4.tech.dashboards", "L4.tech.automated-rollbacks"]
        let after = ["L1.tech.manual-builds-deployments"]
        let trend = HistoryTrend(points: [
            (Self.day("2022-01-01"), Self.record("a", level: 3, people: 3, process: 3, tech: 4, met: before)),
            (Self.day("2022-02-01"), Self.record("b", level: 3, people: 3, process: 3, tech: 1, met: after)),
        ])
        #expect(trend.summary == "L3 throughout since 2022-01; Tech fell to L1 in 2022-02 when "
            + "L3.tech.infrastructure-as-code, L3.tech.release-acceptance-metrics, L3.tech.toolchain-orchestration and 2 more "
            + "were no longer met and the deficit L1.tech.manual-builds-deployments was newly present")
    }

    @Test func theLastChangeCountsAndUnchangedEndsAreSaid() {
        let trend = HistoryTrend(points: [
            (Self.day("2020-01-01"), Self.record("a", level: 2, people: 2, process: 2, tech: 2)),
            (Self.day("2020-02-01"), Self.record("b", level: 3, people: 2, process: 2, tech: 3)),
            (Self.day("2020-03-01"), Self.record("c", level: 2, people: 2, process: 2, tech: 2)),
            (Self.day("2020-05-01"), Self.record("d", level: 2, people: 2, process: 2, tech: 3)),
        ])
        #expect(trend.summary == "L2 again since 2020-01 (L3 in between); Tech rose to L3 in 2020-05")
    }

    @Test func practiceAndOtherChangesAreNamedWhenNothingWasNewlyMet() {
        let trend = HistoryTrend(points: [
            (Self.day("2020-01-01"), Self.record("a", level: 2, people: 1, process: 2, tech: 2, filesOnly: ["L3.tech.infrastructure-as-code"],
                                                 unknown: ["L2.people.adhoc-training"])),
            (Self.day("2020-02-01"), Self.record("b", level: 2, people: 2, process: 2, tech: 3, met: ["L3.tech.infrastructure-as-code"])),
        ])
        #expect(trend.summary == "L2 throughout since 2020-01; People rose to L2 in 2020-02 when L2.people.adhoc-training "
            + "(unknown → not-met) changed; Tech rose to L3 in 2020-02 when L3.tech.infrastructure-as-code was newly practised in the history")
        #expect(trend.changes[1].nowPractised == ["L3.tech.infrastructure-as-code"])
    }

    @Test func failedPointsAreLeftOutAndNoPointIsSaid() {
        let trend = HistoryTrend(points: [
            (Self.day("2020-01-01"), Self.record("a", level: 2, people: 2, process: 2, tech: 2)),
            (Self.day("2020-02-01"), Self.record("b", level: nil, people: nil, process: nil, tech: nil, status: "failed")),
        ])
        #expect(trend.rows.count == 1)
        #expect(trend.summary == "L2 throughout since 2020-01")
        #expect(HistoryTrend(points: []).summary == "No point of this repository is stored.")
        #expect(HistoryTrend(points: []).table() == "date  commit  level  people  process  tech  coverage\n")
    }

    @Test func theSameRecordsGiveTheSameJSON() throws {
        let points: [(Int64, ScanRecord)] = [
            (Self.day("2020-01-01"), Self.record("a", level: 1, people: 1, process: 1, tech: 1)),
            (Self.day("2020-02-01"), Self.record("b", level: 2, people: 2, process: 1, tech: 2, met: ["L2.tech.version-control"])),
        ]
        let first = try JSONOutput.encode(HistoryTrend(points: points))
        let second = try JSONOutput.encode(HistoryTrend(points: points.reversed()))
        #expect(first == second)
        #expect(first.contains("\"level\" : null") == false)
        #expect(first.contains("\"newlyMet\" : [\n        \"L2.tech.version-control\""))
    }
}
