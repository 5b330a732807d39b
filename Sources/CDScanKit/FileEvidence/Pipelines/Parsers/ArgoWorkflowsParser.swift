import YAMLReader

/// Argo Workflows (`Workflow`, `WorkflowTemplate`, `CronWorkflow`): DAG tasks with `dependencies:` or
/// step groups in order, each running a template's container, script or resource; `suspend` templates
/// are manual gates; `templateRef` is a shared template. Nil when the file holds no workflow.
enum ArgoWorkflowsParser {
    private static let kinds: Set<String> = ["Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let documents = try YAMLPipeline.documents(input).filter {
            ($0["apiVersion"]?.string ?? "").hasPrefix("argoproj.io/") && kinds.contains($0["kind"]?.string ?? "")
        }
        guard !documents.isEmpty else { return nil }
        var pipeline = RawPipeline()
        for document in documents {
            let kind = document["kind"]?.string ?? ""
            if kind == "CronWorkflow" {
                pipeline.triggersAreExplicit = true
                pipeline.triggers.append(RawTrigger(native: "CronWorkflow", line: document.mark.line))
            }
            let spec = kind == "CronWorkflow" ? document["spec"]?["workflowSpec"] : document["spec"]
            var templates: [String: YAMLNode] = [:]
            for template in spec?["templates"]?.items ?? [] {
                if let name = template["name"]?.string { templates[name] = template }
            }
            var invoked = false
            for template in spec?["templates"]?.items ?? [] {
                if let tasks = template["dag"]?["tasks"]?.items {
                    invoked = true
                    for task in tasks {
                        var job = self.job(task, templates: templates, pipeline: &pipeline)
                        job.needs = YAMLPipeline.names(task["dependencies"])
                        if job.needs.isEmpty, let depends = task["depends"]?.string {
                            job.needs = depends.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "_" })
                                .map(String.init).filter { name in tasks.contains { $0["name"]?.string == name } }
                        }
                        pipeline.jobs.append(job)
                    }
                }
                if let groups = template["steps"]?.items {
                    invoked = true
                    var previous: [String] = []
                    for group in groups {
                        let members = group.items ?? [group]
                        let jobs = members.map { member -> RawJob in
                            var job = self.job(member, templates: templates, pipeline: &pipeline)
                            job.needs = previous
                            return job
                        }
                        pipeline.jobs += jobs
                        previous = jobs.map(\.name)
                    }
                }
            }
            if !invoked {
                for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
                    var job = RawJob(name: name, line: template.mark.line)
                    job.steps = steps(template)
                    if template["suspend"] != nil { job.gate = .manual }
                    pipeline.jobs.append(job)
                }
            }
        }
        return pipeline
    }

    private static func job(_ task: YAMLNode, templates: [String: YAMLNode], pipeline: inout RawPipeline) -> RawJob {
        var job = RawJob(name: task["name"]?.string ?? "task", line: task.mark.line)
        if let reference = task["templateRef"] {
            let name = [reference["name"]?.string, reference["template"]?.string].compactMap { $0 }.joined(separator: "/")
            pipeline.templates.append(TemplateUse(kind: .template, reference: name, line: reference.mark.line))
            job.nameHints.append(reference["template"]?.string ?? name)
        }
        if let name = task["template"]?.string {
            job.nameHints.append(name)
            if let template = templates[name] {
                job.steps = steps(template)
                if template["suspend"] != nil { job.gate = .manual }
            }
        }
        return job
    }

    private static func steps(_ template: YAMLNode) -> [RawStep] {
        var result: [RawStep] = []
        for key in ["container", "script"] {
            guard let body = template[key] else { continue }
            if let image = body["image"]?.string { result.append(RawStep(text: image, line: body.mark.line)) }
            let command = (body["command"]?.stringList ?? []) + (body["args"]?.stringList ?? [])
            if !command.isEmpty { result.append(RawStep(text: command.joined(separator: " "), line: body.mark.line)) }
            result += YAMLPipeline.steps(body["source"])
        }
        if let resource = template["resource"], let action = resource["action"]?.string {
            result.append(RawStep(text: "kubectl " + action, line: resource.mark.line))
        }
        return result
    }
}
