import YAMLReader

/// GitLab CI (`.gitlab-ci.yml`): `stages:` in order, jobs with `script:`, `needs:`, `environment:`,
/// `when: manual`, `rules:`/`only:` for triggers, `extends:` resolved within the file and its local
/// includes, and `include:` recorded as templates.
enum GitLabCIParser {
    private static let reservedKeys: Set<String> = [
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache",
        "before_script", "after_script", "types", "spec",
    ]
    private static let defaultStages = [".pre", "build", "test", "deploy", ".post"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let documents = try YAMLPipeline.documents(input)
        // A file may open with a `spec:` header document (CI/CD components); the pipeline is the last one.
        guard let root = documents.last, !root.isNull else { return nil }
        guard root.isMapping else { throw YAMLPipeline.problem(input, root, "a GitLab CI file must be a mapping, not \(root.kindName)") }
        var pipeline = RawPipeline()
        var definitions: [(String, YAMLNode, Int)] = []
        collect(root, into: &definitions, pipeline: &pipeline, input: input, depth: 0)
        let stages = (root["stages"]?.items?.compactMap(\.string)).flatMap { $0.isEmpty ? nil : [".pre"] + $0 + [".post"] } ?? defaultStages
        for rule in root["workflow"]?["rules"]?.items ?? [] {
            if let condition = rule["if"] { pipeline.triggers += input.triggerWords(in: condition.scalar ?? "", line: condition.mark.line) }
        }
        let hidden = Dictionary(definitions.filter { $0.0.hasPrefix(".") }.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        var resolvedHidden: [String: YAMLNode] = [:]
        var visiting: Set<String> = []
        for (name, node, line) in definitions where !name.hasPrefix(".") {
            guard node.isMapping else {
                throw YAMLPipeline.problem(input, node, "job '\(name)' must be a mapping, not \(node.kindName)")
            }
            let resolved = resolve(node, hidden: hidden, resolved: &resolvedHidden, visiting: &visiting, depth: 0)
            var job = RawJob(name: name, line: line)
            job.stage = resolved["stage"]?.string ?? "test"
            job.stageIndex = stages.firstIndex(of: job.stage ?? "")
            job.needs = YAMLPipeline.names(resolved["needs"])
            if let environment = resolved["environment"] {
                let action = environment["action"]?.string ?? "start"
                if action == "start" || action == "prepare" {
                    job.environment = environment.string ?? environment["name"]?.string
                }
            }
            for key in ["before_script", "script", "after_script"] { job.steps += YAMLPipeline.steps(resolved[key]) }
            if let image = resolved["image"], let reference = image.string ?? image["name"]?.string {
                job.steps.append(RawStep(text: reference, line: image.mark.line))
            }
            if let trigger = resolved["trigger"] {
                job.steps.append(RawStep(text: "trigger " + (trigger.string ?? trigger["include"]?.string ?? trigger["project"]?.string ?? ""), line: trigger.mark.line))
            }
            job.nameHints = YAMLPipeline.names(node["extends"])
            if resolved["release"] != nil { job.declaredKinds.insert(.release) }
            if name == "pages" || resolved["pages"] != nil { job.declaredKinds.insert(.deploy) }
            let stops = resolved["environment"]?["action"]?.string == "stop"
            if !stops, resolved["when"]?.string == "manual" || (resolved["rules"]?.items ?? []).contains(where: { $0["when"]?.string == "manual" }) {
                job.gate = .manual
            }
            for rule in resolved["rules"]?.items ?? [] {
                if let condition = rule["if"] { pipeline.triggers += input.triggerWords(in: condition.scalar ?? "", line: condition.mark.line) }
            }
            for only in [resolved["only"]].compactMap({ $0 }) {
                let words = only.stringList + (only["refs"]?.stringList ?? [])
                pipeline.triggers += words.filter { input.system.triggers[$0] != nil }.map { RawTrigger(native: $0, line: only.mark.line) }
            }
            pipeline.jobs.append(job)
        }
        return pipeline
    }

    /// Gathers job definitions from the file and, one level deep, from its local includes.
    private static func collect(_ root: YAMLNode, into definitions: inout [(String, YAMLNode, Int)],
                                pipeline: inout RawPipeline, input: PipelineInput, depth: Int) {
        for pair in root.pairs ?? [] {
            guard let key = pair.key.string else { continue }
            if key == "include" {
                for (kind, reference, line) in includes(pair.value) {
                    pipeline.templates.append(TemplateUse(kind: .include, reference: reference, line: line))
                    if kind == "template" {
                        // GitLab's own templates add jobs cdscan cannot see: stand in for them by their name.
                        var job = RawJob(name: "include: " + reference, line: line)
                        job.steps = [RawStep(text: reference, line: line)]
                        pipeline.jobs.append(job)
                    }
                    if kind == "local", depth < 2 {
                        let path = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
                        for file in localFiles(path, tree: input.tree) {
                            if let text = input.tree.text(file), let included = (try? YAMLParser.parseAll(text, file: file))?.last {
                                collect(included, into: &definitions, pipeline: &pipeline, input: input, depth: depth + 1)
                            }
                        }
                    }
                }
                continue
            }
            if reservedKeys.contains(key) { continue }
            definitions.append((key, pair.value, pair.key.mark.line))
        }
    }

    /// `include:` in its shapes: a text, a list of texts, mappings with local/project/remote/template/component.
    private static func includes(_ node: YAMLNode) -> [(String, String, Int)] {
        let items = node.items ?? [node]
        return items.flatMap { item -> [(String, String, Int)] in
            if let text = item.string {
                return [(text.hasPrefix("http") ? "remote" : "local", text, item.mark.line)]
            }
            for kind in ["local", "template", "remote", "component"] {
                if let value = item[kind]?.string { return [(kind, value, item.mark.line)] }
            }
            if let project = item["project"]?.string {
                let files = item["file"]?.stringList ?? []
                return files.isEmpty ? [("project", project, item.mark.line)]
                    : files.map { ("project", project + "/" + ($0.hasPrefix("/") ? String($0.dropFirst()) : $0), item.mark.line) }
            }
            return []
        }
    }

    private static func localFiles(_ pattern: String, tree: SourceTree) -> [String] {
        guard pattern.contains("*") else { return [pattern] }
        // GitLab reads a local include from the repository root, with or without a leading "/".
        let glob = PathGlob(pattern.hasPrefix("/") ? pattern : "/" + pattern)
        return tree.paths.filter { glob.matches($0) }
    }

    /// The job with what it `extends:` merged in underneath (its own keys win), as GitLab does. Each hidden
    /// job is resolved once (`resolved`): without that, jobs extending many parents that extend many parents
    /// cost fan-out to the power of the depth. A cycle stops at the job already being resolved.
    private static func resolve(_ node: YAMLNode, hidden: [String: YAMLNode], resolved: inout [String: YAMLNode],
                                visiting: inout Set<String>, depth: Int) -> YAMLNode {
        let parents = YAMLPipeline.names(node["extends"])
        guard !parents.isEmpty, depth < 8 else { return node }
        var pairs = node.pairs ?? []
        var keys = Set(pairs.map { $0.key.string ?? "" })
        for parent in parents.reversed() {
            guard let base = hidden[parent] else { continue }
            let full: YAMLNode
            if let known = resolved[parent] {
                full = known
            } else if visiting.contains(parent) {
                full = base
            } else {
                visiting.insert(parent)
                full = resolve(base, hidden: hidden, resolved: &resolved, visiting: &visiting, depth: depth + 1)
                visiting.remove(parent)
                resolved[parent] = full
            }
            for pair in full.pairs ?? [] where keys.insert(pair.key.string ?? "").inserted {
                pairs.append(pair)
            }
        }
        return YAMLNode(content: .mapping(pairs), mark: node.mark, tag: node.tag)
    }
}
