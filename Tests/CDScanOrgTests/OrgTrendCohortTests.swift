import Foundation
import Testing
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// The trend over a fixed cohort (the repositories with a record in every month shown) beside the trend
/// over all repositories at the time: a repository that arrives late counts in the second only.
@Suite struct OrgTrendCohortTests {
    /// A copy of a fixture's record as another repository, dated and levelled.
    static func record(_ name: String, _ asOf: String, level: Int) -> ScanRecord {
        OrgRecords.modified(OrgRecords.scanned[0]) { object in
            object["name"] = name
            object["repository"] = "/srv/git/\(name)"
            object["asOf"] = asOf
            object["level"] = level
        }
    }

    /// `early` and `steady` from January, `late` from February on.
    static let history = [
        record("early", "2024-01-10T00:00:00Z", level: 1), record("steady", "2024-01-20T00:00:00Z", level: 3),
        record("late", "2024-02-15T00:00:00Z", level: 5), record("early", "2024-03-10T00:00:00Z", level: 3),
    ]
    static let latest = [history[1], history[2], history[3]]

    @Test func aRepositoryThatArrivesLateIsInAllButNotInTheCohort() throws {
        let trends = OrgTrends(latest: Self.latest, history: Self.history)
        #expect(trends.months.map(\.month) == ["2024-01", "2024-02", "2024-03"])
        #expect(trends.months.map(\.repositories) == [2, 3, 3])
        #expect(trends.months.map(\.median) == [2, 3, 3])
        #expect(trends.cohort.count == 2)
        #expect(trends.cohort.repositories == ["/srv/git/early", "/srv/git/steady"])
        #expect(trends.cohort.months.map(\.month) == ["2024-01", "2024-02", "2024-03"])
        #expect(trends.cohort.months.map(\.repositories) == [2, 2, 2])
        // early rises from L1 to L3 in March; the late L5 arrival moves only the all-repositories mean.
        #expect(trends.cohort.months.map(\.mean) == [2, 2, 3])
        #expect(trends.months.map(\.mean) == [2, 3, 3.67])
        #expect(trends.cohort.months[2].levels["3"] == 2)
    }

    @Test func orgJSONAndThePageCarryBothViews() throws {
        let input = OrgReportInput(latest: Self.latest, history: Self.history)
        let (directory, overview) = try OrgReportTests.write(input)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(overview.trends.cohort.count == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("org.json"))) as? [String: Any])
        let cohort = try #require((json["trends"] as? [String: Any])?["cohort"] as? [String: Any])
        #expect(cohort["count"] as? Int == 2)
        #expect((cohort["months"] as? [Any])?.count == 3)

        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<input type=\"radio\" name=\"trend-view\" id=\"trend-cohort\" class=\"trend-radio\" checked>"))
        #expect(html.contains("<label for=\"trend-cohort\" data-cohort-count=\"2\">Cohort of 2 repositories</label>"))
        #expect(html.contains("<input type=\"radio\" name=\"trend-view\" id=\"trend-all\" class=\"trend-radio\">"))
        #expect(html.contains("data-trend-view=\"cohort\""))
        #expect(html.contains("data-trend-view=\"all\""))
        // The population per month, drawn in the all-repositories view only.
        for (month, count) in [("2024-01", 2), ("2024-02", 3), ("2024-03", 3)] {
            #expect(html.components(separatedBy: "data-population=\"\(month):\(count)\"").count == 2, "\(month)")
        }
        // Per-repository lines: the cohort's two in the first view, all three in the second (plus the legend's).
        let views = html.components(separatedBy: "data-trend-view=\"")
        #expect(views.count == 3)
        #expect(views[1].hasPrefix("cohort") && views[1].components(separatedBy: "<path class=\"repo\"").count - 2 == 2)
        #expect(views[2].hasPrefix("all") && views[2].components(separatedBy: "<path class=\"repo\"").count - 2 == 3)
        #expect(views[1].contains("<title>early</title>") && !views[1].contains("<title>late</title>"))

        // The same records give the same bytes.
        let (again, _) = try OrgReportTests.write(OrgReportInput(latest: Self.latest.reversed(), history: Self.history))
        defer { try? FileManager.default.removeItem(at: again) }
        for name in ["index.html", "org.json", "org.csv"] {
            #expect(try Data(contentsOf: directory.appendingPathComponent(name)) == Data(contentsOf: again.appendingPathComponent(name)))
        }
    }

    @Test func repositoryNamesInBothViewsAreEscaped() throws {
        let hostile = "<img src=x onerror=alert(1)>&co"
        let history = Self.history.map { record in
            record.name == "early" ? OrgRecords.modified(record) { $0["name"] = hostile } : record
        }
        let (directory, _) = try OrgReportTests.write(OrgReportInput(latest: Array(history.suffix(3)), history: history))
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        let trends = try #require(html.components(separatedBy: "id=\"trends\"").last?.components(separatedBy: "id=\"details\"").first)
        #expect(!trends.contains("<img"))
        #expect(trends.components(separatedBy: "<title>&lt;img src=x onerror=alert(1)&gt;&amp;co</title>").count - 1 == 2)
    }
}
