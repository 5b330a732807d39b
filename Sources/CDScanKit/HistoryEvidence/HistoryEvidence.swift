/// What the history walk measured (filled in by the evidence-from-history work).
public struct HistoryEvidence: Sendable {
    public init() {}
}
