/// What a parser reads from one pipeline file, before the catalogue classifies it.
struct RawPipeline: Sendable {
    var triggers: [RawTrigger] = []
    /// True when the file says what starts it (`on:`, `trigger:`), so the system's defaults do not apply.
    var triggersAreExplicit = false
    var jobs: [RawJob] = []
    var templates: [TemplateUse] = []
    /// The pipeline's own name (a GitHub workflow's `name:`), by which another may follow it.
    var name: String? = nil
    /// The pipelines whose runs start this one (GitHub's `workflow_run: {workflows: [...]}`).
    var followsWorkflows: [String] = []
}

struct RawTrigger: Sendable, Hashable {
    let native: String
    let line: Int
}

struct RawStep: Sendable, Hashable {
    let text: String
    let line: Int
}

struct RawJob: Sendable {
    var name: String
    var line: Int
    var stage: String? = nil
    var stageIndex: Int? = nil
    var needs: [String] = []
    var environment: String? = nil
    /// Where the job runs when the format says so apart from deployments (a GoCD environment): used only
    /// for jobs that deploy.
    var environmentHint: String? = nil
    var gate: ApprovalGate? = nil
    var steps: [RawStep] = []
    /// Further names that say what the job does (a called workflow's file name, an orb job).
    var nameHints: [String] = []
    /// What the format itself says the job is (a GitLab `release:` keyword, a `pages` job).
    var declaredKinds: Set<JobKind> = []

    init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}

/// One file handed to a parser, with the system it was found for and the tree around it (for local
/// includes, composite actions and reusable workflows).
struct PipelineInput {
    let file: String
    let text: String
    let system: PipelineCatalogue.System
    let tree: SourceTree

    /// The system's trigger words that occur in an expression (`$CI_PIPELINE_SOURCE == "schedule"`).
    func triggerWords(in expression: String, line: Int) -> [RawTrigger] {
        let text = Array(expression.utf8)
        return system.triggers.keys.sorted()
            .filter { StepClassifier.occurs(Array($0.utf8), in: text) }
            .map { RawTrigger(native: $0, line: line) }
    }
}

extension PipelineProblem: Error {}
