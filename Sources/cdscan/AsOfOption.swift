import ArgumentParser
import CDScanKit

/// `--as-of`, offered by `scan` and `batch` only. It is not one of the shared `ScanSettings`: `history`
/// scans each point as of its own commit, so it has no use for it and does not show it.
struct AsOfOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The end of every time window: YYYY-MM-DD, an ISO-8601 time, or @epoch-seconds.",
        discussion: "Defaults to the scanned commit's time (each repository's own in a batch), so the same commit gives the same result on any day."))
    var asOf: String?

    func validate() throws {
        if let asOf, Timestamp.parse(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or @epoch-seconds")
        }
    }

    /// The time given, in seconds since the epoch; nil for the scanned commit's own time.
    var time: Int64? { asOf.flatMap(Timestamp.parse) }
}
