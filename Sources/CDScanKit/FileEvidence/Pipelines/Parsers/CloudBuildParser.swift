import YAMLReader

/// Google Cloud Build (`cloudbuild.yaml`): steps in order (or by `waitFor:`), each a builder image with
/// its entrypoint and arguments; `images:` are pushed when the build ends. Triggers live in Google Cloud.
enum CloudBuildParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        guard let steps = root["steps"]?.items else { throw YAMLPipeline.problem(input, root, "a Cloud Build file needs a list of 'steps'") }
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        var previous: [String] = []
        for (index, step) in steps.enumerated() {
            let image = step["name"]?.string ?? ""
            var job = RawJob(name: step["id"]?.string ?? "step \(index + 1): \(image)", line: step.mark.line)
            let waitFor = YAMLPipeline.names(step["waitFor"])
            job.needs = step["waitFor"] == nil ? previous : waitFor.filter { $0 != "-" }
            let command = ([image] + (step["entrypoint"]?.stringList ?? []) + (step["args"]?.stringList ?? [])).joined(separator: " ")
            job.steps = [RawStep(text: command, line: step.mark.line)] + YAMLPipeline.steps(step["script"])
            pipeline.jobs.append(job)
            previous = [job.name]
        }
        if let images = root["images"], !(images.items ?? []).isEmpty {
            var job = RawJob(name: "images", line: images.mark.line)
            job.needs = previous
            job.steps = (images.items ?? []).compactMap { $0.string }.map { RawStep(text: "push " + $0, line: images.mark.line) }
            job.declaredKinds = [.publish]
            pipeline.jobs.append(job)
        }
        return pipeline
    }
}
