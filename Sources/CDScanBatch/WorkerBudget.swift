import Foundation

/// How repository work is isolated: each job runs in a worker process (the `cdscan` executable itself, with
/// its hidden `worker` subcommand) under a wall-clock budget and a memory limit.
public struct WorkerIsolation: Sendable {
    /// The executable to start, and the arguments that make it a worker (before the worker's own options).
    public var executable: String
    public var arguments: [String]
    /// The base of every job's wall-clock budget, in seconds (`--timeout`).
    public var timeout: Double
    /// The worker's address-space limit in bytes (`--memory-limit`); nil for none.
    public var memoryLimit: Int?
    /// How long a worker asked to stop (SIGTERM) gets before it is killed (SIGKILL).
    public var grace: Double

    public static let defaultTimeout: Double = 300
    public static let defaultMemoryLimitMiB = 2048

    public init(executable: String, arguments: [String] = ["worker"], timeout: Double = WorkerIsolation.defaultTimeout,
                memoryLimit: Int? = WorkerIsolation.defaultMemoryLimitMiB << 20, grace: Double = 1) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.memoryLimit = memoryLimit
        self.grace = grace
    }

    /// The path that starts this very executable again. On Linux `/proc/self/exe`, resolved by the kernel
    /// in the starting process: the same binary even if the file was replaced since (an upgrade mid-batch).
    public static var currentExecutable: String {
        #if os(Linux)
        return "/proc/self/exe"
        #else
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
    }
}

/// A job's wall-clock budget: the base (`--timeout`) plus an allowance for the size of the history, so a
/// big repository is not cut off where a small one would be.
///
/// - scan (a repository): base + 0.1 s per MiB of its pack files;
/// - a run of N history points: base + 0.1 s × (1 + N/10) per MiB of its pack files;
/// - clone or fetch: base + 1 s per MiB received so far, so a transfer that keeps delivering at least
///   1 MiB/s is never cut off, while a server that accepts and never answers is cut off after the base.
public struct WorkerBudget: Sendable, Equatable {
    public static let scanSecondsPerMiB = 0.1
    public static let transferSecondsPerMiB = 1.0

    public let base: Double
    public let secondsPerMiB: Double
    /// The bytes the allowance counts (pack bytes for a scan; updated as a transfer receives).
    public var bytes: Int

    public static func scan(base: Double, packBytes: Int) -> WorkerBudget {
        WorkerBudget(base: base, secondsPerMiB: scanSecondsPerMiB, bytes: packBytes)
    }

    /// A run of `count` history points: one history walk (as a scan) and each point's tree and replay,
    /// a tenth of a scan each.
    public static func points(base: Double, packBytes: Int, count: Int) -> WorkerBudget {
        WorkerBudget(base: base, secondsPerMiB: scanSecondsPerMiB * (1 + Double(count) / 10), bytes: packBytes)
    }

    public static func transfer(base: Double, knownBytes: Int = 0) -> WorkerBudget {
        WorkerBudget(base: base, secondsPerMiB: transferSecondsPerMiB, bytes: knownBytes)
    }

    /// The seconds allowed now.
    public var seconds: Double { base + secondsPerMiB * Double(bytes) / Double(1 << 20) }

    /// The text of the help: kept here beside the formula it describes.
    public static let help = "Each repository's clone or fetch may take SECONDS plus 1 s per MiB received, and its scan "
        + "SECONDS plus 0.1 s per MiB of its pack files; a worker over its budget is stopped and the repository fails with "
        + "\"timed out after N s\"."
}
