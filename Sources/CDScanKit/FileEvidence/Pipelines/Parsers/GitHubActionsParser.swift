import YAMLReader

/// GitHub Actions workflows (and Gitea/Forgejo Actions, same format): `on:` triggers, `jobs:` with `needs:`,
/// `environment:` and `steps:`. Local reusable workflows and composite actions are read into the calling job.
enum GitHubActionsParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        guard let root = try YAMLPipeline.root(input) else { return nil }
        var pipeline = RawPipeline()
        if let on = root["on"] ?? root["true"] {
            pipeline.triggersAreExplicit = true
            pipeline.triggers = YAMLPipeline.words(on).map { RawTrigger(native: $0.0, line: $0.1) }
            pipeline.triggers = tagFilteredPush(on, pipeline.triggers)
            pipeline.followsWorkflows = YAMLPipeline.names(on["workflow_run"]?["workflows"])
        }
        pipeline.name = root["name"]?.string
        guard let jobs = root["jobs"] else {
            throw YAMLPipeline.problem(input, root, "a workflow needs 'jobs'")
        }
        guard let pairs = jobs.pairs else {
            throw YAMLPipeline.problem(input, jobs, "'jobs' must be a mapping, not \(jobs.kindName)")
        }
        let variables = WorkflowVariables().adding(root["env"])
        for pair in pairs {
            guard let id = pair.key.string else { continue }
            let (job, templates) = self.job(id: id, node: pair.value, line: pair.key.mark.line, input: input, depth: 0,
                                            variables: variables)
            pipeline.jobs.append(job)
            pipeline.templates += templates
        }
        return pipeline
    }

    /// `push:` with a `tags:` filter runs on pushed tags; with tags alone (no branch filter) on nothing
    /// else, so a tag-only `push` is a tag trigger rather than a push of changes.
    static func tagFilteredPush(_ on: YAMLNode, _ triggers: [RawTrigger]) -> [RawTrigger] {
        guard let push = on["push"], let tags = push["tags"] else { return triggers }
        let tagTrigger = RawTrigger(native: "tag", line: tags.mark.line)
        let branchFilter = push["branches"] != nil || push["branches-ignore"] != nil
        return (branchFilter ? triggers : triggers.filter { $0.native != "push" }) + [tagTrigger]
    }

    private static func job(id: String, node: YAMLNode, line: Int, input: PipelineInput, depth: Int,
                            variables: WorkflowVariables = WorkflowVariables()) -> (RawJob, [TemplateUse]) {
        var job = RawJob(name: id, line: line)
        let variables = variables.adding(node["env"])
        var templates: [TemplateUse] = []
        if let name = node["name"]?.string, !name.contains("${{") { job.nameHints.append(name) }
        job.needs = YAMLPipeline.names(node["needs"])
        if let environment = node["environment"] {
            job.environment = environment.string ?? environment["name"]?.string
            if job.environment != nil { job.gate = .environment }
        }
        if let uses = node["uses"]?.string {
            templates.append(TemplateUse(kind: .reusableWorkflow, reference: uses, line: node["uses"]!.mark.line))
            job.steps.append(RawStep(text: uses, line: node["uses"]!.mark.line))
            let file = uses.split(separator: "@").first.map(String.init) ?? uses
            job.nameHints.append(String(file.split(separator: "/").last ?? ""))
            if uses.hasPrefix("./"), depth < 2, let called = calledJobs(String(uses.dropFirst(2)), input: input, depth: depth) {
                job.steps += called.flatMap(\.steps)
                job.nameHints += called.map(\.name) + called.flatMap(\.nameHints)
                if job.environment == nil, let environment = called.compactMap(\.environment).first {
                    job.environment = environment
                    job.gate = .environment
                }
            }
        }
        for step in node["steps"]?.items ?? [] {
            let (steps, used) = self.steps(of: step, input: input, depth: depth, variables: variables)
            job.steps += steps
            templates += used
        }
        return (job, templates)
    }

    /// A step's command or action; a local composite action (`./.github/actions/x`) is read for its steps.
    private static func steps(of step: YAMLNode, input: PipelineInput, depth: Int,
                              variables: WorkflowVariables = WorkflowVariables()) -> ([RawStep], [TemplateUse]) {
        if let run = step["run"] {
            let variables = variables.adding(step["env"])
            return (YAMLPipeline.steps(run).map { RawStep(text: variables.substitute($0.text), line: $0.line) }, [])
        }
        guard let usesNode = step["uses"], let uses = usesNode.string else { return ([], []) }
        var steps = [RawStep(text: uses, line: usesNode.mark.line)]
        // Some actions take their command as an argument (`args: release --clean`).
        if let args = step["with"]?["args"]?.string { steps.append(RawStep(text: uses + " " + args, line: usesNode.mark.line)) }
        // A release action told to leave a draft (`draft: true`) says so the way `gh release create --draft` does.
        if step["with"]?["draft"]?.bool == true { steps[0] = RawStep(text: uses + " --draft", line: usesNode.mark.line) }
        // An action that runs pre-commit (`pre-commit/action`, a composite `…/pre-commit`) runs the
        // repository's hooks as `pre-commit run` would, with the hook its arguments name.
        if runsPreCommit(uses) {
            let arguments = step["with"]?["args"]?.string ?? step["with"]?["extra_args"]?.string ?? ""
            steps.append(RawStep(text: "pre-commit run " + arguments, line: usesNode.mark.line))
        }
        guard uses.hasPrefix("./"), depth < 2 else { return (steps, []) }
        let folder = String(uses.dropFirst(2)).trimmingSlash
        let template = TemplateUse(kind: .template, reference: uses, line: usesNode.mark.line)
        // `uses: ./` is the action the repository itself is (its root `action.yml`).
        let prefix = folder.isEmpty ? "" : folder + "/"
        guard let file = ["\(prefix)action.yml", "\(prefix)action.yaml"].first(where: input.tree.exists),
              let text = input.tree.text(file),
              let action = try? YAMLParser.parse(text, file: file) else { return (steps, [template]) }
        for inner in action["runs"]?["steps"]?.items ?? [] {
            steps += self.steps(of: inner, input: input, depth: depth + 1).0
        }
        return (steps, [template])
    }

    /// Whether an action reference names pre-commit as its repository or its own folder
    /// (`pre-commit/action@v3`, `org/actions/pre-commit@v1`); pre-commit.ci's action only pushes its fixes.
    static func runsPreCommit(_ uses: String) -> Bool {
        guard !uses.hasPrefix("./"), !uses.hasPrefix("docker://") else { return false }
        let reference = uses.split(separator: "@").first.map { $0.lowercased() } ?? ""
        let parts = reference.split(separator: "/")
        guard parts.count >= 2, parts[0] != "pre-commit-ci" else { return false }
        return parts[0] == "pre-commit" || parts.dropFirst().contains { $0 == "pre-commit" || $0.hasSuffix("-pre-commit") }
    }

    private static func calledJobs(_ file: String, input: PipelineInput, depth: Int) -> [RawJob]? {
        guard let text = input.tree.text(file), let root = try? YAMLParser.parse(text, file: file),
              let jobs = root["jobs"]?.pairs else { return nil }
        return jobs.compactMap { pair in
            pair.key.string.map { job(id: $0, node: pair.value, line: pair.key.mark.line, input: input, depth: depth + 1).0 }
        }
    }
}

extension String {
    var trimmingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
