import ArgumentParser
import CDScanBatch
import CDScanKit
import CDScanStore
import Foundation

/// The scan settings every org command shares (the same meaning as in `cdscan scan`).
struct OrgScanOptions: ParsableArguments {
    @OptionGroup var settings: ScanSettings

    @Option(help: "The SQLite database the results go to.")
    var db: String = "cdscan.db"

    // No default value in the declaration: help, completions and the man page would show this machine's
    // core count as if it were fixed.
    @Option(name: .shortAndLong,
            help: ArgumentHelp("Scans run at once (default: the number of cores; at most \(BatchOptions.jobsPerCore) per core).",
                               valueName: "n"))
    var jobs: Int?

    @Flag(help: "Scan again even when nothing changed since the last good scan.")
    var force = false

    @Option(help: ArgumentHelp(
        "Where each repository's history walk is remembered between runs, so a moved HEAD costs only its new commits (default: DB.history beside the store).",
        valueName: "dir"))
    var historyCache: String?

    @Flag(help: "Walk every history in full, without reading or writing the history cache.")
    var noHistoryCache = false

    @Option(help: ArgumentHelp("The wall-clock budget of each repository, in seconds.", discussion: WorkerBudget.help,
                               valueName: "seconds"))
    var timeout: Int = Int(WorkerIsolation.defaultTimeout)

    @Option(help: ArgumentHelp("The memory (address space) each repository's scan may use, in MiB; a scan over it fails "
                               + "with \"memory limit of N MiB exceeded\".", valueName: "MiB"))
    var memoryLimit: Int = WorkerIsolation.defaultMemoryLimitMiB

    @Flag(name: .shortAndLong, help: ArgumentHelp(
        "Print nothing but errors: no progress, notes or summary; the exit code is unchanged.",
        discussion: "Each repository or point that could not be scanned is still one error line, and recorded in the store."))
    var quiet = false

