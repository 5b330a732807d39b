/// The CI/CD pipelines of the repository in one model, whatever the system: every pipeline file the
/// catalogues (`kind: ci`) recognise, parsed, its jobs classified. Files that could not be
/// read as pipelines are problems (file:line:col); skipped files (too large, binary) are notes. Bounded by a
/// `PipelineBudget`, and each blob is parsed once however many paths name it.
public struct PipelineEvidence: Sendable {
    public let pipelines: [Pipeline]
    public let problems: [PipelineProblem]
    public let notes: [String]
    /// Every file recognised as a pipeline of some system, parsed or not.
    public let files: [String]
    /// The catalogue's environment ranks, for ordering deployments (`production` above `staging`).
    public let environmentRanks: [String: Int]
    /// The catalogue's tools by what they are marked to do beyond their kinds (`creates-tag`).
    public let toolMarks: [PipelineCatalogue.ToolMark: Set<String>]
    /// Set when the scan's pipeline budget ran out: which limit, and how many files were listed unparsed.
    public let budgetNote: String?
    /// Pipeline files listed but not parsed because the budget ran out (a subset of `files`).
    public let unparsedFiles: [String]

    public init(pipelines: [Pipeline], problems: [PipelineProblem], notes: [String], files: [String],
                environmentRanks: [String: Int], toolMarks: [PipelineCatalogue.ToolMark: Set<String>] = [:],
                budgetNote: String? = nil, unparsedFiles: [String] = []) {
        self.pipelines = pipelines.sorted { ($0.file, $0.system) < ($1.file, $1.system) }
        self.problems = problems.sorted()
        self.notes = notes.sorted()
        self.files = Array(Set(files)).sorted()
        self.environmentRanks = environmentRanks
        self.toolMarks = toolMarks
        self.budgetNote = budgetNote
        self.unparsedFiles = unparsedFiles.sorted()
    }

    public static func collect(layout: RepositoryLayout, catalogues: [RuleSourceFile],
                               budget: PipelineBudget = .standard) -> PipelineEvidence {
        collect(tree: SourceTree(layout: layout), catalogues: catalogues, budget: budget)
    }

    static func collect(tree: SourceTree, catalogues: [RuleSourceFile], budget: PipelineBudget = .standard) -> PipelineEvidence {
        let (catalogue, catalogueProblems) = PipelineCatalogue.load(catalogues)
        return collect(tree: tree, catalogue: catalogue, problems: catalogueProblems, budget: budget)
    }

    /// `memo`: what earlier trees of the same run read (a history's points); the evidence is the same with
    /// or without it.
    /// `indexes`: the catalogue's, when they were worked out before (else they are worked out here).
    static func collect(tree: SourceTree, catalogue: PipelineCatalogue, problems catalogueProblems: [PipelineProblem],
                        budget: PipelineBudget = .standard, indexes known: PipelineIndexes? = nil,
                        memo: FileEvidenceMemo.Part? = nil) -> PipelineEvidence {
        let indexes = known ?? PipelineIndexes(catalogue)
        let classifier = StepClassifier(catalogue: catalogue, indexes: indexes)
        let assembler = PipelineAssembler(classifier: classifier,
                                          runners: TaskRunners(runners: catalogue.runners, tree: tree, recipes: memo?.recipes,
                                                               calls: memo?.runnerCalls))
        var collector = PipelineCollector(tree: tree, assembler: assembler, budget: budget)
        collector.problems = catalogueProblems
        // Only the systems a path's names leave possible are tried, in catalogue order.
        func systems(of path: String) -> [Int] {
            let split = GlobPath(path)
            return indexes.systems.candidates(for: split).filter { catalogue.systems[$0].paths.contains(where: { $0.matches(split) }) }
        }
        for path in tree.paths {
            for index in memo?.systemsByPath.systems(of: path, { systems(of: path) }) ?? systems(of: path) {
                collector.add(path, system: catalogue.systems[index])
            }
        }
        let ranks = Dictionary(catalogue.environments.map { ($0.name, $0.rank) }, uniquingKeysWith: { first, _ in first })
        return PipelineEvidence(pipelines: Pipeline.followingWorkflowRuns(collector.pipelines), problems: collector.problems, notes: collector.notes,
                                files: collector.files, environmentRanks: ranks, toolMarks: indexes.toolMarks,
                                budgetNote: collector.budgetNote, unparsedFiles: collector.unparsed)
    }

    /// The pipeline files, whose history the walk follows: each parsed file, and for the files the budget
    /// left unparsed their folders (`dir/`), so that a hundred thousand unparsed paths stay one prefix.
    static let maximumUnparsedFolders = 1_000

    public var artefactPaths: [String] {
        guard !unparsedFiles.isEmpty else { return files }
        let unparsed = Set(unparsedFiles)
        var folders = Set(unparsedFiles.map { path in path.lastIndex(of: "/").map { String(path[...$0]) } ?? path })
        // Unparsed files spread over many folders: their top folders, or none (each prefix costs the walk).
        if folders.count > Self.maximumUnparsedFolders {
            folders = Set(unparsedFiles.compactMap { path in path.firstIndex(of: "/").map { String(path[...$0]) } })
        }
        if folders.count > Self.maximumUnparsedFolders { folders = [] }
        return Array(Set(files.filter { !unparsed.contains($0) }).union(folders)).sorted()
    }
}
