import YAMLReader

/// Travis CI (`.travis.yml`): the default job's phases, `jobs.include` (or `matrix.include`) in `stages:`
/// order, `deploy:` providers, and `if:` conditions for tags, cron and pull requests. `import:` is a
/// shared config.
enum TravisCIParser {
    private static let phases = ["before_install", "install", "before_script", "script", "after_success", "before_deploy"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        var pipeline = RawPipeline()
        for item in root["import"].map({ $0.items ?? [$0] }) ?? [] {
            if let source = item.string ?? item["source"]?.string {
                pipeline.templates.append(TemplateUse(kind: .include, reference: source, line: item.mark.line))
            }
        }
        let stageNames = (root["stages"]?.items ?? []).compactMap { $0.string ?? $0["name"]?.string }
        for stage in root["stages"]?.items ?? [] {
            if let condition = stage["if"] { pipeline.triggers += input.triggerWords(in: condition.scalar ?? "", line: condition.mark.line) }
        }
        if let condition = root["if"] { pipeline.triggers += input.triggerWords(in: condition.scalar ?? "", line: condition.mark.line) }
        var main = RawJob(name: "build", line: root.mark.line)
        main.steps = phases.flatMap { YAMLPipeline.steps(root[$0]) }
        main.stage = "test"
        main.stageIndex = stageNames.firstIndex(of: "test") ?? 0
        if !main.steps.isEmpty || root["language"] != nil { pipeline.jobs.append(main) }
        if let deploy = root["deploy"] { pipeline.jobs += deployJobs(deploy, stage: nil, index: Int.max) }
        let include = root["jobs"]?["include"] ?? root["matrix"]?["include"]
        var stage = "test"
        for item in include?.items ?? [] {
            stage = item["stage"]?.string ?? stage
            let index = stageNames.firstIndex(of: stage)
            if let condition = item["if"] { pipeline.triggers += input.triggerWords(in: condition.scalar ?? "", line: condition.mark.line) }
            var job = RawJob(name: item["name"]?.string ?? stage, line: item.mark.line)
            job.stage = stage
            job.stageIndex = index
            job.steps = phases.flatMap { YAMLPipeline.steps(item[$0]) }
            if job.steps.isEmpty { job.steps = main.steps }
            if let deploy = item["deploy"] {
                let deployJobs = self.deployJobs(deploy, stage: stage, index: index)
                job.steps += deployJobs.flatMap(\.steps)
                if job.environment == nil { job.environment = deployJobs.compactMap(\.environment).first }
            }
            pipeline.jobs.append(job)
        }
        return pipeline
    }

    /// `deploy:` (one provider or a list): each provider a job, named for what it deploys to.
    private static func deployJobs(_ node: YAMLNode, stage: String?, index: Int?) -> [RawJob] {
        (node.items ?? [node]).compactMap { item in
            guard let provider = item["provider"]?.string else { return nil }
            var job = RawJob(name: "deploy " + provider, line: item.mark.line)
            job.stage = stage
            job.stageIndex = index
            job.steps = [RawStep(text: "travis-provider " + provider, line: item["provider"]!.mark.line)]
            job.environment = item["on"]?["environment"]?.string
            return job
        }
    }
}
