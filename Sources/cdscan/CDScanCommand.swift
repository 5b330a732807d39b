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
        subcommands: [ScanCommand.self, RulesCommand.self, ExplainCommand.self, WalkCommand.self, BatchCommand.self, HistoryCommand.self, MergeCommand.self, ReportCommand.self,
                      WorkerCommand.self],
        defaultSubcommand: ScanCommand.self
    )

    /// Declared so that help, completions and the man page show it; `EntryPoint` answers it before parsing
    /// (ArgumentParser's own `--version` has no short name and prints only the version string).
    @Flag(name: [.customShort("V"), .customLong("version")],
          help: "Show the version, the digest of the built-in rules and the libgit2 version, and exit.")
    var showVersion = false

    /// Whether the command line asks for the version: `--version` or `-V` anywhere before a `--`, as
    /// ArgumentParser treats `--version` and `--help`.
    static func asksForVersion(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains { $0 == "--version" || $0 == "-V" }
    }
}
