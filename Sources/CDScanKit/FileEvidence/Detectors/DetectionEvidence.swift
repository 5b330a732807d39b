import YAMLReader

/// Everything but pipelines that the catalogues recognise in the HEAD tree: what each entry matched, the
/// test inventory, CODEOWNERS, README badges, build targets, image references, and the files that could
/// not be used. Gathered once, before the history walk.
public struct DetectionEvidence: Sendable {
    public var detections: [Detection] = []
    /// Malformed files that mattered to some probe (`file:line:col`).
    public var problems: [DetectionProblem] = []
    /// Files skipped (binary, too large, unreadable) and whether the read budget ran out.
    public var notes: [String] = []
    /// Set when the catalogues themselves could not be read: every file probe then reports an error.
    public var catalogueError: YAMLError?
    public var tests = TestInventory()
    public var codeowners: [CodeownersFile] = []
    public var badges: [StatusBadge] = []
    public var buildTargets: [String] = []
    public var images: [ImageReference] = []
    /// Files that CODEOWNERS should cover as pipelines (by the catalogue's globs), sorted.
    public var codeownersPipelineFiles: [String] = []
    public var filesRead = 0
    public var bytesRead = 0

    public init() {}

    public static func collect(layout: RepositoryLayout, catalogues: [RuleSourceFile]) -> DetectionEvidence {
        collect(layout: layout, catalogue: Result { () throws(YAMLError) in try DetectorCatalogueLoader.load(catalogues) })
    }

    /// `memo`: what paths and blobs gave in earlier trees of the run with this catalogue (a history's
    /// points), to add again without reading; the evidence is the same with or without.
    static func collect(layout: RepositoryLayout, catalogue loaded: Result<DetectorCatalogue, YAMLError>,
                        memo: FileEvidenceMemo.Part? = nil) -> DetectionEvidence {
        let catalogue: DetectorCatalogue
        do {
            catalogue = try loaded.get()
        } catch {
            var evidence = DetectionEvidence()
            evidence.catalogueError = error
            return evidence
        }
        let files = layout.tree.filter { $0.kind == .file || $0.kind == .executable }
        // Made at the first read: a point whose files all gave what they gave before reads none.
        var entries: [String: TreeEntry]?
        let scanner = DetectionScanner(catalogue: catalogue, outcomes: memo?.detections, recipes: memo?.recipes)
        let result = scanner.scan(files.map { CandidateFile(path: $0.path, size: $0.size ?? 0, blob: $0.object) }) { candidate in
            let byPath = entries ?? Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            entries = byPath
            guard let entry = byPath[candidate.path] else { return .unreadable("not in the tree") }
            return layout.files.read(entry)
        }
        return DetectionEvidence(result)
    }

    init(_ result: DetectionScanner.Result) {
        detections = result.detections
        problems = result.problems
        notes = result.notes
        tests = result.tests
        codeowners = result.codeowners.sorted { $0.path < $1.path }
        badges = result.badges
        buildTargets = result.buildTargets
        images = result.images
        codeownersPipelineFiles = result.codeownersPipelineFiles
        filesRead = result.filesRead
        bytesRead = result.bytesRead
    }

    /// What fed `signal` (a probe name, or `testFramework`, `testKind`, `planning` …), sorted.
    public func detections(feeding signal: String) -> [Detection] {
        detections.filter { $0.feeds(signal) }
    }

    public func problems(feeding signal: String) -> [DetectionProblem] {
        problems.filter { $0.feeds.contains(signal) }
    }

    /// The artefacts whose history the walk should follow: IaC roots, SLOs, chaos experiments, rollouts …
    /// (dependency matches and people files are not artefacts of a practice).
    public var artefactPaths: [String] {
        let practiceSignals: Set<String> = ["hasInfrastructureAsCode", "hasSLODefinitions", "hasChaosExperiments",
                                            "hasGitOps", "hasProgressiveDelivery", "hasAlertRules", "hasDashboardsAsCode"]
        let paths = detections.filter { $0.dependency == nil && !practiceSignals.isDisjoint(with: $0.feeds) }.map(\.artefact)
        return Array(Set(paths)).sorted()
    }
}
