import YAMLReader

/// GoCD YAML config (`*.gocd.yaml`): pipelines with `materials:` (git, upstream pipelines, timers), stages in
/// order whose `approval: manual` is a gate, jobs with `tasks:`; `environments:` name where pipelines deploy;
/// `template:` is a shared template.
enum GoCDParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        guard let pipelines = root["pipelines"]?.pairs else { throw YAMLPipeline.problem(input, root, "a GoCD config needs 'pipelines'") }
        var environmentOf: [String: String] = [:]
        for environment in root["environments"]?.pairs ?? [] {
            for name in environment.value["pipelines"]?.stringList ?? [] { environmentOf[name] = environment.key.string }
        }
        var result = RawPipeline()
        result.triggersAreExplicit = true
        var lastJobs: [String: [String]] = [:]
        for pipeline in pipelines {
            let name = pipeline.key.string ?? "pipeline"
            var upstream: [String] = []
            for material in pipeline.value["materials"]?.pairs ?? [] {
                for kind in ["git", "hg", "svn", "plugin", "pipeline"] where material.value[kind] != nil || material.value["type"]?.string == kind {
                    result.triggers.append(RawTrigger(native: kind, line: material.key.mark.line))
                    if kind == "pipeline", let source = material.value["pipeline"]?.string { upstream.append(source) }
                }
            }
            if let timer = pipeline.value["timer"] { result.triggers.append(RawTrigger(native: "timer", line: timer.mark.line)) }
            if let template = pipeline.value["template"]?.string {
                result.templates.append(TemplateUse(kind: .template, reference: template, line: pipeline.value["template"]!.mark.line))
            }
            var previous = upstream.flatMap { lastJobs[$0] ?? [] }
            for stage in pipeline.value["stages"]?.items ?? [] {
                guard let stagePair = stage.pairs?.first, let stageName = stagePair.key.string else { continue }
                let approval = stagePair.value["approval"]
                let manual = approval?.string == "manual" || approval?["type"]?.string == "manual"
                var names: [String] = []
                for jobPair in stagePair.value["jobs"]?.pairs ?? [] {
                    var job = RawJob(name: "\(name)/\(stageName)/\(jobPair.key.string ?? "job")", line: jobPair.key.mark.line)
                    job.stage = stageName
                    job.needs = previous
                    job.nameHints = [name]
                    job.environmentHint = environmentOf[name]
                    if manual { job.gate = .manual }
                    for task in jobPair.value["tasks"]?.items ?? [] {
                        if let exec = task["exec"] {
                            let command = ([exec["command"]?.string ?? ""] + (exec["arguments"]?.stringList ?? [])).joined(separator: " ")
                            job.steps.append(RawStep(text: command, line: exec.mark.line))
                        }
                        job.steps += YAMLPipeline.steps(task["script"])
                        if let plugin = task["plugin"] {
                            job.steps.append(RawStep(text: CircleCIParser.flatText(plugin), line: plugin.mark.line))
                        }
                    }
                    names.append(job.name)
                    result.jobs.append(job)
                }
                if !names.isEmpty { previous = names }
            }
            lastJobs[name] = previous
        }
        return result
    }
}
