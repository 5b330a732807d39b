import YAMLReader

/// AWS CodePipeline as CloudFormation (`AWS::CodePipeline::Pipeline`, YAML or JSON): stages in order, each
/// action a job described by its category and provider (`codepipeline deploy ecs`); `Approval` actions are
/// manual gates; source actions are the triggers.
enum AWSCodePipelineParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.documents(input).first, root.isMapping else { return nil }
        let pipelines = (root["Resources"]?.pairs ?? []).filter { $0.value["Type"]?.string == "AWS::CodePipeline::Pipeline" }
        guard !pipelines.isEmpty else { return nil }
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        for resource in pipelines {
            let prefix = pipelines.count > 1 ? (resource.key.string ?? "") + "/" : ""
            var previous: [String] = []
            for (index, stage) in (resource.value["Properties"]?["Stages"]?.items ?? []).enumerated() {
                let stageName = stage["Name"]?.string ?? "stage \(index + 1)"
                var names: [String] = []
                for action in stage["Actions"]?.items ?? [] {
                    let category = action["ActionTypeId"]?["Category"]?.string ?? ""
                    let provider = action["ActionTypeId"]?["Provider"]?.string ?? ""
                    if category == "Source" {
                        pipeline.triggers.append(RawTrigger(native: provider, line: action.mark.line))
                        continue
                    }
                    var job = RawJob(name: prefix + stageName + "/" + (action["Name"]?.string ?? category), line: action.mark.line)
                    job.stage = stageName
                    job.needs = previous
                    job.steps = [RawStep(text: "codepipeline \(category) \(provider)", line: action.mark.line)]
                    if category == "Approval" { job.gate = .manual }
                    names.append(job.name)
                    pipeline.jobs.append(job)
                }
                if !names.isEmpty { previous = names }
            }
        }
        return pipeline
    }
}
