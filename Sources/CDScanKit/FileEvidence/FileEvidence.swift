/// What the file detectors found in the HEAD tree (filled in by the evidence-from-files work).
public struct FileEvidence: Sendable {
    public init() {}

    /// The paths (or path prefixes ending in "/") of every artefact the detectors found, whose history
    /// the walk should follow: pipelines, IaC roots, SLOs, dashboards, rollouts, chaos experiments …
    public var artefactPaths: [String] { [] }
}
