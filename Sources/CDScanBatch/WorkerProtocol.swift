import CDScanKit
import CDScanStore
import Foundation
import GitAccess

/// One piece of repository work a batch hands to a worker: mirror a URL, scan a repository (or one commit
/// of it), or list a repository's first-parent chain. Everything the work needs is in the job, so a worker
/// process reads nothing else from its parent (no shell, no environment, no shared memory).
public struct WorkerJob: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Clone or fetch `url` into the mirror at `path`.
        case mirror
        /// Scan the repository at `path` with `settings`.
        case scan
        /// The first-parent chain of HEAD at `path` (for `cdscan history`).
        case chain
        /// Scan `points` of the repository at `path` with `settings`, with one history walk.
        case points
    }

    public var kind: Kind
    public var path: String
    /// For `mirror`: the URL as given (credentials included) and as it may be stored.
    public var url: String?
    public var storedURL: String?
    /// For `scan`.
    public var settings: WorkerScanSettings?
    /// For `scan`: when HEAD is this commit, the answer is `unchanged` and nothing is scanned.
    public var unchangedIfHead: String?
    /// For `scan`: the key and name the record is labelled with.
    public var repository: String?
    public var name: String?
    /// For `points`: the commits to scan and their as-of moments.
    public var points: [PastPoint]?

    public static func mirror(url: String, storedAs: String, into path: String) -> WorkerJob {
        WorkerJob(kind: .mirror, path: path, url: url, storedURL: storedAs)
    }

    public static func scan(_ path: String, as repository: String, named name: String, settings: WorkerScanSettings,
                            unchangedIfHead: String? = nil) -> WorkerJob {
        WorkerJob(kind: .scan, path: path, settings: settings, unchangedIfHead: unchangedIfHead, repository: repository, name: name)
    }

    public static func points(_ path: String, as repository: String, named name: String, settings: WorkerScanSettings,
                              points: [PastPoint]) -> WorkerJob {
        WorkerJob(kind: .points, path: path, settings: settings, repository: repository, name: name, points: points)
    }

    public static func chain(_ path: String) -> WorkerJob {
        WorkerJob(kind: .chain, path: path)
    }
}

/// The settings of one scan, as a worker receives them (`ScanRequest` in plain values).
public struct WorkerScanSettings: Codable, Sendable, Equatable {
    public var asOf: Int64?
    public var changedPathsLimit: Int
    public var changedPathsPrefixes: [String]
    public var trackedPrefixes: [String]
    public var trackedLimit: Int
    public var fileSizeCap: Int
    public var revision: String?
    public var rulePackDirectories: [String]
    public var configFile: String?
    public var useDeclared: Bool
    public var dormantAfterDays: Int
    public var toolVersion: String
    /// The history cache folder (`--cache`); nil for none.
    public var cacheDirectory: String?

    public init(_ options: ScanOptions, rulePackDirectories: [String], configFile: String?, useDeclared: Bool,
                dormantAfterDays: Int = Dormancy.defaultThresholdDays, toolVersion: String) {
        asOf = options.asOf
        changedPathsLimit = options.changedPaths.commitLimit
        changedPathsPrefixes = options.changedPaths.prefixes
        trackedPrefixes = options.changedPaths.trackedPrefixes
        trackedLimit = options.changedPaths.trackedLimit
        fileSizeCap = options.fileSizeCap
        revision = options.revision
        self.rulePackDirectories = rulePackDirectories
        self.configFile = configFile
        self.useDeclared = useDeclared
        self.dormantAfterDays = dormantAfterDays
        self.toolVersion = toolVersion
        cacheDirectory = options.cacheDirectory
    }

    func request(path: String) -> ScanRequest {
        let budget = ChangedPathsBudget(commitLimit: changedPathsLimit, prefixes: changedPathsPrefixes,
                                        trackedPrefixes: trackedPrefixes, trackedLimit: trackedLimit)
        return ScanRequest(path: path, options: ScanOptions(asOf: asOf, changedPaths: budget, fileSizeCap: fileSizeCap,
                                                            revision: revision, cacheDirectory: cacheDirectory),
                           rulePackDirectories: rulePackDirectories, configFile: configFile, useDeclared: useDeclared,
                           dormantAfterDays: dormantAfterDays)
    }
}

/// How a job ended, as the worker saw it. A worker that crashed, hung or ran out of memory sends nothing:
/// its parent tells those apart (see `WorkerSlot`).
public enum WorkerOutcome: Codable, Sendable, Equatable {
    case mirrored(GitMirror.Action)
    /// HEAD is the commit the job named: not scanned again.
    case unchanged(commit: String)
    /// The record without its report (`ScanRecord.withoutReport()`), and the report as the store keeps it:
    /// the parent stores the JSON as it is rather than decode and encode it again.
    case scanned(record: ScanRecord, reportJSON: String)
    /// The first-parent chain, newest first.
    case chain([ChainLink])
    /// Each point of a `points` job, in the job's order.
    case points([PointOutcome])
    /// The work failed with a one-line reason; `commit` is HEAD's when it could be read.
    case failed(reason: String, commit: String?)
}

/// How one point of a `points` job ended.
public enum PointOutcome: Codable, Sendable, Equatable {
    case scanned(record: ScanRecord, reportJSON: String)
    case failed(reason: String)
}

/// One commit of a first-parent chain.
public struct ChainLink: Codable, Sendable, Equatable {
    public let commit: String
    public let time: Int64

    public init(commit: String, time: Int64) {
        self.commit = commit
        self.time = time
    }
}

/// One line from a worker to its parent. Lines are JSON objects without raw newlines (the encoder escapes
/// them in strings), one per line; `done(.scanned)` is sent with an empty `reportJSON` and followed by
/// one line holding the report's JSON itself.
public enum WorkerMessage: Codable, Sendable, Equatable {
    /// What the worker is doing now (named in a crash reason: "crashed: SIGABRT while scanning").
    case stage(String)
    /// Bytes received so far by a clone or fetch (the budget grows with them).
    case received(Int)
    /// Sent by the crash handler when the failing allocation met the memory limit.
    case memoryExhausted
    case done(WorkerOutcome)

    public func line() -> Data {
        // Encoding these plain values cannot fail; a line that could not be made would be a bug.
        var data = (try? Data(SortedJSONEncoder(pretty: false).encode(self))) ?? Data(#"{"stage":{"_0":"unencodable message"}}"#.utf8)
        data.append(0x0A)
        return data
    }

    public static func parse(_ line: Data) -> WorkerMessage? {
        try? JSONDecoder().decode(WorkerMessage.self, from: line)
    }
}
