import CDScanKit
import CDScanStore
import Foundation
import GitAccess

/// The spacing of history points: calendar months, ISO weeks (Mondays), or every N days.
public enum HistoryInterval: Sendable, Equatable, CustomStringConvertible {
    case month
    case week
    case days(Int)

    /// `month`, `week`, or `N-days` (also `Nd`).
    public init?(argument: String) {
        switch argument {
        case "month", "monthly": self = .month
        case "week", "weekly": self = .week
        default:
            var text = Substring(argument)
            if text.hasSuffix("-days") { text = text.dropLast(5) } else if text.hasSuffix("d") { text = text.dropLast() }
            guard let days = Int(text), days > 0 else { return nil }
            self = .days(days)
        }
    }

    public var description: String {
        switch self {
        case .month: return "month"
        case .week: return "week"
        case .days(let days): return "\(days)-days"
        }
    }

    /// The period boundaries (UTC) in `(after, through]`, oldest first: the first of each month at 00:00, each
    /// Monday at 00:00, or each multiple of N days since the epoch at 00:00.
    public func boundaries(after start: Int64, through end: Int64) -> [Int64] {
        guard start < end else { return [] }
        var result: [Int64] = []
        switch self {
        case .month:
            let day = Timestamp.day(start)
            var year = Int(day.prefix(4)) ?? 1970
            var month = Int(day.dropFirst(5).prefix(2)) ?? 1
            while true {
                month += 1
                if month > 12 { month = 1; year += 1 }
                guard let boundary = Timestamp.parse(String(format: "%04d-%02d-01T00:00:00Z", year, month)) else { break }
                if boundary > end { break }
                result.append(boundary)
            }
        case .week, .days:
            let step: Int64 = self == .week ? 7 * 86_400 : Int64(self.days) * 86_400
            // 1970-01-05 was a Monday.
            let origin: Int64 = self == .week ? 4 * 86_400 : 0
            var boundary = origin + ((start - origin) / step + 1) * step
            if start - origin < 0 { boundary = origin + Int64((Double(start - origin) / Double(step)).rounded(.down) + 1) * step }
            while boundary <= end {
                if boundary > start { result.append(boundary) }
                boundary += step
            }
        }
        return result
    }

    private var days: Int {
        if case .days(let days) = self { return days }
        return 7
    }
}

/// One past point of a repository: the newest first-parent commit at or before a boundary.
public struct HistoryPoint: Sendable, Hashable {
    /// The period boundary the point stands for (the HEAD commit's time for the last point).
    public let boundary: Int64
    public let commit: String
    /// The commit's committer time: the scan's as-of.
    public let commitTime: Int64
}

/// Builds the past of one repository: points on the first-parent history of HEAD, scanned as of their
/// commits and stored as history rows.
public enum RepositoryHistory {
    /// The first-parent chain of HEAD, newest first: (commit, committer time).
    public static func firstParentChain(path: String) throws(ScanError) -> [(commit: String, time: Int64)] {
        let repository: GitRepository
        do {
            repository = try GitRepository(path: path)
        } catch {
            throw error.kind == .notFound ? .notARepository(path: path, reason: error.message) : .git(error)
        }
        var chain: [(String, Int64)] = []
        var next: ObjectID?
        do throws(GitError) {
            next = try repository.head().commit
        } catch {
            if error.kind == .unbornHead { throw .emptyRepository(path: path) }
            throw .corruptRepository(path: path, reason: error.description)
        }
        // A shallow clone's boundary commits name parents that are not there: the chain stops at them, as git's does.
        let shallowRoots = repository.shallowRoots()
        do throws(GitError) {
            var seen: Set<ObjectID> = []
            while let id = next, seen.insert(id).inserted {
                let commit = try repository.commit(id)
                chain.append((id.hex, commit.committer.time.seconds))
                next = shallowRoots.contains(id) ? nil : commit.parents.first
            }
        } catch {
            throw .corruptRepository(path: path, reason: error.description)
        }
        return chain
    }