    func validate() throws {
        if noHistoryCache && historyCache != nil {
            throw ValidationError("--history-cache and --no-history-cache cannot be used together")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        // The worker process itself starts with some 230 MiB of address space (runtime and libraries).
        guard memoryLimit >= 256 else { throw ValidationError("--memory-limit must be at least 256 (MiB)") }
        guard memoryLimit <= 1 << 30 else { throw ValidationError("--memory-limit is in MiB: \(memoryLimit) is too much") }
    }

    /// `--jobs`, lowered to the cap (with a note saying so).
    var effectiveJobs: Int {
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobs > BatchOptions.maximumJobs else { return jobs }
        progress("cdscan: note: --jobs \(jobs) lowered to \(BatchOptions.maximumJobs) "
            + "(\(BatchOptions.jobsPerCore) per core on \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
        return BatchOptions.maximumJobs
    }

    /// Progress, notes and summaries on standard error, unless `--quiet`.
    func progress(_ text: String) {
        if !quiet { Console.progress(text) }
    }

    /// Closes the store (its write-ahead log folded into the file), or exits with the store's exit code.
    func close(_ store: ScanStore) throws {
        do {
            try store.close()
        } catch {
            Console.error(error.description)
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
    }

    /// The options of the batch: every repository's work in a worker process of this executable, under
    /// the budget. `asOf`: the end of every time window (`batch --as-of`), nil for each commit's own time.
    func batchOptions(asOf: Int64? = nil) -> BatchOptions {
        BatchOptions(jobs: effectiveJobs, force: force,
                     scan: settings.scanOptions(asOf: asOf, cacheDirectory: cacheDirectory),
                     rulePackDirectories: settings.rulePacks, useDeclared: !settings.noDeclared,
                     isolation: WorkerIsolation(executable: WorkerIsolation.currentExecutable, timeout: Double(timeout),
                                                memoryLimit: memoryLimit << 20))
    }

    /// The history cache folder: `--history-cache`, else beside the store; nil with `--no-history-cache`.
    var cacheDirectory: String? {
        noHistoryCache ? nil : historyCache ?? db + ".history"
    }

    /// Opens the store, or exits with the store's exit code.
    func openStore() throws -> ScanStore {
        do {
            return try ScanStore(path: db)
        } catch {
            Console.error(error.description)
            throw ExitCode(BatchExitStatus.storeFailed.rawValue)
        }
    }
}

/// Ctrl-C (SIGINT) or SIGTERM during a batch: the first stops handing out repositories (scans in progress
/// finish and are saved, and the summary is written); a second one quits at once.
enum Interrupts {
    static func install(_ stop: StopFlag, quiet: Bool = false, message: @escaping @Sendable () -> String) -> Installed {
        // A worker writing to a lane that has just ended must not take the batch down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let queue = DispatchQueue(label: "cdscan.signals")
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if stop.isRaised {
                    if !quiet { FileHandle.standardError.write(Data("\ncdscan: interrupted again: quitting now\n".utf8)) }
                    exit(BatchExitStatus.interrupted.rawValue)
                }
                stop.raise()
                if !quiet { FileHandle.standardError.write(Data("\ncdscan: interrupted: \(message())\n".utf8)) }
            }
            source.resume()
            return source
        }
        return Installed(sources: sources)
    }

    /// The installed handlers; `cancel()` removes them.
    struct Installed {
        let sources: [any DispatchSourceSignal]

        func cancel() {
            for source in sources { source.cancel() }
        }
    }
}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Scan every repository under directories, in list files and at URLs into a SQLite store.",
        discussion: """
        Directories are searched for working trees and bare repositories at any depth; a symbolic link outside \
        a repository is followed when it leads to a repository not found yet, and every link not followed \
        (dangling, a loop, a repository found already, a directory that is not a repository) is a note \
        saying why. URLs are mirrored (bare) under --cache and fetched again on later runs. A repository \
        whose HEAD, as-of, tool version and rules are unchanged since its last good scan is not scanned \
        again (--force scans it). Exit codes: 0 every repository scanned or unchanged, 3 some could not be \
        scanned (each listed at the end), 4 the store could not be used, 64 usage error (no repository \
        found at all is one), 130 interrupted (SIGINT or SIGTERM: scans in progress finish, the summary is \
        written). Each repository is cloned or fetched and scanned in a worker process of its own, under \
        --timeout and --memory-limit: a crash, a hang or a blow-up fails that repository (with the reason) \
        and the batch goes on. Credentials in a URL are used for the transfer but never stored or printed.
        """
    )

    @Argument(help: "Directories to search for repositories.")
    var directories: [String] = []

    @Option(help: "A file listing repository paths, one per line (# comments).")
    var list: [String] = []

    @Option(help: "A git URL to mirror and scan (repeatable).")
    var url: [String] = []

    @Option(help: "A file listing git URLs, one per line (# comments).")
    var urlList: [String] = []

    @Option(help: "Where mirrors of URLs are kept.")
    var cache: String = "cdscan-mirrors"

    @Option(help: ArgumentHelp("Scan only shard I of N (0-based): the repositories whose key hashes to I modulo N.",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: "Also write the org report into this directory.")
    var report: String?

    @OptionGroup var asOfOption: AsOfOption

    @OptionGroup var dormancy: DormancyOption

    @OptionGroup var scan: OrgScanOptions

    func validate() throws {
        if directories.isEmpty && list.isEmpty && url.isEmpty && urlList.isEmpty {
            throw ValidationError("give directories to search, --list, --url or --url-list")
        }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let found: BatchSources.Found
        do {
            found = try BatchSources(directories: directories, lists: list, urls: url, urlLists: urlList, cache: cache).discover()
        } catch let error as DiscoveryError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        if !scan.quiet {
            for skipped in found.skipped { Console.note("skipped \(skipped)") }
        }
        if let nothing = found.nothingToScan {
            Console.error(nothing)
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        if !scan.quiet {
            for directory in found.emptyDirectories { Console.note("no repository found under \(directory)") }
        }
        var targets = found.targets
        if let shard { targets = try Shard(parsing: shard).select(targets) }

        var options = scan.batchOptions(asOf: asOfOption.time)
        options.dormantAfterDays = dormancy.dormantAfter
        // The workers start while the store is opened and the rules digested.
        let lanes = PrestartedLanes(options.isolation, count: min(options.jobs, targets.count))
        let store = try scan.openStore()
        let runner: BatchRunner
        do {
            runner = try BatchRunner(store: store, options: options)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let stop = StopFlag()
        let database = scan.db
        let signals = Interrupts.install(stop, quiet: scan.quiet) {
            "finishing the scans in progress; finished results are saved in \(database) (Ctrl-C again to quit now)"
        }
        defer { signals.cancel() }
        let terminal = isatty(STDERR_FILENO) == 1
        let quiet = scan.quiet
        let summary = runner.run(targets, stop: stop, lanes: lanes) { event in
            if quiet {
                return
            } else if terminal {
                // A failure stays on the screen above the status line.
                if case .failed = event.outcome { Console.progress("\r" + BatchProgress.plainLine(event) + "\u{1B}[K\n") }
                Console.progress("\r" + BatchProgress.statusLine(event) + "\u{1B}[K")
            } else {
                Console.progress(BatchProgress.plainLine(event) + "\n")
            }
        }
        if quiet {
            for failure in summary.failures {
                Console.error("\(TerminalText.sanitize(failure.name)): \(TerminalText.sanitize(failure.error ?? "failed"))")
            }
        } else {
            if terminal && summary.total > 0 { Console.progress("\n") }
            Console.progress(BatchProgress.summary(summary, database: scan.db))
        }

        if let report {
            try ReportCommand.write(store: store, to: report, dormantAfterDays: dormancy.dormantAfter, quiet: quiet)
        }
        try scan.close(store)
        if summary.interrupted { throw ExitCode(BatchExitStatus.interrupted.rawValue) }
        if !summary.failures.isEmpty { throw ExitCode(BatchExitStatus.someFailed.rawValue) }
    }
}

extension Console {
    /// Progress and summaries of the org commands: standard error, as they are (no `cdscan: error:` prefix).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
