import CDScanKit
import CDScanStore
import Foundation
import GitAccess

/// How a batch scans each repository.
public struct BatchOptions: Sendable {
    /// Scans at once (each in its own worker process, or on its own thread without isolation).
    public var jobs: Int
    /// Scan again even when HEAD, as-of, tool version and rules are unchanged since the last good scan.
    public var force: Bool
    /// The options of every scan (`--as-of`, changed-path budget, file size cap).
    public var scan: ScanOptions
    public var rulePackDirectories: [String]
    public var configFile: String?
    public var useDeclared: Bool
    /// Days without a commit before the as-of that make a repository dormant in its stored report.
    public var dormantAfterDays = Dormancy.defaultThresholdDays
    /// Where repository work runs: worker processes with budgets (what `cdscan` uses), or, when nil, the
    /// batch's own threads (for library callers and unit tests without an executable to start).
    public var isolation: WorkerIsolation?

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false,
                scan: ScanOptions = ScanOptions(), rulePackDirectories: [String] = [], configFile: String? = nil,
                useDeclared: Bool = true, isolation: WorkerIsolation? = nil) {
        self.jobs = max(1, jobs)
        self.force = force
        self.scan = scan
        self.rulePackDirectories = rulePackDirectories
        self.configFile = configFile
        self.useDeclared = useDeclared
        self.isolation = isolation
    }

    /// The most scans at once: a few per core (more only add processes, memory and contention).
    public static let jobsPerCore = 4

    public static var maximumJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) * jobsPerCore }

    /// The settings a worker scans with.
    func workerSettings(_ scan: ScanOptions, toolVersion: String) -> WorkerScanSettings {
        WorkerScanSettings(scan, rulePackDirectories: rulePackDirectories, configFile: configFile, useDeclared: useDeclared,
                           dormantAfterDays: dormantAfterDays, toolVersion: toolVersion)
    }

    /// The base of every job's budget (unbounded without isolation).
    var timeout: Double { isolation?.timeout ?? .infinity }

    /// What the store keys the incremental check on, besides the commit and the tool version.
    public func setup() throws(ScanSetupError) -> ScanSetup {
        ScanSetup(asOfOption: scan.asOf.map(Timestamp.iso8601) ?? "", rulesDigest: try setupDigest())
    }

    /// The rules digest and every other setting that changes a report: the catalogues (built-in and the
    /// packs'), the `--changed-paths` budget, `--max-file-size`, `--no-declared` and `--config` (its
    /// contents). A rerun with any of them changed scans again instead of calling the repository unchanged.
    public func setupDigest() throws(ScanSetupError) -> String {
        // The packs are read once for both digests.
        let packs = try Self.loadPacks(rulePackDirectories)
        let rules = try Self.rulesDigest(packs)
        let budget = scan.changedPaths
        var settings = ["catalogues=\(Self.catalogueDigest(packs))",
                        "changed-paths=\(budget.commitLimit)", "prefixes=\(budget.prefixes.joined(separator: ","))",
                        "max-file-size=\(scan.fileSizeCap)", "declared=\(useDeclared)"]
        if let configFile {
            let contents = (try? String(contentsOfFile: configFile, encoding: .utf8)) ?? "unreadable"
            settings.append("config=\(String(StableHash.fnv1a64(contents), radix: 16))")
        }
        return rules + "+" + String(StableHash.fnv1a64(settings.joined(separator: "\n")), radix: 16)
    }

    /// The digest of the catalogues in force, built-in and the command line's packs': a catalogue changes
    /// the evidence as a rule changes the verdict.
    public static func catalogueDigest(_ directories: [String]) throws(ScanSetupError) -> String {
        catalogueDigest(try loadPacks(directories))
    }

    /// The digest of the built-in rules with the command line's packs (a repository's own packs come from its
    /// HEAD tree, so an unchanged HEAD means unchanged packs).
    public static func rulesDigest(_ directories: [String]) throws(ScanSetupError) -> String {
        try rulesDigest(try loadPacks(directories))
    }

    static func loadPacks(_ directories: [String]) throws(ScanSetupError) -> [RulePack] {
        do {
            var packs: [RulePack] = []
            for directory in directories { packs.append(try RulePack.load(directory: directory)) }
            return packs
        } catch {
            throw ScanSetupError(description: error.description)
        }
    }

    static func catalogueDigest(_ packs: [RulePack]) -> String {
        RuleSet.digest(of: BuiltInRules.files(under: "catalogues/") + packs.flatMap(\.catalogues))
    }

    static func rulesDigest(_ packs: [RulePack]) throws(ScanSetupError) -> String {
        // The built-in rules alone need no checking: their text is their digest.
        if packs.isEmpty { return RuleSet.digest(of: BuiltInRules.files(under: "characteristics/")) }
        do {
            return try RuleSet.load(packs: packs.flatMap(\.rules)).digest
        } catch {
            throw ScanSetupError(description: error.description)
        }
    }
}

