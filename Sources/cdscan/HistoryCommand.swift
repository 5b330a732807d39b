import ArgumentParser
import CDScanBatch
import CDScanKit
import CDScanOrg
import CDScanStore
import Foundation

extension HistoryInterval: ExpressibleByArgument {}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Assess a repository's past: one point per period on the first-parent history of HEAD.",
        discussion: """
        For each period boundary (the first of each month, each Monday, or every N days since the epoch, all \
        at 00:00 UTC) after the first commit (or --since), the newest first-parent commit at or before it is \
        scanned as of that commit (so history has no as-of option), and HEAD last; each point is a row of the \
        store. Points already stored are skipped. Then every point's stored result is printed on standard \
        output, oldest first, as a table (date, commit, level, People, Process, Tech, coverage) with a \
        one-line summary of the change, or as JSON with --format json; --quiet leaves out the progress, not \
        the table. Exit codes: 0 every point stored, 3 some points could not \
        be scanned, 2 the repository cannot be read, 4 the store could not be used, 64 usage error, 130 \
        interrupted (SIGINT or SIGTERM). The points left to scan are cut into runs of neighbours, one per \
        --jobs lane; each run walks the history once and replays each point's walk from it, so a point's \
        report is the one a scan of that commit alone, as of its time, writes. The history and each run are read in \
        worker processes under --timeout and --memory-limit, as in batch.
        """
    )

    @Argument(help: "A working tree, any directory inside one, or a bare repository.")
    var path: String = "."

    @Option(help: ArgumentHelp("The spacing of the points: month, week, or N-days.", valueName: "month|week|N-days"))
    var every: HistoryInterval = .month

    @Option(help: "Only points after this date (YYYY-MM-DD or an ISO-8601 time).")
    var since: String?

    @Option(help: ArgumentHelp("What the trend is printed as: text (a table and a summary line) or json.", valueName: "text|json"))
    var format: HistoryFormat = .text

    @OptionGroup var scan: OrgScanOptions

    func validate() throws {
        if let since, Timestamp.parse(since) == nil {
            throw ValidationError("--since '\(since)' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
    }

    func run() throws {
        let store = try scan.openStore()
        let runner = HistoryRunner(store: store, options: scan.batchOptions())
        let stop = StopFlag()
        let database = scan.db
        let signals = Interrupts.install(stop, quiet: scan.quiet) { "finishing the points in progress; they are saved in \(database)" }
        defer { signals.cancel() }
        let summary: HistorySummary
        do {
            summary = try ScanRunner.mappingFailures {
                try runner.run(path: path, every: every, since: since.flatMap(Timestamp.parse), stop: stop) { point, outcome in
                    scan.progress("\(Timestamp.day(point.boundary)) \(point.commit.prefix(12)) \(outcome)\n")
                }
            }
        } catch let error as HistoryError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.scanFailed.rawValue)
        }
        let trend = try readTrend(store: store, points: summary.points)
        try scan.close(store)
        scan.progress("\(summary.interrupted ? "interrupted" : "done"): \(summary.points.count) points every \(every): "
            + "\(summary.scanned) scanned, \(summary.skipped) already stored, \(summary.failures.count) failed; results in \(scan.db)\n")
        for failure in summary.failures {
            let line = "\(Timestamp.day(failure.point.boundary)) \(failure.point.commit.prefix(12)): \(failure.reason)"
            if scan.quiet { Console.error(line) } else { Console.progress("  \(line)\n") }
        }
        switch format {
        case .text: Console.output(trend.table() + "\n" + trend.summary + "\n")
        case .json: Console.outputVerbatim(try JSONOutput.encode(trend))
        }
        if summary.interrupted { throw ExitCode(BatchExitStatus.interrupted.rawValue) }
        if !summary.failures.isEmpty { throw ExitCode(BatchExitStatus.someFailed.rawValue) }
    }

    /// Every point's stored result, scanned now or before, as a trend.
    private func readTrend(store: ScanStore, points: [HistoryPoint]) throws -> HistoryTrend {
        // The setup digest the points were stored under (the rules and every option that changes a report).
        let digest = try ScanRunner.mappingFailures { try scan.batchOptions().setupDigest() }
        do {
            return HistoryTrend(points: try HistoryReadBack.records(
                of: path, points: points, store: store, toolVersion: CDScanVersion.current, setupDigest: digest))
        } catch {
            Console.error(error.description)
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
    }
}

enum HistoryFormat: String, ExpressibleByArgument {
    case text, json
}
