import ArgumentParser
import CDScanKit
import Foundation

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one repository (the current directory by default)."
    )

    @Argument(help: "A working tree, any directory inside one, or a bare repository.")
    var path: String = "."

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp(
        "The end of every time window: YYYY-MM-DD, an ISO-8601 time, or @epoch-seconds.",
        discussion: "Defaults to the HEAD commit's time, so the same commit gives the same result on any day."))
    var asOf: String?

    @Option(help: ArgumentHelp(
        "How many commits (newest first) get their changed paths computed: none, all, or a number.",
        valueName: "none|all|N"))
    var changedPaths: ChangedPathsLimit = .count(10_000)

    @Option(help: "Files larger than this many bytes are listed but not read.")
    var maxFileSize: Int = 1 << 20

    func validate() throws {
        if let asOf, Timestamp.parse(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or @epoch-seconds")
        }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
    }

    func run() throws {
        let options = ScanOptions(
            asOf: asOf.flatMap(Timestamp.parse),
            changedPaths: changedPaths.budget,
            fileSizeCap: maxFileSize)
        let snapshot: RepositorySnapshot
        do throws(ScanError) {
            snapshot = try SnapshotReader.read(path: path, options: options)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.scanFailed.rawValue)
        }
        let summary = SnapshotSummary(snapshot, toolVersion: CDScanVersion.current)
        switch format {
        case .text:
            Console.output(summary.renderText())
        case .json:
            Console.output(try JSONOutput.encode(summary))
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum ChangedPathsLimit: ExpressibleByArgument {
    case none, all, count(Int)

    init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "all": self = .all
        default:
            guard let count = Int(argument), count >= 0 else { return nil }
            self = .count(count)
        }
    }

    var budget: ChangedPathsBudget {
        switch self {
        case .none: return .none
        case .all: return .all
        case .count(let count): return ChangedPathsBudget(commitLimit: count)
        }
    }

    var defaultValueDescription: String {
        if case .count(let count) = self { return String(count) }
        return self == .all ? "all" : "none"
    }

    static func == (lhs: ChangedPathsLimit, rhs: ChangedPathsLimit) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none), (.all, .all): return true
        case (.count(let a), .count(let b)): return a == b
        default: return false
        }
    }
}
