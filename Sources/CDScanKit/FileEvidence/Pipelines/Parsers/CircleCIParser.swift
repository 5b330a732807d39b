import YAMLReader

/// CircleCI (`.circleci/config.yml`): `jobs:` with `steps:`, `workflows:` that run them with `requires:`,
/// `type: approval` gates, schedule triggers and tag filters; `orbs:` are shared templates.
enum CircleCIParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        var pipeline = RawPipeline()
        for pair in root["orbs"]?.pairs ?? [] {
            let reference = pair.value.string ?? pair.key.string ?? ""
            pipeline.templates.append(TemplateUse(kind: .orb, reference: reference, line: pair.key.mark.line))
        }
        var definitions: [String: (YAMLNode, Int)] = [:]
        for pair in root["jobs"]?.pairs ?? [] {
            if let name = pair.key.string { definitions[name] = (pair.value, pair.key.mark.line) }
        }
        let workflows = (root["workflows"]?.pairs ?? []).filter { $0.value.isMapping }
        if workflows.isEmpty {
            for pair in root["jobs"]?.pairs ?? [] {
                guard let name = pair.key.string else { continue }
                var job = RawJob(name: name, line: pair.key.mark.line)
                job.steps = steps(pair.value)
                pipeline.jobs.append(job)
            }
            return pipeline
        }
        for workflow in workflows {
            for trigger in workflow.value["triggers"]?.items ?? [] where trigger["schedule"] != nil {
                pipeline.triggers.append(RawTrigger(native: "schedule", line: trigger.mark.line))
            }
            for condition in [workflow.value["when"], workflow.value["unless"]].compactMap({ $0 }) {
                pipeline.triggers += input.triggerWords(in: flatText(condition), line: condition.mark.line)
            }
            for entry in workflow.value["jobs"]?.items ?? [] {
                let (reference, settings, line) = entry.string.map { ($0, YAMLNode?.none, entry.mark.line) }
                    ?? (entry.pairs?.first.map { ($0.key.string ?? "", Optional($0.value), $0.key.mark.line) } ?? ("", nil, entry.mark.line))
                guard !reference.isEmpty else { continue }
                var job = RawJob(name: settings?["name"]?.string ?? reference, line: line)
                job.needs = YAMLPipeline.names(settings?["requires"])
                if settings?["type"]?.string == "approval" { job.gate = .manual }
                if let tags = settings?["filters"]?["tags"], tags["only"] != nil {
                    pipeline.triggers.append(RawTrigger(native: "tags", line: tags.mark.line))
                }
                if let (definition, _) = definitions[reference] {
                    job.steps = steps(definition)
                } else if reference.contains("/") {
                    // An orb's job: its name says what it does (`aws-ecr/build-and-push-image`).
                    job.steps = [RawStep(text: reference, line: line)]
                    job.nameHints = [String(reference.split(separator: "/").last ?? "")]
                }
                if let context = settings?["context"]?.stringList.first { job.nameHints.append(context) }
                pipeline.jobs.append(job)
            }
        }
        return pipeline
    }

    private static func steps(_ job: YAMLNode) -> [RawStep] {
        var result: [RawStep] = []
        for image in job["docker"]?.items ?? [] {
            if let name = image["image"]?.string { result.append(RawStep(text: name, line: image.mark.line)) }
        }
        for step in job["steps"]?.items ?? [] {
            if let name = step.string {
                result.append(RawStep(text: name, line: step.mark.line))
            } else if let pair = step.pairs?.first, let key = pair.key.string {
                if key == "run" {
                    result += YAMLPipeline.steps(pair.value["command"] ?? pair.value)
                } else {
                    // An orb command or built-in step with its settings.
                    result.append(RawStep(text: ([key] + (pair.value.pairs ?? []).compactMap { $0.value.string }).joined(separator: " "),
                                          line: pair.key.mark.line))
                }
            }
        }
        return result
    }

    static func flatText(_ node: YAMLNode) -> String {
        if let text = node.scalar { return text }
        if let items = node.items { return items.map(flatText).joined(separator: " ") }
        return (node.pairs ?? []).map { flatText($0.key) + " " + flatText($0.value) }.joined(separator: " ")
    }
}
