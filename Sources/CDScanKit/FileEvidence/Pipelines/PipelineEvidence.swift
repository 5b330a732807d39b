/// The CI/CD pipelines of the repository (filled in by the pipelines work).
public struct PipelineEvidence: Sendable {
    public static func collect(layout: RepositoryLayout, catalogues: [RuleSourceFile]) -> PipelineEvidence {
        PipelineEvidence()
    }

    public var artefactPaths: [String] { [] }
}
