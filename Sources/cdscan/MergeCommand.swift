import ArgumentParser
import CDScanBatch
import CDScanKit
import CDScanStore
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the stores of several shards (or runs) into one.",
        discussion: """
        Copies every scan of each input store into OUT (created when missing), leaving out rows OUT already \
        holds, so merging twice adds nothing. Exit codes: 0 merged, 4 a store could not be read or written.
        """
    )

    @Argument(help: "The store to merge into.")
    var output: String

    @Argument(help: "The stores to merge from.")
    var inputs: [String]

    @Flag(name: .shortAndLong, help: "Print nothing but errors (not the count of scans added).")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one store to merge from") }
    }

    func run() throws {
        do {
            let target = try ScanStore(path: output)
            var added = 0
            for input in inputs {
                added += try target.merge(from: ScanStore.openForReading(path: input))
            }
            let total = try target.count()
            try target.close()
            if !quiet { Console.progress("merged \(inputs.count) stores into \(output): \(added) scans added, \(total) in all\n") }
        } catch {
            Console.error(error.description)
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
    }
}
