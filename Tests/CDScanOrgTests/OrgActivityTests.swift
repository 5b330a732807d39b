import Foundation
import Testing
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// Dormancy across the org: every repository judged against the newest as-of among the repositories, the
/// range of HEAD dates on the page, and the marks in org.json, org.csv and the dashboard.
@Suite struct OrgActivityTests {
    /// The six fixtures (HEADs from 2024-02 to 2024-03) plus `gitflow`, whose HEAD is a year older.
    static let latest: [ScanRecord] = OrgRecords.scanned + [try! OrgRecords.record(fixture: "gitflow", name: "acme/gitflow"),
                                                            OrgRecords.missingFailure]

    static func head(_ record: ScanRecord) -> Int64? { record.report?.dormancy?.lastCommit.flatMap(Timestamp.parse) }

    @Test func theNewestHeadIsTheReferenceAndOldHeadsAreDormant() throws {
        let overview = OrgOverview(OrgReportInput(latest: Self.latest, history: []))
        let heads = Self.latest.compactMap(Self.head)
        let newest = try #require(heads.max())
        #expect(overview.activity.reference == Timestamp.iso8601(newest))
        #expect(overview.activity.headsFrom == Timestamp.iso8601(heads.min()!))
        #expect(overview.activity.headsTo == Timestamp.iso8601(newest))
        #expect(overview.activity.thresholdDays == 180)
        for record in Self.latest {
            let row = try #require(overview.repositories.first { $0.repository == record.repository })
            if let head = Self.head(record) {
                #expect(row.lastCommit == Timestamp.iso8601(head))
                #expect(row.dormant == (newest - head >= 180 * 86_400), "\(record.name)")
            } else {
                #expect(row.dormant == nil && row.lastCommit == nil)
            }
        }
        #expect(overview.repositories.first { $0.name == "acme/gitflow" }?.dormant == true)
        #expect(overview.repositories.first { $0.name == "acme/service" }?.dormant == false)
        #expect(overview.activity.dormant == 1)
        #expect(overview.totals.dormant == 1)

        // A longer threshold: nothing is dormant; an explicit as-of far later: everything is.
        #expect(OrgOverview(OrgReportInput(latest: Self.latest, history: [], dormantAfterDays: 1000)).activity.dormant == 0)
        let later = Self.latest.map { record in
            OrgRecords.modified(record) { object in if object["asOf"] != nil { object["asOf"] = "2026-01-01T00:00:00Z" } }
        }
        let all = OrgOverview(OrgReportInput(latest: later, history: []))
        #expect(all.activity.dormant == Self.latest.filter { $0.status == .scanned }.count)
        #expect(all.activity.reference == "2026-01-01T00:00:00Z")
    }

    @Test func thePageTheCSVAndTheJSONMarkTheDormantRepository() throws {
        let (directory, overview) = try OrgReportTests.write(OrgReportInput(latest: Self.latest, history: []))
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        let from = Timestamp.day(Timestamp.parse(overview.activity.headsFrom!)!)
        let to = Timestamp.day(Timestamp.parse(overview.activity.headsTo!)!)
        #expect(from < to)
        let sub = try #require(html.split(separator: "\n").first { $0.hasPrefix("<p class=\"sub\">") })
        #expect(sub.hasPrefix("<p class=\"sub\">HEADs from \(from) to \(to) · "))
        #expect(!sub.contains("as of"), "the reference is the newest HEAD: no separate as-of")
        #expect(html.contains("<span data-dormant-summary>1 dormant</span> (no commit in the 180 days before \(to))"))
        #expect(html.contains("data-total-dormant"))
        #expect(html.contains("\"dormant\":true"))
        #expect(html.contains("<option value=\"dormant\">Dormant</option>"))
        // The drill-down of the dormant repository says so, with its last commit.
        let gitflow = try #require(html.range(of: "<span class=\"rname\">acme/gitflow</span>"))
        let details = html[gitflow.lowerBound...].prefix(2000)
        #expect(details.contains("<span class=\"badge dormant\">dormant</span>"))
        #expect(details.contains("last commit \(from), "))
        #expect(details.contains(": <b>dormant</b> (threshold 180)"))

        let csv = parseCSV(try String(contentsOf: directory.appendingPathComponent("org.csv"), encoding: .utf8))
        let column = try #require(csv[0].firstIndex(of: "dormant"))
        #expect(csv.first { $0[0] == "acme/gitflow" }?[column] == "true")
        #expect(csv.first { $0[0] == "acme/service" }?[column] == "false")
        #expect(csv.first { $0[0] == "acme/gone" }?[column] == "")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("org.json"))) as? [String: Any])
        let activity = try #require(json["activity"] as? [String: Any])
        #expect(activity["dormant"] as? Int == 1)
        #expect(activity["headsFrom"] as? String == overview.activity.headsFrom)
        let rows = try #require(json["repositories"] as? [[String: Any]])
        #expect(rows.first { $0["name"] as? String == "acme/gitflow" }?["dormant"] as? Bool == true)
    }

    /// Reports stored before dormancy existed: a scan as of its HEAD still gives its last commit.
    @Test func olderReportsWithoutDormancyUseTheirHeadAsOf() throws {
        let record = OrgRecords.scanned[0]
        let older = OrgRecords.modified(record) { object in
            guard var report = object["report"] as? [String: Any] else { return }
            report.removeValue(forKey: "dormancy")
            object["report"] = report
        }
        #expect(older.report?.dormancy == nil)
        #expect(OrgActivity.lastCommit(older) == Timestamp.parse(record.asOf!))
    }
}
