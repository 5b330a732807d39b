import ArgumentParser
import CDScanKit
import Foundation

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one repository (the current directory by default) and assess its CD maturity."
    )

    @Argument(help: "A working tree, any directory inside one, or a bare repository.")
    var path: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp(OutputFormat.help, valueName: "format"))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp(
        "For sarif and codequality: next (deficits present and the next level's unmet capabilities) or all (every unmet one).",
        valueName: "next|all"))
    var sarifScope: SarifScope = .next

    @Option(help: ArgumentHelp(
        "Assess this commit (an id, a branch or a tag) instead of HEAD; its time is the default as-of.",
        valueName: "rev"))
    var revision: String?

    @Flag(help: ArgumentHelp(
        "Read changed, added and untracked files from the work tree instead of HEAD (history stays HEAD's).",
        discussion: "Symlinks are never followed; files are capped by --max-file-size as blobs are. Not with --revision or a bare repository."))
    var worktree = false

    @OptionGroup var asOfOption: AsOfOption

    @OptionGroup var dormancy: DormancyOption

    @OptionGroup var settings: ScanSettings

    @Option(help: "A configuration file to use instead of the repository's own .cdscan.yml.")
    var config: String?

    @Option(help: ArgumentHelp(
        "Judge only these characteristics: ids or globs, comma-separated (L4.*,L3.tech.*).",
        discussion: "The others are reported as skipped and the levels are computed without them.",
        valueName: "ids"))
    var checks: String?

    @Option(help: ArgumentHelp("Leave these characteristics out: ids or globs, comma-separated.", valueName: "ids"))
    var skip: String?


    @Option(help: ArgumentHelp("Exit with 1 when the overall best fit is below this level (1-5).", valueName: "level"))
    var failUnder: Int?

    @Option(help: ArgumentHelp("Exit with 1 when a dimension is below a level: people=2, process=3, tech=3 (repeatable).",
                               valueName: "dimension=level"))
    var failUnderDimension: [String] = []

    @Option(help: ArgumentHelp(
        "A previous JSON report of this repository: report what got worse against it and exit with 1 if anything did.",
        discussion: "Worse is a level or dimension that dropped, a deficit newly present or a capability no longer met; SARIF results then carry baselineState new or unchanged.",
        valueName: "file"))
    var baseline: String?

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Also write a report to a file: FORMAT=PATH, e.g. sarif=cdscan.sarif (repeatable; '-' is standard output).",
        valueName: "format=path"))
    var output: [String] = []

    @Option(help: ArgumentHelp("Colour in the text report: auto (when writing to a terminal and NO_COLOR is unset), always, never.",
                               valueName: "auto|always|never"))
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Add every finding and more evidence to the text report.")
    var verbose = false

    @Flag(name: .shortAndLong, help: ArgumentHelp(
        "Print nothing but errors: no report, no notes, no policy or baseline lines; the exit code is unchanged.",
        discussion: "Reports asked for with --output are still written ('-' included)."))
    var quiet = false

    @Option(help: ArgumentHelp(
        "Keep what the history walk read in this folder, so the next scan reads only new commits.",
        discussion: "The report is the same bytes as without it. One subfolder per repository; safe to share between scans, to delete, and to restore from a CI cache.",
        valueName: "dir"))
    var cache: String?

    @Flag(help: ArgumentHelp("Only read the snapshot (HEAD, refs, tree, history) and print what it holds.", visibility: .hidden))
    var snapshotOnly = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if let failUnder, !(1...5).contains(failUnder) { throw ValidationError("--fail-under takes a level from 1 to 5") }
        if worktree, revision != nil {
            throw ValidationError("--worktree reads the work tree of HEAD; it cannot be used with --revision")
        }
        _ = try dimensionPolicy()
        _ = try destinations()
    }

    /// `--checks` and `--skip`, split at commas.
    var selection: CheckSelection {
        func ids(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return CheckSelection(checks: ids(checks), skip: ids(skip))
    }

    /// `--output FORMAT=PATH` values, checked.
    func outputFiles() throws -> [(format: OutputFormat, path: String)] {
        try output.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, let format = OutputFormat(rawValue: parts[0].lowercased()), !parts[1].isEmpty else {
                throw ValidationError("--output takes FORMAT=PATH with a format among \(formats), not '\(item)'")
            }
            return (format, parts[1])
        }
    }

    /// The reports to write and where, each format once to each destination.
    func destinations() throws -> ReportDestinations {
        try ReportDestinations(format: format, quiet: quiet, outputs: outputFiles())
    }

    /// `--fail-under-dimension tech=3` values, checked.
    func dimensionPolicy() throws -> [CDScanKit.Dimension: Int] {
        var policy: [CDScanKit.Dimension: Int] = [:]
        for item in failUnderDimension {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let dimension = CDScanKit.Dimension(rawValue: parts[0].lowercased()),
                  let level = Int(parts[1]), (1...5).contains(level) else {
                throw ValidationError("--fail-under-dimension takes DIMENSION=LEVEL (people, process or tech; 1-5), not '\(item)'")
            }
            policy[dimension] = level
        }
        return policy
    }

    func run() throws {
        // A baseline that cannot be used is a usage error, found before the scan.
        var previous: Baseline?
        if let baseline {
            do throws(BaselineError) {
                previous = try Baseline.load(path: baseline)
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
        let request = ScanRequest(
            path: path,
            options: settings.scanOptions(
                asOf: asOfOption.time, revision: revision,
                workTree: revision != nil || snapshotOnly ? .ignore : worktree ? .include : .report,
                cacheDirectory: cache),
            rulePackDirectories: settings.rulePacks, configFile: config, useDeclared: !settings.noDeclared,
            selection: selection, dormantAfterDays: dormancy.dormantAfter)
        if snapshotOnly {
            let snapshot: RepositorySnapshot
            do throws(ScanError) {
                snapshot = try SnapshotReader.read(path: path, options: request.options)
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.scanFailed.rawValue)
            }
            let summary = SnapshotSummary(snapshot, toolVersion: CDScanVersion.current)
            guard !quiet else { return }
            if format.report is JSONReportFormat { Console.outputVerbatim(try JSONOutput.encode(summary)) } else { Console.output(summary.renderText()) }  // markdown: as text
            return
        }
        let result = try ScanRunner.run(request)
        if !quiet, let cacheReport = result.evidence.snapshot.historyCache {
            for line in cacheReport.lines where verbose || line.contains("not saved") { Console.note(line) }
        }
        // On standard error, so JSON and SARIF on standard output stay clean.
        if !quiet, let state = result.workTree, !(state.included && state.changes.isEmpty),
           let sentence = state.sentence(head: result.evidence.snapshot.head.commit, shown: TerminalText.sanitize) {
            Console.note(sentence)
        }
        let comparison = previous.map { BaselineComparison(baseline: $0, assessment: result.assessment) }
        let colour = TerminalStyle.wanted(color, isTerminal: Console.outputIsTerminal, environment: ProcessInfo.processInfo.environment)
        for report in try destinations().reports {
            switch report.destination {
            case .standardOutput:
                // Colour as --color says for standard output, whether asked for by --format or by '-'.
                write(try render(report.format, result, style: TerminalStyle(enabled: colour), baseline: comparison),
                      as: report.format)
            case .file(let path):
                let text = try render(report.format, result, style: .plain, baseline: comparison)
                do {
                    let safe = report.format.report.isForPeople ? TerminalText.printable(text, keepingColour: false) : text
                    try Data(safe.utf8).write(to: URL(fileURLWithPath: path))
                } catch {
                    Console.error("cannot write \(report.format.rawValue) report to \(path): \(error.localizedDescription)")
                    throw ExitCode(ExitStatus.usage.rawValue)
                }
            }
        }
        // The command line's policy wins over the repository's own; the report is printed either way.
        let configured = result.config?.policy ?? .none
        let dimensions = try dimensionPolicy()
        let policy = PolicyCheck(
            failUnder: failUnder ?? configured.failUnder,
            failUnderDimension: dimensions.isEmpty ? configured.failUnderDimension : dimensions)
        let shortfalls = policy.shortfalls(result.assessment)
        let regressions = comparison?.regressions ?? []
        // The reasons for exit code 1, not errors: --quiet leaves only the code.
        if !quiet {
            for shortfall in shortfalls { Console.error("below policy: \(shortfall)") }
            for regression in regressions { Console.error("worse than the baseline: \(TerminalText.sanitize(regression.message))") }
        }
        if !shortfalls.isEmpty || !regressions.isEmpty {
            throw ExitCode(ExitStatus.belowPolicy.rawValue)
        }
    }
}