    /// For each boundary after the chain's oldest commit (or `since`) up to HEAD's time, the first commit of
    /// the chain (newest first) whose committer time is at or before the boundary — what
    /// `git rev-list --first-parent -1 --before=BOUNDARY HEAD` picks — then HEAD itself. A commit picked for
    /// several boundaries (a quiet period) is one point, at its earliest boundary.
    public static func points(chain: [(commit: String, time: Int64)], every interval: HistoryInterval,
                              since: Int64? = nil) -> [HistoryPoint] {
        guard let head = chain.first, let root = chain.last else { return [] }
        let start = max(root.time, since.map { $0 - 1 } ?? root.time)
        var points: [HistoryPoint] = []
        var seen: Set<String> = []
        for boundary in interval.boundaries(after: start, through: head.time) {
            guard let pick = chain.first(where: { $0.time <= boundary }) else { continue }
            if seen.insert(pick.commit).inserted {
                points.append(HistoryPoint(boundary: boundary, commit: pick.commit, commitTime: pick.time))
            }
        }
        if seen.insert(head.commit).inserted {
            points.append(HistoryPoint(boundary: head.time, commit: head.commit, commitTime: head.time))
        }
        return points
    }
}

/// What `cdscan history` did.
public struct HistorySummary: Sendable {
    public let points: [HistoryPoint]
    public let scanned: Int
    /// Points already in the store.
    public let skipped: Int
    public let failures: [(point: HistoryPoint, reason: String)]
    public let interrupted: Bool
}

/// Scans the history points of one repository into the store.
public struct HistoryRunner: Sendable {
    public let store: ScanStore
    public let options: BatchOptions
    public let toolVersion: String

    public init(store: ScanStore, options: BatchOptions, toolVersion: String = CDScanVersion.current) {
        self.store = store
        self.options = options
        self.toolVersion = toolVersion
    }

