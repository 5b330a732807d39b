import GitAccess

/// What `--cache` did during one scan, for `--verbose` (and a warning when the cache could not be
/// written: the scan itself is still whole).
public struct HistoryCacheReport: Sendable, Hashable {
    public let folder: String
    public let usage: WalkMemory.Usage
    /// Why an existing cache was not used (another version, damage); nil when it was used or new.
    public let dropped: String?
    public internal(set) var bytesWritten: Int
    public internal(set) var writeError: String?
    /// Whether commits the walk did not reach were kept (a walk from a past commit).
    public let keptUnreached: Bool
    /// What a rescan replayed from the cached history (`ReplayTip`) instead of walking; nil after a walk.
    public var replay: ReplayUsage? = nil
    /// Why a cached history was there but not replayed (the history was walked instead).
    public var replayRefused: String? = nil
    /// Why a replay left the cached history as it was although commits were new.
    public var replayNotSaved: String? = nil
    /// What the file detectors took from the cache and left in it (`CachedFileEvidence`).
    public var outcomes: OutcomeCacheReport? = nil

    /// A rescan replayed from the cached history: its commits, the new ones read, the diffs made.
    public struct ReplayUsage: Sendable, Hashable {
        public var commitsReplayed = 0
        public var commitsRead = 0
        public var diffsComputed = 0
        /// Cached commits the replay did not reach (a rewritten or pruned history, or another revision).
        public var commitsUnreached = 0
    }

    /// One line per fact, for the verbose log.
    public var lines: [String] {
        var lines: [String] = []
        if let dropped { lines.append("history cache \(folder) was not used: \(dropped); the history was walked in full and the cache rebuilt") }
        if let replayRefused { lines.append("history cache: the cached history was not replayed: \(replayRefused); it was walked") }
        if let replay {
            lines.append("history cache: \(replay.commitsReplayed) commits replayed from the cached history, \(replay.commitsRead) read; "
                + "\(replay.diffsComputed) changed-path lists computed")
            if let replayNotSaved { lines.append("history cache: not rewritten: \(replayNotSaved)") }
        } else {
            lines.append("history cache: \(usage.commitsRemembered) commits remembered, \(usage.commitsRead) read; "
                + "\(usage.diffsRemembered) changed-path lists remembered, \(usage.diffsComputed) computed")
        }
        let unreached = replay?.commitsUnreached ?? usage.commitsUnreached
        if unreached > 0, !keptUnreached {
            lines.append("history cache: \(unreached) remembered commits are no longer in the history "
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
        return lines + (outcomes?.lines ?? [])
    }
}
