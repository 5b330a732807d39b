import ArgumentParser
import CDScanKit

/// The scan settings every scanning command shares: `scan`, `batch` and `history` (`--as-of`, which
/// `history` does not take, is `AsOfOption`).
struct ScanSettings: ParsableArguments {
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
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard maxFileSize <= ScanOptions.maximumFileSizeCap else {
            throw ValidationError("--max-file-size \(maxFileSize) is over the limit of \(ScanOptions.maximumFileSizeCap) bytes (64 MiB)")
        }
    }

    /// `asOf`: the end of every time window, nil for the scanned commit's time.
    func scanOptions(asOf: Int64? = nil, revision: String? = nil, workTree: WorkTreeMode = .ignore,
                     cacheDirectory: String? = nil) -> ScanOptions {
        ScanOptions(asOf: asOf, changedPaths: changedPaths.budget, fileSizeCap: maxFileSize,
                    revision: revision, workTree: workTree, cacheDirectory: cacheDirectory)
    }
}
