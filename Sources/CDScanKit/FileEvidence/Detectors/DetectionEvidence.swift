/// Everything but pipelines that the catalogues recognise (filled in by the detectors work).
public struct DetectionEvidence: Sendable {
    public static func collect(layout: RepositoryLayout, catalogues: [RuleSourceFile]) -> DetectionEvidence {
        DetectionEvidence()
    }

    public var artefactPaths: [String] { [] }
}
