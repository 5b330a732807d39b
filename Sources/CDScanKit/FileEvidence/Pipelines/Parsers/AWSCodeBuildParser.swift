import YAMLReader

/// AWS CodeBuild buildspecs: the `phases:` (install, pre_build, build, post_build) in order, each a job of
/// its `commands:`. What starts a build is configured in AWS, not here, so there are no triggers.
enum AWSCodeBuildParser {
    private static let order = ["install", "pre_build", "build", "post_build"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        guard let phases = root["phases"] else { throw YAMLPipeline.problem(input, root, "a buildspec needs 'phases'") }
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        var previous: [String] = []
        for pair in (phases.pairs ?? []).sorted(by: { (order.firstIndex(of: $0.key.string ?? "") ?? 9) < (order.firstIndex(of: $1.key.string ?? "") ?? 9) }) {
            guard let name = pair.key.string else { continue }
            var job = RawJob(name: name, line: pair.key.mark.line)
            job.stage = name
            job.stageIndex = order.firstIndex(of: name)
            job.needs = previous
            job.steps = YAMLPipeline.steps(pair.value["commands"]) + YAMLPipeline.steps(pair.value["finally"])
            pipeline.jobs.append(job)
            previous = [name]
        }
        if root["reports"] != nil, let build = pipeline.jobs.firstIndex(where: { $0.name == "build" }) {
            pipeline.jobs[build].declaredKinds.insert(.test)
        }
        return pipeline
    }
}
