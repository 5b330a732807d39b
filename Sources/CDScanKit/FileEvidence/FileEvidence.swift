/// What the file detectors found in the HEAD tree: the CI/CD pipelines, parsed into one model, and
/// everything else the catalogues recognise (IaC, tests, environments, delivery, observability, people
/// files). Gathered once per scan, before the history walk, from the object database.
public struct FileEvidence: Sendable {
    public let pipelines: PipelineEvidence
    public let detections: DetectionEvidence

    public init(pipelines: PipelineEvidence, detections: DetectionEvidence) {
        self.pipelines = pipelines
        self.detections = detections
    }

    /// Reads the tree through the catalogues. Never throws: an unreadable or malformed file becomes a
    /// problem recorded in the evidence (and later an error finding), and the scan goes on.
    public static func collect(layout: RepositoryLayout, catalogues: [RuleSourceFile]) -> FileEvidence {
        collect(layout: layout, catalogues: LoadedCatalogues(files: catalogues))
    }

    /// The same with catalogues already read (a scan reads them once for the files and the history).
    /// `memo`: what earlier trees of the same run gave (a history's points); the evidence is the same
    /// with or without it.
    public static func collect(layout: RepositoryLayout, catalogues: LoadedCatalogues, memo: FileEvidenceMemo? = nil) -> FileEvidence {
        let part = memo?.part(for: catalogues, sizeCap: layout.files.sizeCap)
        return FileEvidence(
            pipelines: PipelineEvidence.collect(tree: SourceTree(layout: layout), catalogue: catalogues.pipelines,
                                                problems: catalogues.pipelineProblems, indexes: catalogues.pipelineIndexes, memo: part),
            detections: DetectionEvidence.collect(layout: layout, catalogue: catalogues.detectors, memo: part))
    }

    /// The paths (or path prefixes ending in "/") of every artefact found, whose history the walk
    /// follows: pipelines, IaC roots, SLOs, dashboards, rollouts, chaos experiments …
    public var artefactPaths: [String] {
        Array(Set(pipelines.artefactPaths + detections.artefactPaths)).sorted()
    }
}
