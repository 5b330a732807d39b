import YAMLReader

/// The catalogues of one scan, read once from a `CatalogueStack` by the three loaders: detectors, CI and
/// history. A loader that failed keeps its error; the file and history probes then report it, and
/// `errors` lists every problem for checks before a scan and for `cdscan rules validate`.
public struct LoadedCatalogues: Sendable {
    public let stack: CatalogueStack
    public let detectors: Result<DetectorCatalogue, YAMLError>
    public let pipelines: PipelineCatalogue
    public let pipelineProblems: [PipelineProblem]
    public let history: Result<HistoryCatalogue, YAMLError>
    /// Worked out from `pipelines` when a tree is first read with them.
    private let indexes: OnFirstUse<PipelineIndexes>

    var pipelineIndexes: PipelineIndexes { indexes.value }

    /// `checksPatterns: false` only for the embedded catalogues, whose content patterns a test compiles
    /// (`LazyContentRegexTests`): each is then compiled at its first match and costs nothing before.
    public init(_ stack: CatalogueStack, checksPatterns: Bool = true) {
        self.stack = stack
        detectors = Result { () throws(YAMLError) in try DetectorCatalogueLoader.load(stack, checksPatterns: checksPatterns) }
        let (pipelines, pipelineProblems) = PipelineCatalogue.load(stack)
        (self.pipelines, self.pipelineProblems) = (pipelines, pipelineProblems)
        indexes = OnFirstUse { PipelineIndexes(pipelines) }
        history = Result { () throws(YAMLError) in try HistoryCatalogue.load(stack) }
    }

    public init(files: [RuleSourceFile]) {
        self.init(CatalogueStack(files: files))
    }

    /// The built-in catalogues, read once per process.
    public static let builtIn = LoadedCatalogues(CatalogueStack.builtIn, checksPatterns: false)

    /// Every problem, once, sorted by file and position: files no reader takes, files whose shape is wrong,
    /// ids used twice in one layer, and each loader's errors.
    public var errors: [YAMLError] {
        var all = stack.problems.map(\.error)
        if case .failure(let error) = detectors { all.append(error) }
        all += pipelineProblems.map { YAMLError(file: $0.file, mark: YAMLMark(line: $0.line, column: $0.column), message: $0.message) }
        if case .failure(let error) = history { all.append(error) }
        var seen: Set<String> = []
        return all.filter { seen.insert("\($0.file):\($0.mark?.line ?? 0):\($0.message)").inserted }.sorted {
            ($0.file, $0.mark?.line ?? 0, $0.mark?.column ?? 0, $0.message) < ($1.file, $1.mark?.line ?? 0, $1.mark?.column ?? 0, $1.message)
        }
    }
}
