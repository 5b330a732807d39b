/// The tool's version, as reported in every output format.
public enum CDScanVersion {
    public static let current = "0.1.0"

    /// What `cdscan --version` prints: the tool's version, the digest of the built-in rules (the one every
    /// report of a scan without rule packs carries as its rules digest) and the libgit2 it runs on.
    public static var report: String {
        let rules = (try? RuleSet.load().digest) ?? "unavailable (the built-in rules do not load)"
        return "cdscan \(current)\nrules \(rules)\nlibgit2 \(LibGit2.version)\n"
    }
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