/// What happened to one repository of a batch.
public enum BatchOutcome: Sendable, Equatable {
    case scanned(level: Int?)
    case unchanged
    case failed(String)
}

/// One finished repository, as the progress display sees it.
public struct BatchEvent: Sendable {
    public let target: BatchTarget
    public let outcome: BatchOutcome
    /// Repositories finished so far (this one included) and in all.
    public let done: Int
    public let total: Int
    public let scanned: Int
    public let unchanged: Int
    public let failed: Int
    /// Seconds since the batch started.
    public let elapsed: Double
}

/// What a batch did.
public struct BatchSummary: Sendable {
    public let total: Int
    public let scanned: Int
    public let unchanged: Int
    /// Every repository that could not be scanned, with its reason, sorted by key.
    public let failures: [ScanRecord]
    /// Repositories not reached because the batch was interrupted.
    public let notStarted: Int
    public let interrupted: Bool
    public let elapsed: Double
}

/// A flag the signal handler raises and the workers read: once raised, no new repository is started.
public typealias StopFlag = RaisedFlag

/// Scans many repositories in parallel into the store: each result is written whole within a tenth of a
/// second of its end (those that end close together in one transaction, see `StoreWriter`), so an
/// interrupted batch keeps everything finished before the interruption.
public struct BatchRunner: Sendable {
    public let store: ScanStore
    public let options: BatchOptions
    public let setup: ScanSetup
    public let toolVersion: String

    public init(store: ScanStore, options: BatchOptions, toolVersion: String = CDScanVersion.current) throws(ScanSetupError) {
        self.store = store
        self.options = options
        self.toolVersion = toolVersion
        setup = try options.setup()
    }

    /// Runs the batch over `targets` (each is scanned once; call with a de-duplicated list). `progress` is
    /// called once per finished repository, once its result is in the store, one call at a time.
    /// `lanes`: workers started ahead (`PrestartedLanes`), taken before any is started here.
    public func run(_ targets: [BatchTarget], stop: StopFlag = StopFlag(), lanes: PrestartedLanes? = nil,
                    progress: @escaping @Sendable (BatchEvent) -> Void = { _ in }) -> BatchSummary {
        let start = Date()
        let tally = Tally(total: targets.count)
        let order = Self.largestFirst(targets)
        let isolation = options.isolation
        // Every repository's last good scan, read once (nil with --force: nothing is compared).
        let lastScans: Result<[String: LastGoodScan], StoreError> = options.force
            ? .success([:]) : Result { () throws(StoreError) in try store.lastSuccessfulScans() }
        let writer = StoreWriter(store: store) { target, outcome, failure in
            progress(tally.finish(target: target, outcome: outcome, failure: failure, elapsed: Date().timeIntervalSince(start)))
        }
        ParallelWork.run(count: targets.count, jobs: options.jobs, stop: stop, lane: { lanes?.take() ?? makeJobSlot(isolation) }) { slot, index in
            let target = targets[order[index]]
            writer.submit(process(target, in: slot, lastScans: lastScans))
        }
        lanes?.closeUntaken()
        writer.finish()
        return tally.summary(interrupted: stop.isRaised, elapsed: Date().timeIntervalSince(start))
    }

