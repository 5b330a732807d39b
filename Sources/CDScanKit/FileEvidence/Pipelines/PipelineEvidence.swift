/// The CI/CD pipelines of the repository in one model, whatever the system: every pipeline file the
/// catalogues (`Rules/catalogues/ci*.yml`) recognise, parsed, its jobs classified. Files that could not be
/// read as pipelines are problems (file:line:col); skipped files (too large, binary) are notes.
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

    public init(pipelines: [Pipeline], problems: [PipelineProblem], notes: [String], files: [String],
                environmentRanks: [String: Int], toolMarks: [PipelineCatalogue.ToolMark: Set<String>] = [:]) {
        self.pipelines = pipelines.sorted { ($0.file, $0.system) < ($1.file, $1.system) }
        self.problems = problems.sorted()
        self.notes = notes.sorted()
        self.files = Array(Set(files)).sorted()
        self.environmentRanks = environmentRanks
        self.toolMarks = toolMarks
    }

    public static func collect(layout: RepositoryLayout, catalogues: [RuleSourceFile]) -> PipelineEvidence {
        collect(tree: SourceTree(layout: layout), catalogues: catalogues)
    }

    static func collect(tree: SourceTree, catalogues: [RuleSourceFile]) -> PipelineEvidence {
        let (catalogue, catalogueProblems) = PipelineCatalogue.load(catalogues)
        let classifier = StepClassifier(catalogue: catalogue)
        let assembler = PipelineAssembler(classifier: classifier,
                                          runners: TaskRunners(runners: catalogue.runners, tree: tree))
        var pipelines: [Pipeline] = []
        var problems = catalogueProblems
        var notes: [String] = []
        var files: [String] = []
        for path in tree.paths {
            let names = PathGlob.names(of: path)
            for system in catalogue.systems where system.paths.contains(where: { $0.matches(names: names) }) {
                guard let content = tree.content(path) else { continue }
                let text: String
                switch content {
                case .skipped(let note):
                    if system.contains.isEmpty {
                        notes.append(note)
                        files.append(path)
                    }
                    continue
                case .text(let read): text = read
                }
                guard system.contains.isEmpty || system.contains.contains(where: text.contains) else { continue }
                do {
                    let input = PipelineInput(file: path, text: text, system: system, tree: tree)
                    guard let raw = try PipelineParsers.parse(input) else { continue }
                    pipelines.append(assembler.assemble(raw, system: system, file: path))
                    files.append(path)
                } catch {
                    problems.append(error)
                    files.append(path)
                }
            }
        }
        let ranks = Dictionary(catalogue.environments.map { ($0.name, $0.rank) }, uniquingKeysWith: { first, _ in first })
        return PipelineEvidence(pipelines: pipelines, problems: problems, notes: notes, files: files, environmentRanks: ranks,
                                toolMarks: catalogue.toolMarks)
    }

    /// The pipeline files, whose history the walk follows.
    public var artefactPaths: [String] { files }
}
