/// Turns what a parser read into the common model: triggers in common words, jobs classified by the
/// catalogue (through the task runners they call), environments normalised.
struct PipelineAssembler {
    let classifier: StepClassifier
    let runners: TaskRunners
    private var marks: [PipelineCatalogue.ToolMark: Set<String>] { classifier.toolMarks }

    init(classifier: StepClassifier, runners: TaskRunners) {
        self.classifier = classifier
        self.runners = runners
    }

    func assemble(_ raw: RawPipeline, system: PipelineCatalogue.System, file: String) -> Pipeline {
        var triggers = raw.triggers.map { PipelineTrigger(native: $0.native, kind: system.triggers[$0.native], line: $0.line) }
        if !raw.triggersAreExplicit {
            triggers += system.defaultTriggers.map { PipelineTrigger(native: "(default)", kind: $0, line: 1) }
        }
        var seen: Set<PipelineTrigger> = []
        triggers = triggers.filter { seen.insert($0).inserted }
            .sorted { ($0.line, $0.native, $0.kind?.rawValue ?? "") < ($1.line, $1.native, $1.kind?.rawValue ?? "") }
        var jobs = raw.jobs.map(job)
        if createsOnlyDraftReleases(jobs) { jobs = jobs.map(withoutRelease) }
        return Pipeline(system: system.id, file: file, triggers: triggers,
                        jobs: jobs, templates: Array(Set(raw.templates)).sorted(),
                        name: raw.name, followsWorkflows: raw.followsWorkflows)
    }

    /// Every step that creates a release leaves it as a draft (`--draft`): a person publishes it, so the
    /// pipeline's jobs prepare a release rather than make one (their uploads go to that draft).
    private func createsOnlyDraftReleases(_ jobs: [PipelineJob]) -> Bool {
        let creators = marks[.createsRelease] ?? []
        let creating = jobs.flatMap(\.steps).filter { !creators.isDisjoint(with: $0.tools) && Self.createsRelease($0.text) }
        return !creating.isEmpty && creating.allSatisfy { Self.isDraft($0.text) }
    }

    /// An upload to an existing release (`gh release upload`) does not create one.
    private static func createsRelease(_ text: String) -> Bool {
        !StepClassifier.occurs(Array("gh release upload".utf8), in: Array(text.lowercased().utf8))
    }

    private static func isDraft(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.contains("--draft") && !lowered.contains("--draft=false") && !lowered.contains("--draft false")
    }

    private func withoutRelease(_ job: PipelineJob) -> PipelineJob {
        guard job.has(.release) else { return job }
        return PipelineJob(name: job.name, line: job.line, kinds: job.kinds.filter { $0 != .release },
                           environment: job.environment, normalisedEnvironment: job.normalisedEnvironment,
                           needs: job.needs, stage: job.stage, stageIndex: job.stageIndex, gate: job.gate, steps: job.steps)
    }

    func job(_ raw: RawJob) -> PipelineJob {
        let steps = raw.steps.map(step)
        var kinds = Set(steps.flatMap(\.kinds)).union(raw.declaredKinds).union(classifier.kinds(ofName: raw.name))
            .union(raw.nameHints.flatMap(classifier.kinds(ofName:)))
        if kinds.isEmpty, let stage = raw.stage { kinds = classifier.kinds(ofName: stage) }
        // A bare approval step ("Release to production?") waits; it does not release.
        if raw.gate == .manual, raw.steps.isEmpty { kinds = raw.declaredKinds }
        var normalised = raw.environment.flatMap(classifier.normalisedEnvironment)
        // An environment the catalogue knows (production, staging, preview …) marks a deployment; a job that
        // only borrows an environment's secrets (`environment: gitlab`, a test job's `environment: test`, a
        // scan against the environment) does not, nor does one named for undoing a deployment
        // (`delete-review-app`), which borrows the environment it removes.
        let undoes = ([raw.name] + raw.nameHints).contains(where: StepClassifier.undoesWork)
        if normalised != nil, kinds.isDisjoint(with: [.publish, .release, .test, .security, .lint]), !undoes { kinds.insert(.deploy) }
        // A deployment into a cluster the job itself starts (kind, minikube) is a test that ends with the job.
        let throwaway = marks[.throwawayEnvironment] ?? []
        if steps.contains(where: { !throwaway.isDisjoint(with: $0.tools) }), kinds.contains(.deploy) {
            kinds.remove(.deploy)
            kinds.insert(.test)
        }
        if raw.environment == nil, kinds.contains(.deploy) {
            // No environment field: the job's or stage's name, or its deploy commands, may name one.
            let deploySteps = steps.filter { $0.kinds.contains(.deploy) }.map(\.text)
            normalised = ((raw.environmentHint.map { [$0] } ?? []) + [raw.name] + (raw.stage.map { [$0] } ?? []) + deploySteps)
                .lazy.compactMap(classifier.normalisedEnvironment).first
        }
        return PipelineJob(name: raw.name, line: raw.line, kinds: kinds.sorted(), environment: raw.environment,
                           normalisedEnvironment: normalised, needs: raw.needs, stage: raw.stage,
                           stageIndex: raw.stageIndex, gate: raw.gate, steps: steps)
    }

    static let deliveryKinds: Set<JobKind> = [.publish, .release, .deploy]

    /// A step is what its own text says, plus what the recipes of the targets it calls say; a target
    /// whose recipe says nothing is taken by its name (`make deploy`).
    func step(_ raw: RawStep) -> PipelineStep {
        let own = classifier.step(raw.text, line: raw.line)
        var kinds = Set(own.kinds)
        var tools = Set(own.tools)
        for line in runners.followedLines(of: raw.text) {
            let found = classifier.step(line.text, line: raw.line)
            // A script serves many jobs (a `case` on the job's name, helpers for every kind of work): only
            // its delivery lines (publish, release, deploy) say what a job that runs it does.
            if line.inScript, Set(found.kinds).isDisjoint(with: Self.deliveryKinds) { continue }
            kinds.formUnion(found.kinds)
            tools.formUnion(found.tools)
        }
        if kinds.isEmpty {
            for target in runners.targetNames(in: raw.text) { kinds.formUnion(classifier.kinds(ofName: target)) }
        }
        return PipelineStep(text: raw.text, line: raw.line, kinds: kinds.sorted(), tools: tools.sorted())
    }
}
