import Foundation
import Testing
import FixtureKit
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// Scan records for the org report tests: real scans of the fixture repositories (made once per test
/// process), failed scans, older scans for the trends, and copies with other names and dates.
enum OrgRecords {
    static let fixtures = ["service", "library", "hobby", "cloud-native", "trunk", "ci-gitlab"]

    /// One real scan per fixture, newest state.
    static let scanned: [ScanRecord] = fixtures.map { name in
        try! record(fixture: name, name: "acme/\(name)")
    }

    /// Scans the fixture (optionally as of an earlier time) into a record, the way `cdscan batch` does.
    static func record(fixture: String, name: String, asOf: String? = nil) throws -> ScanRecord {
        let path = try Fixtures.path(fixture).path
        let result = try Scanner.scan(ScanRequest(path: path, options: ScanOptions(asOf: asOf.flatMap(Timestamp.parse))))
        return ScanRecord(repository: path, name: name, report: ReportDocument(result, toolVersion: CDScanVersion.current))
    }

    /// A real failure: the `empty` fixture has no commits.
    static let emptyFailure: ScanRecord = {
        let path = try! Fixtures.path("empty").path
        do {
            _ = try Scanner.scan(ScanRequest(path: path))
            return ScanRecord(repository: path, name: "acme/empty", failure: "unexpectedly scanned", toolVersion: CDScanVersion.current)
        } catch {
            return ScanRecord(repository: path, name: "acme/empty", failure: "\(error)", toolVersion: CDScanVersion.current)
        }
    }()

    static let missingFailure = ScanRecord(repository: "/srv/git/gone", name: "acme/gone",
                                           failure: "/srv/git/gone is not a git repository", toolVersion: CDScanVersion.current)

    /// The latest records of a small org: six scanned fixtures and two failures.
    static var latest: [ScanRecord] { scanned + [emptyFailure, missingFailure] }

    /// Older records for the trends: the service and library fixtures scanned months earlier, and copies
    /// of the others dated back with lower levels.
    static let history: [ScanRecord] = {
        var records: [ScanRecord] = []
        records.append(try! record(fixture: "service", name: "acme/service", asOf: "2023-11-15"))
        records.append(try! record(fixture: "library", name: "acme/library", asOf: "2023-12-20"))
        for (offset, record) in scanned.enumerated() {
            guard let asOf = record.asOf, let seconds = Timestamp.parse(asOf) else { continue }
            let earlier = seconds - Int64(60 + offset * 20) * 86_400
            records.append(modified(record) { object in
                object["asOf"] = Timestamp.iso8601(earlier)
                if let level = object["level"] as? Int { object["level"] = max(1, level - 1) }
            })
        }
        records += scanned
        return records.sorted { (Timestamp.parse($0.asOf ?? "") ?? 0) < (Timestamp.parse($1.asOf ?? "") ?? 0) }
    }()

    /// A copy of a record with some of its JSON fields changed (for names, dates and levels no fixture has).
    static func modified(_ record: ScanRecord, _ change: (inout [String: Any]) -> Void) -> ScanRecord {
        let data = try! JSONEncoder().encode(record)
        var object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&object)
        return try! JSONDecoder().decode(ScanRecord.self, from: try! JSONSerialization.data(withJSONObject: object))
    }

    /// A record renamed to another repository.
    static func renamed(_ record: ScanRecord, _ name: String, level: Int? = nil) -> ScanRecord {
        modified(record) { object in
            object["name"] = name
            object["repository"] = "/srv/git/\(name)"
            if let level { object["level"] = level }
        }
    }

    /// A larger org made from the fixtures, for looking at the page: renamed copies with their levels
    /// and dates spread out.
    static func demo() -> OrgReportInput {
        let names = ["payments-api", "checkout-web", "identity", "search-indexer", "mobile-app", "data-pipeline",
                     "billing", "notifications", "platform-infra", "design-system", "analytics", "admin-portal",
                     "ledger", "fraud-rules", "shipping", "catalogue", "recommendations", "edge-gateway"]
        var latest = scanned + [emptyFailure, missingFailure]
        var history = OrgRecords.history
        for (offset, name) in names.enumerated() {
            let base = scanned[offset % scanned.count]
            let copy = renamed(base, "acme/\(name)")
            latest.append(copy)
            guard let asOf = copy.asOf, let seconds = Timestamp.parse(asOf) else { continue }
            for back in 1...4 {
                let earlier = seconds - Int64(back * (25 + offset % 9)) * 86_400
                history.append(modified(copy) { object in
                    object["asOf"] = Timestamp.iso8601(earlier)
                    if let level = object["level"] as? Int { object["level"] = max(1, level - (back + offset) % 3 / 2 - back / 3) }
                })
            }
            history.append(copy)
        }
        return OrgReportInput(latest: latest, history: history)
    }
}

/// The median as the report defines it, computed here independently.
func testMedian(_ values: [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? Double(sorted[sorted.count / 2]) : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF line ends).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if scalar == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else {
                field.unicodeScalars.append(scalar)
            }
            continue
        }
        switch scalar {
        case "\"": quoted = true
        case ",": row.append(field); field = ""
        case "\r": break
        case "\n": row.append(field); rows.append(row); row = []; field = ""
        default: field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
