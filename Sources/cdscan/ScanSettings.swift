import ArgumentParser
import CDScanKit

/// The scan settings every scanning command shares: `scan`, `batch` and `history`.
struct ScanSettings: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The end of every time window: YYYY-MM-DD, an ISO-8601 time, or @epoch-seconds.",
        discussion: "Defaults to the scanned commit's time (each repository's own in a batch), so the same commit gives the same result on any day."))
    var asOf: String?

    @Option(help: ArgumentHelp(
        "How many commits (newest first) get their changed paths computed in full: none, all, or a number.",
        valueName: "none|all|N"))
    var changedPaths: ChangedPathsLimit = .count(10_000)

    @Option(help: ArgumentHelp(
        "Files larger than this many bytes are listed but not read.",
        discussion: "At most 67108864 (64 MiB); a larger value is an error."))
    var maxFileSize: Int = 1 << 20

    @Option(name: .customLong("rules"), help: "A rule pack directory laid over the built-in rules (repeatable).")
    var rulePacks: [String] = []

    @Flag(help: "Ignore declared answers: an evidence-only view.")
    var noDeclared = false

    func validate() throws {
        if let asOf, Timestamp.parse(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or @epoch-seconds")
        }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard maxFileSize <= ScanOptions.maximumFileSizeCap else {
            throw ValidationError("--max-file-size \(maxFileSize) is over the limit of \(ScanOptions.maximumFileSizeCap) bytes (64 MiB)")
        }
    }

    func scanOptions(revision: String? = nil, workTree: WorkTreeMode = .ignore) -> ScanOptions {
        ScanOptions(asOf: asOf.flatMap(Timestamp.parse), changedPaths: changedPaths.budget, fileSizeCap: maxFileSize,
                    revision: revision, workTree: workTree)
    }
}
