/// What a CI/CD job does, as cdscan classifies it from its steps, its name and its environment.
public enum JobKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case build, test, lint, security, package, publish, release, deploy

    /// Declaration order is delivery order, so sorted kinds read like a pipeline.
    public static func < (lhs: JobKind, rhs: JobKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What starts a pipeline, in the words of every CI system alike.
public enum TriggerKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case push
    case mergeRequest = "merge-request"
    case tag
    case schedule
    case manual

    public static func < (lhs: TriggerKind, rhs: TriggerKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Triggers that run the pipeline for every change.
    public var isChange: Bool { self == .push || self == .mergeRequest || self == .tag }
}

/// One trigger of a pipeline: the system's own word (`pull_request`, `merge_request_event`) and what it means.
public struct PipelineTrigger: Sendable, Hashable {
    public let native: String
    public let kind: TriggerKind?
    public let line: Int

    public init(native: String, kind: TriggerKind?, line: Int) {
        self.native = native
        self.kind = kind
        self.line = line
    }
}

/// A shared or reusable piece a pipeline pulls in: a reusable workflow, an `include:`, an orb, a shared library.
public struct TemplateUse: Sendable, Hashable, Comparable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case reusableWorkflow = "reusable-workflow"
        case include
        case orb
        case sharedLibrary = "shared-library"
        case template
        case plugin
    }

    public let kind: Kind
    public let reference: String
    public let line: Int

    public init(kind: Kind, reference: String, line: Int) {
        self.kind = kind
        self.reference = reference
        self.line = line
    }

    public static func < (lhs: TemplateUse, rhs: TemplateUse) -> Bool {
        (lhs.reference, lhs.kind.rawValue, lhs.line) < (rhs.reference, rhs.kind.rawValue, rhs.line)
    }
}

/// How a job waits for a person before it runs.
public enum ApprovalGate: String, Sendable, Hashable, Codable {
    /// The configuration itself says so (`when: manual`, `input`, `type: approval`, a block step).
    case manual
    /// The job deploys to a protected environment whose reviewers live in the CI system's settings
    /// (GitHub or Azure environments): likely a gate, but the repository cannot show it.
    case environment
}

/// One command or action a job runs, with what the catalogue made of it.
public struct PipelineStep: Sendable, Hashable {
    public let text: String
    public let line: Int
    public let kinds: [JobKind]
    /// The catalogue's names for the tools the step runs (`trivy`, `go test`).
    public let tools: [String]

    public init(text: String, line: Int, kinds: [JobKind], tools: [String]) {
        self.text = text
        self.line = line
        self.kinds = kinds
        self.tools = tools
    }
}

/// One job (or stage, step group, task) of a pipeline.
public struct PipelineJob: Sendable, Hashable {
    public let name: String
    public let line: Int
    public let kinds: [JobKind]
    /// The environment as the file names it (`prod-eu`), and as the catalogue normalises it (`production`).
    public let environment: String?
    public let normalisedEnvironment: String?
    /// Jobs this one waits for (`needs:`, `requires:`, `dependsOn:`), by name.
    public let needs: [String]
    /// The stage, and its position among the pipeline's stages when stages run in order.
    public let stage: String?
    public let stageIndex: Int?
    public let gate: ApprovalGate?
    public let steps: [PipelineStep]

    public init(name: String, line: Int, kinds: [JobKind], environment: String?, normalisedEnvironment: String?,
                needs: [String], stage: String?, stageIndex: Int?, gate: ApprovalGate?, steps: [PipelineStep]) {
        self.name = name
        self.line = line
        self.kinds = kinds
        self.environment = environment
        self.normalisedEnvironment = normalisedEnvironment
        self.needs = needs
        self.stage = stage
        self.stageIndex = stageIndex
        self.gate = gate
        self.steps = steps
    }

    public func has(_ kind: JobKind) -> Bool { kinds.contains(kind) }
}

/// One pipeline file, in the common model.
public struct Pipeline: Sendable, Hashable {
    /// The catalogue's id of the CI system (`github-actions`, `gitlab-ci`).
    public let system: String
    public let file: String
    public let triggers: [PipelineTrigger]
    public let jobs: [PipelineJob]
    public let templates: [TemplateUse]
    /// The pipeline's own name, by which another may follow it (a GitHub workflow's `name:`).
    public let name: String?
    /// The pipelines whose completed runs start this one (`workflow_run`), by name.
    public let followsWorkflows: [String]

    public init(system: String, file: String, triggers: [PipelineTrigger], jobs: [PipelineJob], templates: [TemplateUse],
                name: String? = nil, followsWorkflows: [String] = []) {
        self.system = system
        self.file = file
        self.triggers = triggers
        self.jobs = jobs
        self.templates = templates
        self.name = name
        self.followsWorkflows = followsWorkflows
    }

    /// The same pipeline, started also by `more` triggers.
    func adding(_ more: [PipelineTrigger]) -> Pipeline {
        Pipeline(system: system, file: file, triggers: triggers + more.filter { !triggers.contains($0) }, jobs: jobs,
                 templates: templates, name: name, followsWorkflows: followsWorkflows)
    }

    /// Pipelines that follow others' runs (`workflow_run`) are started by what starts those: a deployment
    /// run after the pull-request workflow succeeds runs for every merge request. Two rounds follow a
    /// chain of two; the triggers added are the followed pipeline's change triggers, at the line of the
    /// follower's own `workflow_run` trigger.
    static func followingWorkflowRuns(_ pipelines: [Pipeline]) -> [Pipeline] {
        guard pipelines.contains(where: { !$0.followsWorkflows.isEmpty }) else { return pipelines }
        var result = pipelines
        for _ in 0..<2 {
            result = result.map { pipeline in
                guard !pipeline.followsWorkflows.isEmpty else { return pipeline }
                let line = pipeline.triggers.first { $0.native == "workflow_run" }?.line ?? 1
                let inherited = result.filter { other in
                    other.system == pipeline.system && other.file != pipeline.file
                        && other.name.map(pipeline.followsWorkflows.contains) == true
                }.flatMap(\.triggers).compactMap(\.kind).filter(\.isChange)
                return pipeline.adding(Set(inherited).sorted().map { PipelineTrigger(native: "workflow_run", kind: $0, line: line) })
            }
        }
        return result
    }

    public var triggerKinds: Set<TriggerKind> { Set(triggers.compactMap(\.kind)) }

    public func job(named name: String) -> PipelineJob? { jobs.first { $0.name == name } }
}

/// A pipeline or catalogue file that could not be read as such: `file:line:col: message`.
public struct PipelineProblem: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }

    public static func < (lhs: PipelineProblem, rhs: PipelineProblem) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}
