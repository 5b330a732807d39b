import GitAccess

/// What `--cache` did during one scan, for `--verbose` (and a warning when the cache could not be
/// written: the scan itself is still whole).
public struct HistoryCacheReport: Sendable, Hashable {
    public let folder: String
    public let usage: WalkMemory.Usage
    /// Why an existing cache was not used (another version, damage); nil when it was used or new.
    public let dropped: String?
    public let bytesWritten: Int
    public let writeError: String?
    /// Whether commits the walk did not reach were kept (a walk from a past commit).
    public let keptUnreached: Bool

    /// One line per fact, for the verbose log.
    public var lines: [String] {
        var lines: [String] = []
        if let dropped { lines.append("history cache \(folder) was not used: \(dropped); the history was walked in full and the cache rebuilt") }
        lines.append("history cache: \(usage.commitsRemembered) commits remembered, \(usage.commitsRead) read; "
            + "\(usage.diffsRemembered) changed-path lists remembered, \(usage.diffsComputed) computed")
        if usage.commitsUnreached > 0, !keptUnreached {
            lines.append("history cache: \(usage.commitsUnreached) remembered commits are no longer in the history "
                + "(rewritten or force-pushed, or another revision); they were dropped")
        }
        if usage.fullPathsDropped {
            lines.append("history cache: --changed-paths asks for other prefixes than the cached ones; their diffs were made again")
        }
        if usage.trackedPathsDropped {
            lines.append("history cache: the artefacts followed through the history changed; their changes were looked up again")
        }
        if usage.annotationsDropped {
            lines.append("history cache: the rules that read commit messages changed; the messages were read again")
        }
        if let writeError {
            lines.append("history cache: not saved: \(writeError)")
        } else if bytesWritten > 0 {
            lines.append("history cache: saved \(bytesWritten) bytes in \(folder)")
        }
        return lines
    }
}