    /// The order scans start in: the largest repositories (by the size of their packs) first, so that a big
    /// one does not start last and leave the other cores idle while it runs. Ties keep the sorted order.
    static func largestFirst(_ targets: [BatchTarget]) -> [Int] {
        let sizes = targets.map { packBytes($0.path) }
        return targets.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// The bytes of a repository's pack files (0 when there are none or the path is not a repository yet).
    static func packBytes(_ path: String) -> Int {
        // Read with stat and readdir: called two or three times a repository, and Foundation's file
        // attributes cost more than the rest of the parent's share of a small scan.
        var status = stat()
        let dotGit = path + "/.git"
        let gitDirectory = stat(dotGit, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR ? dotGit : path
        let packs = gitDirectory + "/objects/pack"
        var total = 0
        for name in DirectoryNames.of(packs) ?? [] where name.hasSuffix(".pack") && stat(packs + "/" + name, &status) == 0 {
            total += Int(status.st_size)
        }
        return total
    }

    /// Scans one repository (mirroring it first for a URL) in `slot`, to be stored; never throws: a
    /// repository that cannot be scanned (a worker that crashed, ran out of time or memory included) is a
    /// failed record with its reason.
    func process(_ target: BatchTarget, in slot: any JobSlot,
                 lastScans: Result<[String: LastGoodScan], StoreError>) -> FinishedRepository {
        if let problem = target.problem {
            return fail(target, problem, commit: nil)
        }
        if let url = target.url {
            let job = WorkerJob.mirror(url: url, storedAs: RemoteURL(url).display, into: target.path)
            let known = FileManager.default.fileExists(atPath: target.path) ? Self.packBytes(target.path) : 0
            if case .failed(let reason, _) = slot.run(job, budget: .transfer(base: options.timeout, knownBytes: known)) {
                return fail(target, reason, commit: nil)
            }
        }
        // The worker answers `unchanged` when HEAD is still the commit of the last good scan with this setup.
        var unchangedIfHead: String?
        switch lastScans {
        case .success(let scans):
            if let last = scans[target.key], last.toolVersion == toolVersion, last.setup == setup {
                unchangedIfHead = last.commit
            }
        case .failure(let error):
            return fail(target, error.description, commit: nil)
        }
        let job = WorkerJob.scan(target.path, as: target.key, named: target.name,
                                 settings: options.workerSettings(options.scan, toolVersion: toolVersion),
                                 unchangedIfHead: unchangedIfHead)
        switch slot.run(job, budget: .scan(base: options.timeout, packBytes: Self.packBytes(target.path))) {
        case .unchanged:
            return FinishedRepository(target: target, result: .unchanged)
        case .scanned(let record, let reportJSON):
            return FinishedRepository(target: target, result: .scanned(PendingScan(record, reportJSON: reportJSON, setup: setup)))
        case .failed(let reason, let commit):
            return fail(target, reason, commit: commit)
        case .mirrored, .chain, .points:
            return fail(target, "the worker gave an answer to another question", commit: nil)
        }
    }

    private func fail(_ target: BatchTarget, _ reason: String, commit: String?) -> FinishedRepository {
        // A URL's credentials never reach the store or the screen, whatever message quoted them.
        let reason = target.redact(reason)
        let record = ScanRecord(repository: target.key, name: target.name, failure: reason, toolVersion: toolVersion, commit: commit)
        return FinishedRepository(target: target, result: .failed(PendingScan(record, setup: setup)))
    }

    /// One line, whatever the error.
    static func reason(_ error: any Error) -> String { RepositoryWork.reason(error) }
}

/// The counts of a running batch, updated by the workers under a lock (which makes it `Sendable`).
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var scanned = 0
    private var unchanged = 0
    private var failures: [ScanRecord] = []

    init(total: Int) { self.total = total }

    func finish(target: BatchTarget, outcome: BatchOutcome, failure: ScanRecord?, elapsed: Double) -> BatchEvent {
        lock.lock()
        defer { lock.unlock() }
        switch outcome {
        case .scanned: scanned += 1
        case .unchanged: unchanged += 1
        case .failed(let reason):
            failures.append(failure ?? ScanRecord(repository: target.key, name: target.name, failure: reason,
                                                  toolVersion: CDScanVersion.current))
        }
        return BatchEvent(target: target, outcome: outcome, done: scanned + unchanged + failures.count, total: total,
                          scanned: scanned, unchanged: unchanged, failed: failures.count, elapsed: elapsed)
    }

    func summary(interrupted: Bool, elapsed: Double) -> BatchSummary {
        lock.lock()
        defer { lock.unlock() }
        let done = scanned + unchanged + failures.count
        return BatchSummary(total: total, scanned: scanned, unchanged: unchanged,
                            failures: failures.sorted { $0.repository < $1.repository },
                            notStarted: total - done, interrupted: interrupted, elapsed: elapsed)
    }
}

/// Runs `body(lane, index)` for every index on `jobs` threads, each with its own lane (made on the thread,
/// closed when the thread is done), each taking the next index until none is left or `stop` is raised (work
/// already started finishes).
enum ParallelWork {
    static func run(count: Int, jobs: Int, stop: StopFlag, lane makeLane: @escaping @Sendable () -> any JobSlot,
                    _ body: @escaping @Sendable (any JobSlot, Int) -> Void) {
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<min(max(1, jobs), max(1, count)) {
            group.enter()
            let thread = Thread {
                // A lane's worker process dies with the thread that started it (PR_SET_PDEATHSIG), so the
                // lane lives and ends on this thread.
                let lane = makeLane()
                while !stop.isRaised, let index = next.take(below: count) {
                    body(lane, index)
                }
                lane.close()
                group.leave()
            }
            // Without isolation the scans run on these threads; parsers and regexes like room: 8 MiB like the
            // main thread.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// The next index to hand out, behind a lock (so `Sendable`).
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
