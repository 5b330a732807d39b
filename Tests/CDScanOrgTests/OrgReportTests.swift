import Foundation
import Testing
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// The org report's figures and files, from real scans of the fixtures.
@Suite struct OrgReportTests {
    static func write(_ input: OrgReportInput) throws -> (URL, OrgOverview) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-org-\(UUID().uuidString)")
        let urls = try OrgReportWriter.write(input, to: directory)
        #expect(urls.map(\.lastPathComponent) == ["index.html", "org.json", "org.csv"])
        let overview = try JSONDecoder().decode(OrgOverview.self, from: Data(contentsOf: directory.appendingPathComponent("org.json")))
        return (directory, overview)
    }

    @Test func totalsAndDistributionsMatchTheRecords() throws {
        let latest = OrgRecords.latest
        let (directory, overview) = try Self.write(OrgReportInput(latest: latest, history: OrgRecords.history))
        defer { try? FileManager.default.removeItem(at: directory) }
        let scanned = latest.filter { $0.status == .scanned }
        #expect(overview.totals.repositories == latest.count)
        #expect(overview.totals.scanned == scanned.count)
        #expect(overview.totals.failed == 2)
        #expect(overview.totals.medianLevel == testMedian(scanned.compactMap(\.level)))
        for level in 1...5 {
            #expect(overview.levels.levels[String(level)] == scanned.filter { $0.level == level }.count)
            #expect(overview.dimensions["tech"]?.levels[String(level)] == scanned.filter { $0.tech == level }.count)
            #expect(overview.dimensions["people"]?.levels[String(level)] == scanned.filter { $0.people == level }.count)
        }
        #expect(overview.levels.noLevel == scanned.filter { $0.level == nil }.count)
        // The fixtures really differ: not every repository sits on one level.
        #expect(Set(scanned.map(\.level)).count > 1)

        // The matrix: 42 columns in the grid's order, one row per repository.
        #expect(overview.characteristics.count == 42)
        let order = overview.characteristics.map { ($0.level, ["people", "process", "tech"].firstIndex(of: $0.dimension)!) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(overview.repositories.map(\.name) == latest.map(\.name).sorted())
        let service = try #require(overview.repositories.first { $0.name == "acme/service" })
        let record = try #require(latest.first { $0.name == "acme/service" })
        #expect(service.outcomes.count == 42)
        for (id, outcome) in record.outcomes {
            let cell = try #require(service.outcomes[id])
            #expect((outcome.outcome == "met") == [.met, .metFilesOnly, .declaredMet].contains(cell), "\(id)")
            if outcome.outcome == "met", outcome.source == "detected" { #expect((cell == .met) == outcome.practiced) }
        }
        let iac = try #require(overview.characteristics.first { $0.id == "L3.tech.infrastructure-as-code" })
        #expect(iac.title == "Infrastructure as code")
        #expect(iac.counts.values.reduce(0, +) == scanned.count)
    }

    @Test func gapsCountNextLevelCapabilitiesNotMetAndDeficitsPresent() throws {
        let latest = OrgRecords.latest
        let overview = OrgOverview(OrgReportInput(latest: latest, history: []))
        let model = CharacteristicModel.builtIn
        var expected: [String: Int] = [:]
        for record in latest where record.status == .scanned {
            let next = (record.level ?? 1) + 1
            for (id, outcome) in record.outcomes {
                guard let entry = model.entry(id) else { continue }
                if entry.kind == .deficit, outcome.outcome == "met" { expected[id, default: 0] += 1 }
                if entry.kind == .capability, entry.level == next, outcome.outcome == "not-met" { expected[id, default: 0] += 1 }
            }
        }
        #expect(!expected.isEmpty)
        #expect(Dictionary(uniqueKeysWithValues: overview.gaps.map { ($0.id, $0.count) }) == expected)
        #expect(zip(overview.gaps, overview.gaps.dropFirst()).allSatisfy { $0.count >= $1.count })
        for gap in overview.gaps {
            #expect(gap.repositories.count == gap.count)
            #expect(gap.reason == (model.entry(gap.id)?.kind == .deficit ? "deficit-present" : "next-level-capability"))
        }
    }

    @Test func trendsTakeEachRepositorysNewestRecordByMonthEnd() throws {
        let history = OrgRecords.history
        let trends = OrgTrends(latest: OrgRecords.latest, history: history)
        let dated = history.filter { $0.status == .scanned }.compactMap { record in
            record.asOf.flatMap(Timestamp.parse).map { (record, $0) }
        }
        let first = try #require(dated.map(\.1).min()), last = try #require(dated.map(\.1).max())
        #expect(trends.months.first?.month == String(Timestamp.day(first).prefix(7)))
        #expect(trends.months.last?.month == String(Timestamp.day(last).prefix(7)))
        #expect(Set(trends.months.map(\.month)).count == trends.months.count)
        // Recompute every month independently.
        for month in trends.months {
            let (year, number) = (Int(month.month.prefix(4))!, Int(month.month.suffix(2))!)
            let nextMonth = number == 12 ? "\(year + 1)-01-01" : "\(year)-\(number < 9 ? "0" : "")\(number + 1)-01"
            let end = try #require(Timestamp.parse(nextMonth + "T00:00:00Z")) - 1
            var levels: [Int] = []
            var count = 0
            for repository in Set(dated.map(\.0.repository)) {
                guard let newest = dated.filter({ $0.0.repository == repository && $0.1 <= end }).max(by: { $0.1 < $1.1 }) else { continue }
                count += 1
                if let level = newest.0.level { levels.append(level) }
            }
            #expect(month.repositories == count, "\(month.month)")
            #expect(month.median == testMedian(levels), "\(month.month)")
        }
        #expect(trends.repositories.count == Set(dated.map(\.0.repository)).count)
        #expect(trends.months.count >= 3)
    }

    @Test func csvHasOneRowPerRepositoryAndEveryCharacteristic() throws {
        let latest = OrgRecords.latest
        let (directory, overview) = try Self.write(OrgReportInput(latest: latest, history: []))
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: directory.appendingPathComponent("org.csv"), encoding: .utf8)
        #expect(text.hasSuffix("\r\n"))
        let rows = parseCSV(text)
        #expect(rows.count == latest.count + 1)
        #expect(Array(rows[0].prefix(13)) == ["name", "status", "error", "commit", "asOf", "level", "people", "process", "tech",
                                              "coverage", "confidence", "lastCommit", "dormant"])
        #expect(Array(rows[0].dropFirst(13)) == overview.characteristics.map(\.id))
        #expect(rows.allSatisfy { $0.count == 13 + 42 })
        let service = try #require(rows.first { $0[0] == "acme/service" })
        let record = try #require(latest.first { $0.name == "acme/service" })
        #expect(service[1] == "scanned")
        #expect(service[5] == record.level.map(String.init))
        #expect(service[11] == record.report?.dormancy?.lastCommit)
        #expect(service[12] == (overview.repositories.first { $0.name == "acme/service" }?.dormant == true ? "true" : "false"))
        let iacColumn = try #require(rows[0].firstIndex(of: "L3.tech.infrastructure-as-code"))
        #expect(service[iacColumn] == overview.repositories.first { $0.name == "acme/service" }?.outcomes["L3.tech.infrastructure-as-code"]?.rawValue)
        let empty = try #require(rows.first { $0[0] == "acme/empty" })
        #expect(empty[1] == "failed")
        #expect(!empty[2].isEmpty)
        #expect(empty[11].isEmpty && empty[12].isEmpty)
    }

    @Test func theSameInputGivesByteIdenticalFiles() throws {
        let input = OrgRecords.demo()
        let (first, _) = try Self.write(input)
        let (second, _) = try Self.write(OrgReportInput(latest: input.latest.reversed(), history: input.history))
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for name in ["index.html", "org.json", "org.csv"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two writes")
            #expect(!a.isEmpty)
        }
        // The dates shown are the range of HEADs (each scan's as-of here), never the clock.
        let html = try String(contentsOf: first.appendingPathComponent("index.html"), encoding: .utf8)
        let heads = input.latest.compactMap { $0.asOf.flatMap(Timestamp.parse) }
        let newest = try #require(heads.max()), oldest = try #require(heads.min())
        #expect(html.contains("HEADs from \(Timestamp.day(oldest)) to \(Timestamp.day(newest))"))
    }

    @Test func thePageIsSelfContained() throws {
        let (directory, _) = try Self.write(OrgReportInput(latest: OrgRecords.latest, history: OrgRecords.history))
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        for remote in ["href=\"http", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(remote), "the page refers to something outside it: \(remote)")
        }
        #expect(html.contains("<script type=\"application/json\" id=\"data\">"))
        #expect(html.contains("<svg"))
    }
}
