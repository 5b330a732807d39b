import ArgumentParser
import CDScanBatch
import Foundation

/// The worker process of `batch` and `history` (hidden): scans the repositories its parent sends, one
/// JSON job per line on standard input, and answers on standard output. Started by the parent with the
/// budget's options; not for people.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run repository jobs for a parent batch (internal).",
        discussion: """
        Reads one job per line (JSON) on standard input and writes the stages and the answer of each on \
        standard output, until standard input ends. For tests only, CDSCAN_WORKER_FAULT=abort:NAME,hang:NAME,\
        oom:NAME makes a worker abort, hang or exhaust its memory on jobs whose path or URL contains NAME.
        """,
        shouldDisplay: false
    )

    @Option(help: "The address-space limit of this process, in bytes.")
    var memoryLimitBytes: Int?

    func run() throws {
        let status = WorkerRuntime.run(memoryLimit: memoryLimitBytes)
        if status != 0 { throw ExitCode(status) }
    }
}
