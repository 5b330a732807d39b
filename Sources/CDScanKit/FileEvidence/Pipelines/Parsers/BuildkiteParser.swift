import YAMLReader

/// Buildkite: `steps:` run in segments separated by `wait` (and `block`, a manual gate); command steps
/// with `depends_on:`, `if:` conditions, `group:`s, `trigger:` steps and plugins.
enum BuildkiteParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let documents = try YAMLPipeline.documents(input)
        guard let root = documents.first, !root.isNull else { return nil }
        let steps: [YAMLNode]
        if let items = root.items {
            steps = items
        } else if let items = root["steps"]?.items {
            steps = items
        } else {
            throw YAMLPipeline.problem(input, root, "a Buildkite pipeline needs 'steps'")
        }
        var pipeline = RawPipeline()
        var segment = 0
        add(steps, to: &pipeline, segment: &segment, input: input)
        return pipeline
    }

    private static func add(_ steps: [YAMLNode], to pipeline: inout RawPipeline, segment: inout Int, input: PipelineInput) {
        for (index, step) in steps.enumerated() {
            if step.string == "wait" || step["wait"] != nil || step.isNull { segment += 1; continue }
            if let condition = step["if"] { pipeline.triggers += input.triggerWords(in: condition.scalar ?? "", line: condition.mark.line) }
            if let group = step["steps"]?.items, step["group"] != nil {
                add(group, to: &pipeline, segment: &segment, input: input)
                continue
            }
            let label = step["label"]?.string ?? step["name"]?.string ?? step["key"]?.string
                ?? step["block"]?.string ?? step["input"]?.string ?? step["trigger"]?.string ?? "step \(index + 1)"
            var job = RawJob(name: label, line: step.mark.line)
            job.stageIndex = segment
            job.needs = YAMLPipeline.names(step["depends_on"], key: "step")
            if step["block"] != nil || step["input"] != nil || step.string == "block" {
                job.gate = .manual
                pipeline.jobs.append(job)
                segment += 1
                continue
            }
            job.steps = YAMLPipeline.steps(step["command"] ?? step["commands"])
            if let trigger = step["trigger"]?.string { job.steps.append(RawStep(text: "trigger " + trigger, line: step.mark.line)) }
            for plugin in step["plugins"]?.items ?? [] {
                for pair in plugin.pairs ?? [] {
                    let settings = (pair.value.pairs ?? []).map { "\($0.key.scalar ?? "") \(CircleCIParser.flatText($0.value))" }
                    job.steps.append(RawStep(text: ([pair.key.scalar ?? ""] + settings).joined(separator: " "), line: pair.key.mark.line))
                }
            }
            if let key = step["key"]?.string, key != label { job.nameHints.append(key) }
            pipeline.jobs.append(job)
        }
    }
}
