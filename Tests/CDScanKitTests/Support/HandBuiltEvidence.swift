import GitAccess
@testable import CDScanKit

/// Evidence made by hand, for probe unit tests: plain values in, findings out. Whatever is not given is
/// empty: a tree of the paths named, no history, no pipelines, nothing detected.
enum HandBuiltEvidence {
    /// 2023-11-14 22:13:20 UTC: "as of" unless a test says otherwise.
    static let asOf: Int64 = 1_700_000_000
    static let day: Int64 = 86_400

    static func evidence(tree: [String] = [], pipelines: [Pipeline] = [], pipelineProblems: [PipelineProblem] = [],
                         detections: DetectionEvidence = DetectionEvidence(), history: HistoryEvidence? = nil,
                         asOf: Int64 = asOf) -> Evidence {
        let files = FileEvidence(
            pipelines: PipelineEvidence(pipelines: pipelines, problems: pipelineProblems, notes: [],
                                        files: pipelines.map(\.file) + pipelineProblems.map(\.file), environmentRanks: [:]),
            detections: detections)
        return Evidence(snapshot: snapshot(tree: tree, asOf: asOf), files: files, history: history ?? HistoryEvidence(asOf: asOf))
    }

    static func snapshot(tree: [String], asOf: Int64 = asOf) -> RepositorySnapshot {
        let head = HeadState(commit: object, branch: "main")
        return RepositorySnapshot(
            location: .init(requestedPath: "/hand-built", gitDirectory: "/hand-built/.git", workingDirectory: "/hand-built"),
            head: head, asOf: asOf, asOfIsExplicit: true, isShallow: false,
            tree: tree.map { TreeEntry(path: $0, kind: .file, mode: 0o100644, object: object, size: 1) },
            branches: [], tags: [], defaultBranch: "main", defaultBranchSource: .head, history: HistoryRecords(),
            treeProblems: [], damagedReads: [], workTree: nil)
    }

    /// History figures as the walk would have measured them; a shallow clone when `shallowBoundary` is given.
    static func history(asOf: Int64 = asOf, sampleDays: Int? = 365, shallowBoundary: Int64? = nil,
                        activity: ActivityFigures = ActivityFigures(), people: PeopleFigures = PeopleFigures(),
                        collaboration: CollaborationFigures = CollaborationFigures()) -> HistoryEvidence {
        HistoryEvidence(asOf: asOf, sampleDays: sampleDays, isShallow: shallowBoundary != nil, shallowBoundaryTime: shallowBoundary,
                        catalogueProblem: nil, activity: activity, cadence: CadenceFigures(), people: people, areas: AreaFigures(),
                        collaboration: collaboration, branchModel: BranchModelFigures(), releases: ReleaseFigures(),
                        stability: StabilityFigures(), delivery: DeliveryFigures(), practiceIndex: ArtefactPracticeIndex())
    }

    /// One catalogue match at `path`, feeding `probe`; the artefact is the file itself.
    static func detection(_ probe: String, tool: String, path: String, line: Int? = nil, entry: String? = nil) -> Detection {
        Detection(entry: entry ?? tool.lowercased(), tool: tool, kind: nil, feeds: [probe], path: path, line: line,
                  artefact: path, ecosystem: nil, dependency: nil)
    }

    static func detections(_ found: [Detection], problems: [DetectionProblem] = []) -> DetectionEvidence {
        var evidence = DetectionEvidence()
        evidence.detections = found
        evidence.problems = problems
        return evidence
    }

    static func job(_ name: String, line: Int, kinds: [JobKind], environment: String? = nil) -> PipelineJob {
        PipelineJob(name: name, line: line, kinds: kinds, environment: environment, normalisedEnvironment: environment,
                    needs: [], stage: nil, stageIndex: nil, gate: nil, steps: [])
    }

    static func pipeline(_ file: String, on triggers: [TriggerKind] = [.push], jobs: [PipelineJob]) -> Pipeline {
        Pipeline(system: "github-actions", file: file,
                 triggers: triggers.enumerated().map { PipelineTrigger(native: $0.element.rawValue, kind: $0.element, line: 2 + $0.offset) },
                 jobs: jobs, templates: [])
    }

    private static let object = ObjectID(hex: String(repeating: "ab", count: 20))!
}
