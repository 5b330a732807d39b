import YAMLReader

/// Drone and Woodpecker: one or more `kind: pipeline` documents with `trigger:`/`when:` events, steps run
/// in order (or by `depends_on:`), plugins by image; `promote` events with a `target` are manual promotions.
enum DroneParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let documents = try YAMLPipeline.documents(input).filter { !$0.isNull }
        guard !documents.isEmpty else { return nil }
        var pipeline = RawPipeline()
        var lastJob: [String: String] = [:]
        for document in documents {
            guard document.isMapping else { throw YAMLPipeline.problem(input, document, "a pipeline document must be a mapping, not \(document.kindName)") }
            if let kind = document["kind"]?.string, kind != "pipeline" { continue }
            let prefix = documents.count > 1 ? (document["name"]?.string ?? "pipeline") + "/" : ""
            for node in [document["trigger"], document["when"]].compactMap({ $0 }) {
                let events = events(node)
                if !events.isEmpty { pipeline.triggersAreExplicit = true }
                pipeline.triggers += events
            }
            let list: [(String?, YAMLNode, Int)]
            if let items = (document["steps"] ?? document["pipeline"])?.items {
                list = items.map { ($0["name"]?.string, $0, $0.mark.line) }
            } else {
                list = ((document["steps"] ?? document["pipeline"])?.pairs ?? []).map { ($0.key.string, $0.value, $0.key.mark.line) }
            }
            let upstream = YAMLPipeline.names(document["depends_on"]).compactMap { lastJob[$0] }
            var previous: [String] = []
            for (index, (name, step, line)) in list.enumerated() {
                var job = RawJob(name: prefix + (name ?? "step \(index + 1)"), line: line)
                let dependsOn = YAMLPipeline.names(step["depends_on"])
                job.needs = step["depends_on"] != nil ? dependsOn.map { prefix + $0 } : previous
                if let image = step["image"]?.string { job.steps.append(RawStep(text: image, line: step["image"]!.mark.line)) }
                job.steps += YAMLPipeline.steps(step["commands"])
                let settings = (step["settings"]?.pairs ?? []).map { "\($0.key.scalar ?? "") \(CircleCIParser.flatText($0.value))" }
                if !settings.isEmpty, let image = step["image"]?.string {
                    job.steps.append(RawStep(text: ([image] + settings).joined(separator: " "), line: step.mark.line))
                }
                if let when = step["when"] {
                    pipeline.triggers += events(when)
                    let whens = when.items ?? [when]
                    if whens.contains(where: { ($0["event"]?.stringList ?? []).contains { ["promote", "deployment"].contains($0) } }) {
                        job.gate = .manual
                    }
                    job.environment = whens.compactMap { $0["target"]?.stringList.first ?? $0["environment"]?.stringList.first }.first
                }
                if index == 0 && !upstream.isEmpty { job.needs += upstream }
                pipeline.jobs.append(job)
                previous = [job.name]
            }
            if let name = document["name"]?.string, let last = previous.first { lastJob[name] = last }
        }
        return pipeline
    }

    /// `event:` words of a `trigger:` or `when:` (a mapping, or Woodpecker's list of mappings).
    private static func events(_ node: YAMLNode) -> [RawTrigger] {
        (node.items ?? [node]).flatMap { item -> [RawTrigger] in
            guard let event = item["event"] else { return [] }
            let words = event.stringList + (event["include"]?.stringList ?? [])
            return words.map { RawTrigger(native: $0, line: event.mark.line) }
        }
    }
}
