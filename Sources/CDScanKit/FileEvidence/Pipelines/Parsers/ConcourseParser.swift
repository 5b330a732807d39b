import YAMLReader

/// Concourse pipelines: `resources:` by type, `jobs:` whose `plan:` gets (`trigger: true` starts the job,
/// `passed:` orders jobs), runs tasks and puts to resources (`put registry-image` publishes). A job that
/// nothing triggers runs only by hand: a manual gate. Nil when the file has no job plans.
enum ConcourseParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.documents(input).first, root.isMapping,
              let jobs = root["jobs"]?.items, jobs.contains(where: { $0["plan"] != nil }) else { return nil }
        var types: [String: String] = [:]
        for resource in root["resources"]?.items ?? [] {
            if let name = resource["name"]?.string { types[name] = resource["type"]?.string ?? "" }
        }
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        for node in jobs {
            var job = RawJob(name: node["name"]?.string ?? "job", line: node.mark.line)
            var triggered = false
            var inputs = false
            walk(node["plan"]?.items ?? [], job: &job, triggered: &triggered, inputs: &inputs,
                 types: types, pipeline: &pipeline)
            if !triggered && inputs { job.gate = .manual }
            pipeline.jobs.append(job)
        }
        return pipeline
    }

    /// Steps of a plan, into `in_parallel`, `do`, `try` and hooks.
    private static func walk(_ steps: [YAMLNode], job: inout RawJob, triggered: inout Bool, inputs: inout Bool,
                             types: [String: String], pipeline: inout RawPipeline) {
        for step in steps {
            if let get = step["get"]?.string {
                let resource = step["resource"]?.string ?? get
                inputs = true
                job.needs += YAMLPipeline.names(step["passed"])
                if step["trigger"]?.bool == true {
                    triggered = true
                    pipeline.triggers.append(RawTrigger(native: types[resource] ?? "", line: step.mark.line))
                }
            }
            if let put = step["put"]?.string {
                let resource = step["resource"]?.string ?? put
                job.steps.append(RawStep(text: "put \(types[resource] ?? "") \(resource)", line: step.mark.line))
            }
            if let task = step["task"]?.string {
                job.nameHints.append(task)
                // The task's name is often all a pipeline says of it (its config lives in another repository).
                job.steps.append(RawStep(text: "task " + task, line: step.mark.line))
                if let file = step["file"]?.string {
                    pipeline.templates.append(TemplateUse(kind: .template, reference: file, line: step.mark.line))
                }
                if let run = step["config"]?["run"] {
                    let command = ([run["path"]?.string ?? ""] + (run["args"]?.stringList ?? [])).joined(separator: " ")
                    job.steps.append(RawStep(text: command, line: run.mark.line))
                }
            }
            if let set = step["set_pipeline"]?.string { job.steps.append(RawStep(text: "set_pipeline " + set, line: step.mark.line)) }
            let nested = (step["in_parallel"]?.items ?? step["in_parallel"]?["steps"]?.items ?? [])
                + (step["do"]?.items ?? []) + [step["try"], step["on_success"], step["ensure"]].compactMap { $0 }
            walk(nested, job: &job, triggered: &triggered, inputs: &inputs, types: types, pipeline: &pipeline)
        }
    }
}
