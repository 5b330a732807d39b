/// Everything gathered from a repository in one scan, before any judgement: the snapshot, what the
/// file detectors found in the HEAD tree, and what the history walk measured. Probes read only this.
public struct Evidence: Sendable {
    public let snapshot: RepositorySnapshot
    public let files: FileEvidence
    public let history: HistoryEvidence

    public init(snapshot: RepositorySnapshot, files: FileEvidence, history: HistoryEvidence) {
        self.snapshot = snapshot
        self.files = files
        self.history = history
    }

    /// The end of every time window (the HEAD commit's time unless `--as-of` says otherwise).
    public var asOf: Int64 { snapshot.asOf }
}
