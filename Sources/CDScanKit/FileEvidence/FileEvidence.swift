/// What the file detectors found in the HEAD tree (filled in by the evidence-from-files work).
public struct FileEvidence: Sendable {
    public init() {}
}
