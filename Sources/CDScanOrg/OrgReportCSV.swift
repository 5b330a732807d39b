import CDScanKit
import Foundation

/// `org.csv`: one row per repository — name, status, error, commit, asOf, the levels, coverage,
/// confidence, lastCommit, dormant (`true`, `false`, or empty when not judged), then one column per characteristic id with its cell state (`met`, `met-files-only`,
/// `not-met`, `unknown`, `declared-met`, `declared-not-met`, `not-applicable`, `suppressed`, `skipped`). RFC 4180: CRLF line ends, fields with a
/// comma, quote or line break in double quotes. A text cell that a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.
enum OrgReportCSV {
    static func render(_ overview: OrgOverview) -> String {
        let ids = overview.characteristics.map(\.id)
        var rows: [[String]] = [
            ["name", "status", "error", "commit", "asOf", "level", "people", "process", "tech", "coverage", "confidence",
             "lastCommit", "dormant"] + ids,
        ]
        for repository in overview.repositories {
            var row = [repository.name, repository.status, repository.error ?? "", repository.commit ?? "", repository.asOf ?? ""]
            row += [repository.level, repository.people, repository.process, repository.tech].map { $0.map(String.init) ?? "" }
            row += [repository.coverage, repository.confidence].map { $0.map(number) ?? "" }
            row += [repository.lastCommit ?? "", repository.dormant.map { $0 ? "true" : "false" } ?? ""]
            row += ids.map { repository.outcomes[$0]?.rawValue ?? "" }
            rows.append(row)
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One field, neutralised and quoted as needed.
    static func field(_ raw: String) -> String {
        var text = SafeText.clean(raw)
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shares as plain decimals (`0.74`), the same on every machine.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
