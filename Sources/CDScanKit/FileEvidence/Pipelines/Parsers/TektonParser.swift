import YAMLReader

/// Tekton (`tekton.dev/*` resources): a `Pipeline`'s tasks with `runAfter:` (and `finally:`), their steps
/// from the `Task`s of the same file or their `taskRef` name; Pipelines-as-Code `on-event` annotations and
/// `EventListener`s give triggers. Nil when the file holds no Tekton resource.
enum TektonParser {
    private static let kinds: Set<String> = ["Pipeline", "Task", "PipelineRun", "TaskRun", "EventListener", "TriggerTemplate", "TriggerBinding", "ClusterTask"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let documents = try YAMLPipeline.documents(input).filter {
            ($0["apiVersion"]?.string ?? "").contains("tekton.dev/") && kinds.contains($0["kind"]?.string ?? "")
        }
        guard !documents.isEmpty else { return nil }
        var pipeline = RawPipeline()
        var tasks: [String: YAMLNode] = [:]
        for document in documents where ["Task", "ClusterTask"].contains(document["kind"]?.string ?? "") {
            if let name = document["metadata"]?["name"]?.string { tasks[name] = document }
        }
        var sawPipeline = false
        for document in documents {
            let kind = document["kind"]?.string ?? ""
            if kind == "EventListener" { pipeline.triggers.append(RawTrigger(native: "EventListener", line: document.mark.line)) }
            for annotation in document["metadata"]?["annotations"]?.pairs ?? [] where (annotation.key.string ?? "").hasSuffix("on-event") {
                pipeline.triggersAreExplicit = true
                pipeline.triggers += input.triggerWords(in: annotation.value.scalar ?? "", line: annotation.value.mark.line)
            }
            let spec = kind == "PipelineRun" ? document["spec"]?["pipelineSpec"] : (kind == "Pipeline" ? document["spec"] : nil)
            guard let spec else { continue }
            sawPipeline = true
            for key in ["tasks", "finally"] {
                for task in spec[key]?.items ?? [] {
                    var job = RawJob(name: task["name"]?.string ?? "task", line: task.mark.line)
                    job.needs = YAMLPipeline.names(task["runAfter"])
                    if let reference = task["taskRef"]?["name"]?.string ?? resolverName(task["taskRef"]) {
                        job.nameHints.append(reference)
                        job.steps.append(RawStep(text: reference, line: task["taskRef"]!.mark.line))
                        if let definition = tasks[reference] { job.steps += steps(definition["spec"]) }
                        if task["taskRef"]?["resolver"] != nil || task["taskRef"]?["bundle"] != nil {
                            pipeline.templates.append(TemplateUse(kind: .template, reference: reference, line: task["taskRef"]!.mark.line))
                        }
                    }
                    if let inline = task["taskSpec"] { job.steps += steps(inline) }
                    for parameter in task["params"]?.items ?? [] {
                        if let value = parameter["value"]?.string { job.steps.append(RawStep(text: value, line: parameter.mark.line)) }
                    }
                    pipeline.jobs.append(job)
                }
            }
        }
        if !sawPipeline {
            for (name, task) in tasks.sorted(by: { $0.key < $1.key }) {
                var job = RawJob(name: name, line: task.mark.line)
                job.steps = steps(task["spec"])
                pipeline.jobs.append(job)
            }
        }
        return pipeline
    }

    private static func resolverName(_ reference: YAMLNode?) -> String? {
        (reference?["params"]?.items ?? []).first { $0["name"]?.string == "name" }?["value"]?.string
    }

    private static func steps(_ spec: YAMLNode?) -> [RawStep] {
        (spec?["steps"]?.items ?? []).flatMap { step -> [RawStep] in
            var result: [RawStep] = []
            if let image = step["image"]?.string { result.append(RawStep(text: image, line: step.mark.line)) }
            let command = (step["command"]?.stringList ?? []) + (step["args"]?.stringList ?? [])
            if !command.isEmpty { result.append(RawStep(text: command.joined(separator: " "), line: step.mark.line)) }
            result += YAMLPipeline.steps(step["script"])
            return result
        }
    }
}
