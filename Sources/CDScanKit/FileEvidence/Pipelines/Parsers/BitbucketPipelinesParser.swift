import YAMLReader

/// Bitbucket Pipelines: `pipelines:` sections (`default`, `branches`, `pull-requests`, `tags`, `custom`)
/// whose steps run in order; `deployment:` names the environment, `trigger: manual` is a gate; `pipe:`
/// lines are shared building blocks.
enum BitbucketPipelinesParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        guard let sections = root["pipelines"] else { throw YAMLPipeline.problem(input, root, "a bitbucket-pipelines.yml needs 'pipelines'") }
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        for section in sections.pairs ?? [] {
            guard let kind = section.key.string else { continue }
            pipeline.triggers.append(RawTrigger(native: kind, line: section.key.mark.line))
            if kind == "default" {
                pipeline.jobs += jobs(section.value, prefix: "default", templates: &pipeline.templates)
            } else {
                for branch in section.value.pairs ?? [] {
                    pipeline.jobs += jobs(branch.value, prefix: "\(kind)/\(branch.key.string ?? "")", templates: &pipeline.templates)
                }
            }
        }
        return pipeline
    }

    /// The steps of one section in order, each waiting for the one before.
    private static func jobs(_ list: YAMLNode, prefix: String, templates: inout [TemplateUse]) -> [RawJob] {
        var result: [RawJob] = []
        var previous: [String] = []
        var stageEnvironment: String?
        func add(_ step: YAMLNode, fallback: String) -> RawJob {
            var job = RawJob(name: "\(prefix): \(step["name"]?.string ?? fallback)", line: step.mark.line)
            job.needs = previous
            job.environment = step["deployment"]?.string ?? stageEnvironment
            if step["trigger"]?.string == "manual" { job.gate = .manual }
            for line in step["script"]?.items ?? [] {
                if let text = line.string {
                    job.steps.append(RawStep(text: text, line: line.mark.line))
                } else if let pipe = line["pipe"]?.string {
                    job.steps.append(RawStep(text: "pipe: " + pipe, line: line.mark.line))
                    templates.append(TemplateUse(kind: .plugin, reference: pipe, line: line.mark.line))
                }
            }
            if let image = step["image"]?.string ?? step["image"]?["name"]?.string { job.steps.append(RawStep(text: image, line: step.mark.line)) }
            return job
        }
        for (index, item) in (list.items ?? []).enumerated() {
            var added: [RawJob] = []
            if let step = item["step"] {
                added = [add(step, fallback: "step \(index + 1)")]
            } else if let parallel = item["parallel"] {
                let steps = (parallel.items ?? parallel["steps"]?.items ?? []).compactMap { $0["step"] }
                added = steps.enumerated().map { add($1, fallback: "step \(index + 1).\($0 + 1)") }
            } else if let stage = item["stage"] {
                stageEnvironment = stage["deployment"]?.string
                let gate = stage["trigger"]?.string == "manual"
                added = (stage["steps"]?.items ?? []).compactMap { $0["step"] }.enumerated().map {
                    var job = add($1, fallback: "\(stage["name"]?.string ?? "stage") \($0 + 1)")
                    if gate && $0 == 0 { job.gate = .manual }
                    return job
                }
                stageEnvironment = nil
            }
            result += added
            if !added.isEmpty { previous = added.map(\.name) }
        }
        return result
    }
}