extension ScanCommand {
    /// Prints a report: reports for people through the terminal filter, machine formats byte for byte.
    func write(_ text: String, as format: OutputFormat) {
        if format.report.isForPeople { Console.output(text) } else { Console.outputVerbatim(text) }
    }

    /// One report of the scan in one format.
    func render(_ format: OutputFormat, _ result: ScanResult, style: TerminalStyle, baseline: BaselineComparison? = nil) throws -> String {
        try format.report.render(ReportInput(result: result, baseline: baseline, style: style, verbose: verbose, scope: sarifScope))
    }
}

extension ColorChoice: ExpressibleByArgument {}

/// Runs a scan for a command and maps its failures to the documented exit codes.
enum ScanRunner {
    static func run(path: String, packs: [String]) throws -> ScanResult {
        try run(ScanRequest(path: path, rulePackDirectories: packs))
    }

    static func run(_ request: ScanRequest) throws -> ScanResult {
        try mappingFailures { try Scanner.scan(request) }
    }

    /// Runs `body`, turning a repository that cannot be scanned into exit code 2 and unusable rules or
    /// configuration into 64, each with its one-line message.
    static func mappingFailures<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as ScanError {
            Console.error(error.description)
            if case .workTreeUnavailable = error { throw ExitCode(ExitStatus.usage.rawValue) }
            throw ExitCode(ExitStatus.scanFailed.rawValue)
        } catch let error as ScanSetupError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}

extension SarifScope: ExpressibleByArgument {}

enum ChangedPathsLimit: ExpressibleByArgument, Equatable {
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
        switch self {
        case .count(let count): return String(count)
        case .all: return "all"
        case .none: return "none"
        }
    }
}
