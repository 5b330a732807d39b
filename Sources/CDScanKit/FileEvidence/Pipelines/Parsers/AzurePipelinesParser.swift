import YAMLReader

/// Azure Pipelines: `trigger:`/`pr:`/`schedules:`, `stages:` in order with `jobs:` and `deployment:` jobs
/// to an `environment:`, `ManualValidation` tasks as gates, and `template:` references.
enum AzurePipelinesParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        var pipeline = RawPipeline()
        for key in ["trigger", "pr"] {
            guard let node = root[key] else { continue }
            pipeline.triggersAreExplicit = true
            if node.string == "none" { continue }
            pipeline.triggers.append(RawTrigger(native: key, line: node.mark.line))
            if node["tags"] != nil { pipeline.triggers.append(RawTrigger(native: "tags", line: node["tags"]!.mark.line)) }
        }
        for key in ["schedules", "parameters"] where root[key] != nil {
            pipeline.triggers.append(RawTrigger(native: key, line: root[key]!.mark.line))
        }
        templates(in: root, into: &pipeline.templates)
        if let stages = root["stages"]?.items {
            for (index, stage) in stages.enumerated() {
                let name = stage["stage"]?.string ?? stage["template"]?.string ?? "stage \(index + 1)"
                for job in stage["jobs"]?.items ?? [] {
                    pipeline.jobs.append(self.job(job, stage: name, index: index))
                }
                if stage["jobs"] == nil {
                    var job = RawJob(name: name, line: stage.mark.line)
                    job.stage = name
                    job.stageIndex = index
                    pipeline.jobs.append(job)
                }
            }
        } else if let jobs = root["jobs"]?.items {
            pipeline.jobs = jobs.map { job($0, stage: nil, index: nil) }
        } else if root["steps"] != nil {
            var job = RawJob(name: "build", line: root["steps"]!.mark.line)
            job.steps = steps(root["steps"])
            job.gate = gate(root["steps"])
            pipeline.jobs = [job]
        }
        return pipeline
    }

    private static func job(_ node: YAMLNode, stage: String?, index: Int?) -> RawJob {
        let name = node["job"]?.string ?? node["deployment"]?.string ?? node["template"]?.string ?? "job"
        var job = RawJob(name: name, line: node.mark.line)
        job.stage = stage
        job.stageIndex = index
        job.needs = YAMLPipeline.names(node["dependsOn"])
        if let environment = node["environment"] {
            job.environment = environment.string ?? environment["name"]?.string
            job.gate = .environment
        }
        var stepNodes: [YAMLNode] = []
        if let steps = node["steps"] { stepNodes.append(steps) }
        // Deployment jobs keep their steps under strategy.<runOnce|rolling|canary>.<deploy|…>.steps.
        for strategy in node["strategy"]?.pairs ?? [] {
            for phase in strategy.value.pairs ?? [] {
                if let steps = phase.value["steps"] { stepNodes.append(steps) }
            }
        }
        for steps in stepNodes {
            job.steps += self.steps(steps)
            job.nameHints += (steps.items ?? []).compactMap { $0["template"]?.string }
            if let gate = gate(steps) { job.gate = gate }
        }
        if node["deployment"] != nil { job.declaredKinds.insert(.deploy) }
        if let template = node["template"]?.string { job.nameHints.append(template) }
        return job
    }

    private static func steps(_ node: YAMLNode?) -> [RawStep] {
        (node?.items ?? []).flatMap { step -> [RawStep] in
            for key in ["script", "bash", "pwsh", "powershell"] where step[key] != nil {
                return YAMLPipeline.steps(step[key])
            }
            if let task = step["task"]?.string {
                let inputs = (step["inputs"]?.pairs ?? []).filter {
                    ["command", "arguments", "goals", "tasks", "script", "inlineScript", "action"].contains($0.key.string ?? "")
                }.compactMap { $0.value.string }
                return [RawStep(text: ([task] + inputs).joined(separator: " "), line: step.mark.line)]
            }
            if let template = step["template"]?.string { return [RawStep(text: template, line: step.mark.line)] }
            return []
        }
    }

    private static func gate(_ steps: YAMLNode?) -> ApprovalGate? {
        let manual = (steps?.items ?? []).contains { ($0["task"]?.string ?? "").lowercased().hasPrefix("manualvalidation@") }
        return manual ? .manual : nil
    }

    /// Every `template:` reference (stages, jobs, steps, `extends:`) and `resources: repositories`.
    private static func templates(in node: YAMLNode, into result: inout [TemplateUse]) {
        for pair in node.pairs ?? [] {
            if pair.key.string == "template", let reference = pair.value.string {
                result.append(TemplateUse(kind: .template, reference: reference, line: pair.value.mark.line))
            } else {
                templates(in: pair.value, into: &result)
            }
        }
        for item in node.items ?? [] { templates(in: item, into: &result) }
    }
}
