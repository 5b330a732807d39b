import ArgumentParser
import CDScanKit

struct CDScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdscan",
        abstract: "Scan a git repository and tell how mature its Continuous Delivery pipeline is.",
        discussion: """
        Exit codes of scan: 0 success, 1 below the policy's level, 2 the repository could not be scanned, \
        64 usage error. Batch and history: 3 some repositories or points could not be scanned, 4 the store \
        could not be used, 130 interrupted (see each command's help).
        """,
        version: CDScanVersion.current,
        subcommands: [ScanCommand.self, RulesCommand.self, ExplainCommand.self, WalkCommand.self, BatchCommand.self, HistoryCommand.self, MergeCommand.self, ReportCommand.self,
                      WorkerCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}
