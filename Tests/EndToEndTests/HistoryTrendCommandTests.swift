import CDScanStore
import FixtureKit
import Foundation
import Testing

/// `cdscan history` prints the trend of the points it stored: a table on standard output, one row per
/// point read back from the store, and a summary line; the same with `--quiet`, and as JSON.
@Suite struct HistoryTrendCommandTests {
    private static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-history-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theTableHasOneRowPerStoredPointAndASummaryLine() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let repository = try Fixtures.path("service")
        let database = work.appendingPathComponent("history.db").path
        let run = try CDScanBinary.run(["history", repository.path, "--every", "month", "--db", database])
        #expect(run.status == 0, "stderr: \(run.stderr)")

        let points = try ScanStore.openExisting(path: database).all().filter { $0.kind == .history }.map(\.record)
        #expect(points.count >= 3)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Header, one row per point, a blank line, the summary, and the final newline.
        #expect(lines.count == points.count + 4, "\(run.stdout)")
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true)
            == ["date", "commit", "level", "people", "process", "tech", "coverage"])
        func short(_ level: Int?) -> String { level.map { "L\($0)" } ?? "—" }
        for (line, point) in zip(lines.dropFirst(), points) {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(cells.count == 7, "\(line)")
            #expect(cells[1] == String(point.commit!.prefix(12)))
            #expect(Array(cells[2...5]) == [point.level, point.people, point.process, point.tech].map(short), "\(line)")
            #expect(cells[6] == "\(Int((point.coverage! * 100).rounded()))%")
        }
        // The last point is HEAD, dated by its commit; the others by their month's first day.
        #expect(lines[points.count].hasPrefix(String(points.last!.asOf!.prefix(10))))
        for line in lines.dropFirst().prefix(points.count - 1) { #expect(line.dropFirst(8).hasPrefix("01"), "\(line)") }
        #expect(lines[points.count + 1].isEmpty)

        let summary = lines[points.count + 2]
        let since = String(lines[1].prefix(7))
        let first = points.first!.level, last = points.last!.level
        if first == last {
            #expect(summary.hasPrefix("\(short(first)) "), "\(summary)")
            #expect(summary.contains(" since \(since)"), "\(summary)")
        } else {
            #expect(summary.hasPrefix("\(short(first)) → \(short(last)) since \(since)"), "\(summary)")
        }
        // Every dimension whose level moved is named with the month of its last move.
        for (title, levels) in [("People", points.map(\.people)), ("Process", points.map(\.process)), ("Tech", points.map(\.tech))] {
            let moves = levels.indices.dropFirst().filter { levels[$0] != levels[$0 - 1] }
            if let lastMove = moves.last {
                let month = String(lines[lastMove + 1].prefix(7))
                let verb = (levels[lastMove] ?? 0) > (levels[lastMove - 1] ?? 0) ? "rose" : "fell"
                #expect(summary.contains("\(title) \(verb) to \(short(levels[lastMove])) in \(month)"), "\(summary)")
            } else {
                #expect(!summary.contains("\(title) "), "\(summary)")
            }
        }

        // A second run scans nothing and prints the same table; --quiet prints only the table.
        let again = try CDScanBinary.run(["history", repository.path, "--every", "month", "--db", database, "--quiet"])
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        #expect(again.stdout == run.stdout)

        let json = try CDScanBinary.run(["history", repository.path, "--every", "month", "--db", database, "--format", "json", "-q"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["commit"] as? String } == points.map(\.commit))
        #expect(object["summary"] as? String == summary)
        #expect(object["changes"] is [Any])
    }
}
