import ArgumentParser
import CDScanKit

@main
struct CDScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdscan",
        abstract: "Scan a git repository and tell how mature its Continuous Delivery pipeline is.",
        discussion: """
        Exit codes: 0 success, 1 below the policy's level, 2 the repository could not be scanned, \
        64 usage error.
        """,
        version: CDScanVersion.current,
        subcommands: [ScanCommand.self, RulesCommand.self, ExplainCommand.self, WalkCommand.self, BatchCommand.self, HistoryCommand.self, MergeCommand.self, ReportCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}
