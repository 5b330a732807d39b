import GitAccess

/// Gathers the pipelines of a tree path by path within a `PipelineBudget`. What a blob gives for a system
/// (a pipeline, a problem, a skip, nothing) is worked out once and stamped with each path that names it;
/// every path still gets its own pipeline, so findings name the files that are really there.
struct PipelineCollector {
    /// What one blob read as one system's pipeline gave, before a path is put on it.
    private enum Outcome {
        case notAPipeline
        case skipped(String)
        case problem(PipelineProblem)
        case pipeline(Pipeline, jobs: Int, steps: Int, stepBytes: Int)
        /// Its jobs or steps would break the budget: not classified.
        case overBudget(Stop)
    }

    private struct BlobKey: Hashable {
        let object: ObjectID
        let system: String
    }

    /// Which limit stopped parsing.
    private enum Stop {
        case files, jobs, steps, stepBytes, parsedBytes
    }

    let tree: SourceTree
    let assembler: PipelineAssembler
    let budget: PipelineBudget

    var pipelines: [Pipeline] = []
    var problems: [PipelineProblem] = []
    var notes: [String] = []
    var files: [String] = []
    var unparsed: [String] = []

    private var outcomes: [BlobKey: Outcome] = [:]
    private var stop: Stop?
    private var jobs = 0
    private var steps = 0
    private var stepBytes = 0
    private var parsedBytes = 0

    init(tree: SourceTree, assembler: PipelineAssembler, budget: PipelineBudget) {
        self.tree = tree
        self.assembler = assembler
        self.budget = budget
    }

    /// One sentence for the report when the budget stopped parsing; nil when everything was parsed.
    var budgetNote: String? {
        guard let stop else { return nil }
        let limit: String
        switch stop {
        case .files: limit = "\(budget.files) pipeline files"
        case .jobs: limit = "\(budget.jobs) jobs"
        case .steps: limit = "\(budget.steps) steps"
        case .stepBytes: limit = "\(budget.stepBytes) bytes of step text"
        case .parsedBytes: limit = "\(budget.parsedBytes) bytes of pipeline text"
        }
        let count = Set(unparsed).count
        return "pipeline parsing stopped at the scan's limit of \(limit): \(count) further pipeline file\(count == 1 ? " is" : "s are") listed but not parsed"
    }

    mutating func add(_ path: String, system: PipelineCatalogue.System) {
        guard let entry = tree.entry(path) else { return }
        guard stop == nil else { return listUnparsed(path, system) }
        let key = BlobKey(object: entry.object, system: system.id)
        let outcome: Outcome
        if let known = outcomes[key] {
            outcome = known
        } else {
            outcome = read(path, system: system)
            outcomes[key] = outcome
        }
        switch outcome {
        case .notAPipeline:
            return
        case .skipped(let reason):
            // A file recognised by its path alone is listed even unread; one that needs its content is not.
            if system.contains.isEmpty {
                notes.append("\(path): skipped, \(reason)")
                files.append(path)
            }
        case .problem(let problem):
            problems.append(PipelineProblem(file: path, line: problem.line, column: problem.column, message: problem.message))
            files.append(path)
        case .overBudget(let limit):
            stop = limit
            listUnparsed(path, system)
        case .pipeline(let pipeline, let jobCount, let count, let bytes):
            stop = exceeded(jobs: jobCount, steps: count, stepBytes: bytes)
            if pipelines.count >= budget.files { stop = .files }
            if stop != nil { return listUnparsed(path, system) }
            jobs += jobCount
            steps += count
            stepBytes += bytes
            pipelines.append(Pipeline(system: pipeline.system, file: path, triggers: pipeline.triggers,
                                      jobs: pipeline.jobs, templates: pipeline.templates,
                                      name: pipeline.name, followsWorkflows: pipeline.followsWorkflows))
            files.append(path)
        }
    }

    /// Reads and parses one blob as `system`; classifies its steps only when they fit the step budget.
    private mutating func read(_ path: String, system: PipelineCatalogue.System) -> Outcome {
        guard let content = tree.content(path) else { return .notAPipeline }
        let text: String
        switch content {
        case .skipped(let reason): return .skipped(reason)
        case .text(let read): text = read
        }
        // Checked after the read, so that a file over the size cap is a skip (it was never read) rather
        // than the end of the budget; the read itself is bounded by that cap.
        guard parsedBytes + text.utf8.count <= budget.parsedBytes else { return .overBudget(.parsedBytes) }
        parsedBytes += text.utf8.count
        guard system.contains.isEmpty || system.contains.contains(where: { ByteSearch.foundationContains(text, $0) }) else { return .notAPipeline }
        let raw: RawPipeline
        do {
            guard let parsed = try PipelineParsers.parse(PipelineInput(file: path, text: text, system: system, tree: tree)) else {
                return .notAPipeline
            }
            raw = parsed
        } catch {
            return .problem(error)
        }
        let count = raw.jobs.reduce(0) { $0 + $1.steps.count }
        let bytes = raw.jobs.reduce(0) { total, job in job.steps.reduce(total) { $0 + $1.text.utf8.count } }
        if let limit = exceeded(jobs: raw.jobs.count, steps: count, stepBytes: bytes) { return .overBudget(limit) }
        return .pipeline(assembler.assemble(raw, system: system, file: path), jobs: raw.jobs.count, steps: count, stepBytes: bytes)
    }

    /// The limit that a pipeline of this size would break, given what is already kept.
    private func exceeded(jobs jobCount: Int, steps count: Int, stepBytes bytes: Int) -> Stop? {
        if jobs + jobCount > budget.jobs { return .jobs }
        if steps + count > budget.steps { return .steps }
        if stepBytes + bytes > budget.stepBytes { return .stepBytes }
        return nil
    }

    /// A file the budget leaves unparsed: listed when its path alone makes it a pipeline file.
    private mutating func listUnparsed(_ path: String, _ system: PipelineCatalogue.System) {
        guard system.contains.isEmpty else { return }
        files.append(path)
        unparsed.append(path)
    }
}
