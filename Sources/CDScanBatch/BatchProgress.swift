import CDScanKit
import Foundation

/// The text of a batch's progress: one redrawn status line for a terminal, one plain line per finished
/// repository otherwise (a CI log), and the closing summary.
public enum BatchProgress {
    /// `[12/60] 10 scanned, 1 unchanged, 1 failed — 2.4 repos/s, ETA 0:20`, for a terminal (redrawn with `\r`).
    public static func statusLine(_ event: BatchEvent) -> String {
        let rate = event.elapsed > 0 ? Double(event.done) / event.elapsed : 0
        let remaining = event.total - event.done
        let eta = rate > 0 ? duration(Double(remaining) / rate) : "?"
        return "[\(event.done)/\(event.total)] \(event.scanned) scanned, \(event.unchanged) unchanged, "
            + "\(event.failed) failed — \(String(format: "%.1f", rate)) repos/s, ETA \(eta)"
    }

    /// `[12/60] scanned L3 service`, `[13/60] unchanged api`, `[14/60] failed broken: reason`.
    public static func plainLine(_ event: BatchEvent) -> String {
        let prefix = "[\(event.done)/\(event.total)]"
        // Names and reasons come from paths, URLs and repositories: never raw on a terminal.
        let name = TerminalText.sanitize(event.target.name)
        switch event.outcome {
        case .scanned(let level):
            return "\(prefix) scanned \(level.map { "L\($0)" } ?? "L-") \(name)"
        case .unchanged:
            return "\(prefix) unchanged \(name)"
        case .failed(let reason):
            return "\(prefix) failed \(name): \(TerminalText.sanitize(reason))"
        }
    }

    /// The closing lines: counts, then every failure with its reason.
    public static func summary(_ summary: BatchSummary, database: String) -> String {
        var lines: [String] = []
        let header = summary.interrupted ? "interrupted" : "done"
        lines.append("\(header): \(summary.total) repositories: \(summary.scanned) scanned, \(summary.unchanged) unchanged, "
            + "\(summary.failures.count) failed" + (summary.notStarted > 0 ? ", \(summary.notStarted) not started" : "")
            + " in \(duration(summary.elapsed)); results in \(TerminalText.sanitize(database))")
        if !summary.failures.isEmpty {
            lines.append("failed:")
            for failure in summary.failures {
                lines.append("  \(TerminalText.sanitize(failure.name)): \(TerminalText.sanitize(failure.error ?? "failed"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return String(format: "%d:%02d:%02d", total / 3600, total % 3600 / 60, total % 60) }
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}
