/// The tool's version, as reported in every output format.
public enum CDScanVersion {
    public static let current = "0.1.0"
}

/// The documented exit codes: a pipeline can tell a policy failure from a failed scan and a usage error.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The assessment is below the policy's level (`--fail-under`).
    case belowPolicy = 1
    /// The repository could not be scanned (not a repository, empty, damaged).
    case scanFailed = 2
    /// The command line or a configuration file is wrong.
    case usage = 64
}