    /// Lists the points of the repository at `path` and scans each one not stored yet, each as a job of a
    /// lane (a worker process under `options.isolation`). Throws `HistoryError` when the repository's
    /// history cannot be read, `ScanSetupError` when the rules cannot be loaded.
    public func run(path: String, every interval: HistoryInterval, since: Int64?, stop: StopFlag = StopFlag(),
                    progress: @escaping @Sendable (HistoryPoint, String) -> Void = { _, _ in })
        throws -> HistorySummary {
        let target = RepositoryDiscovery.target(path: path)
        let packBytes = BatchRunner.packBytes(target.path)
        let timeout = options.timeout
        let chain: [ChainLink]
        let lane = makeJobSlot(options.isolation)
        let answer = lane.run(.chain(target.path), budget: .scan(base: timeout, packBytes: packBytes))
        lane.close()
        switch answer {
        case .chain(let links): chain = links
        case .failed(let reason, _): throw HistoryError(description: reason.hasPrefix(target.path) ? reason : "\(target.path): \(reason)")
        default: throw HistoryError(description: "\(target.path): the worker gave an answer to another question")
        }
        let points = RepositoryHistory.points(chain: chain.map { ($0.commit, $0.time) }, every: interval, since: since)
        let digest = try options.setupDigest()
        let results = ResultList(count: points.count)
        let setups = points.map { ScanSetup(asOfOption: Timestamp.iso8601($0.commitTime), rulesDigest: digest) }
        var pending: [Int] = []
        for index in points.indices {
            do {
                if !options.force, try store.hasScan(of: target.key, commit: points[index].commit, toolVersion: toolVersion, setup: setups[index]) {
                    results.set(index, "stored")
                    progress(points[index], "stored")
                } else {
                    pending.append(index)
                }
            } catch {
                results.set(index, "failed: " + BatchRunner.reason(error))
                progress(points[index], "failed: " + BatchRunner.reason(error))
            }
        }
        // The points left are scanned in runs of neighbours, one run per lane: each run walks the history
        // once for all its points (neighbours share most of their history and of their diffs).
        let runs = Self.runs(of: pending, lanes: options.jobs)
        let isolation = options.isolation
        let settings = options.workerSettings(options.scan, toolVersion: toolVersion)
        /// Stores one point's outcome; what the run's progress line says of it.
        @Sendable func keep(_ outcome: PointOutcome, at index: Int) -> String {
            switch outcome {
            case .scanned(let record, let reportJSON):
                do {
                    try store.insert(record, reportJSON: reportJSON, kind: .history, setup: setups[index])
                    return "scanned"
                } catch {
                    return "failed: " + BatchRunner.reason(error)
                }
            case .failed(let reason):
                return "failed: " + reason
            }
        }

        /// One point as a run of its own.
        @Sendable func scanAlone(_ index: Int, lane: any JobSlot) -> String {
            let job = WorkerJob.points(target.path, as: target.key, named: target.name, settings: settings,
                                       points: [PastPoint(commit: points[index].commit, asOf: points[index].commitTime)])
            switch lane.run(job, budget: .points(base: timeout, packBytes: packBytes, count: 1)) {
            case .points(let outcomes) where outcomes.count == 1: return keep(outcomes[0], at: index)
            case .failed(let reason, _): return "failed: " + reason
            default: return "failed: the worker gave an answer to another question"
            }
        }
        ParallelWork.run(count: runs.count, jobs: options.jobs, stop: stop, lane: { makeJobSlot(isolation) }) { lane, run in
            let indexes = runs[run]
            let job = WorkerJob.points(target.path, as: target.key, named: target.name, settings: settings,
                                       points: indexes.map { PastPoint(commit: points[$0].commit, asOf: points[$0].commitTime) })
            let answer = lane.run(job, budget: .points(base: timeout, packBytes: packBytes, count: indexes.count))
            for (position, index) in indexes.enumerated() {
                let outcome: String
                switch answer {
                case .points(let outcomes) where outcomes.count == indexes.count:
                    outcome = keep(outcomes[position], at: index)
                case .failed(let reason, _) where indexes.count == 1:
                    outcome = "failed: " + reason
                case .failed:
                    // The run's worker crashed, hung or ran out of memory: each point is scanned alone, so
                    // the point that did it fails alone.
                    guard !stop.isRaised else { return }
                    outcome = scanAlone(index, lane: lane)
                default:
                    outcome = "failed: the worker gave an answer to another question"
                }
                results.set(index, outcome)
                progress(points[index], outcome)
            }
        }

        var scanned = 0, skipped = 0
        var failures: [(HistoryPoint, String)] = []
        for (index, outcome) in results.values.enumerated() {
            switch outcome {
            case "scanned": scanned += 1
            case "stored": skipped += 1
            case let text? where text.hasPrefix("failed: "): failures.append((points[index], String(text.dropFirst(8))))
            default: break
            }
        }
        return HistorySummary(points: points, scanned: scanned, skipped: skipped, failures: failures, interrupted: stop.isRaised)
    }

    /// The most points one run holds: a run keeps each point's tree and file evidence until its replay,
    /// so a long weekly history of a wide repository is several runs (each walks the history once).
    static let pointsPerRun = 32

    /// `indexes` (oldest first) cut into runs of neighbours, one per lane or more when a lane's share
    /// would exceed `pointsPerRun`, of sizes differing by one at most.
    static func runs(of indexes: [Int], lanes: Int) -> [[Int]] {
        guard !indexes.isEmpty else { return [] }
        let needed = (indexes.count + pointsPerRun - 1) / pointsPerRun
        let count = min(max(1, lanes, needed), indexes.count)
        return (0..<count).map { run in
            Array(indexes[(run * indexes.count / count)..<((run + 1) * indexes.count / count)])
        }
    }

    /// Outcomes by index, filled by the workers under a lock (so `Sendable`).
    final class ResultList: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String?]

        init(count: Int) { items = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: String) {
            lock.lock()
            items[index] = value
            lock.unlock()
        }

        var values: [String?] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }
}

/// The history of a repository cannot be read (not a repository, no commits, damaged, or its worker
/// crashed or ran out of time): one line.
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
