import Foundation

/// TeamCity Kotlin DSL (`.teamcity/settings.kts`), read as text: each `BuildType` is a job named by its
/// `name = "…"`; its `steps { … }` runners (script content, Gradle tasks, Maven goals, Docker commands),
/// its `triggers { … }`, `dependencies { snapshot(X) }` and `templates(…)`.
enum TeamCityParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let text = try GroovyText(input.text, file: input.file)
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        let buildTypes = buildTypeBodies(text)
        for (identifier, body) in buildTypes {
            var job = RawJob(name: identifier, line: text.line(of: body.lowerBound))
            for (line, number) in text.lines(in: body, excluding: []) {
                if line.hasPrefix("name = "), let name = quoted(line) {
                    job.nameHints.append(name)
                    if job.name == identifier { job.name = name }
                }
                if line.hasPrefix("templates(") {
                    pipeline.templates.append(TemplateUse(kind: .template, reference: String(line.dropFirst(10).dropLast()), line: number))
                }
                if line.hasPrefix("snapshot(") || line.hasPrefix("dependsOn(") || line.hasPrefix("artifacts(") {
                    let inside = line.drop(while: { $0 != "(" }).dropFirst().prefix(while: { $0 != ")" })
                    job.needs.append(String(inside))
                }
            }
            for block in text.blocks(named: ["steps"], in: body) {
                for runner in text.blocks(named: ["script", "gradle", "maven", "dockerCommand", "exec", "nodeJS", "python", "dotnetBuild", "dotnetTest", "kotlinScript", "powerShell", "commandLine", "dockerCompose"], in: block.body) {
                    job.steps += steps(of: runner.name, text.lines(in: runner.body, excluding: []))
                }
            }
            for block in text.blocks(named: ["triggers"], in: body) {
                for trigger in text.blocks(named: ["vcs", "schedule", "finishBuildTrigger"], in: block.body) {
                    pipeline.triggers.append(RawTrigger(native: trigger.name, line: text.line(of: trigger.open)))
                }
            }
            for block in text.blocks(named: ["features"], in: body) {
                if !text.blocks(named: ["approval"], in: block.body).isEmpty { job.gate = .manual }
                for feature in text.blocks(named: ["pullRequests"], in: block.body) {
                    pipeline.triggers.append(RawTrigger(native: "pullRequests", line: text.line(of: feature.open)))
                }
            }
            pipeline.jobs.append(job)
        }
        // Dependencies point at object identifiers; jobs are named by their `name = "…"`.
        let nameOf = Dictionary(buildTypes.enumerated().map { ($1.0, pipeline.jobs[$0].name) }, uniquingKeysWith: { first, _ in first })
        for index in pipeline.jobs.indices {
            pipeline.jobs[index].needs = pipeline.jobs[index].needs.map { nameOf[$0] ?? $0 }
        }
        return pipeline
    }

    /// The bodies of `object X : BuildType({ … })` declarations (and `BuildType { … }` in `project { }`).
    private static func buildTypeBodies(_ text: GroovyText) -> [(String, Range<Int>)] {
        let characters = text.characters
        let marker = Array("BuildType(")
        var result: [(String, Range<Int>)] = []
        var index = 0
        while index + marker.count < characters.count {
            if characters[index..<(index + marker.count)].elementsEqual(marker) {
                var open = index + marker.count
                while open < characters.count, characters[open].isWhitespace { open += 1 }
                if open < characters.count, characters[open] == "{", let close = text.closing[open] {
                    // The identifier: `object Name : BuildType(` before the marker.
                    var cursor = index - 1
                    while cursor >= 0, characters[cursor] == " " || characters[cursor] == ":" { cursor -= 1 }
                    var start = cursor
                    while start >= 0, characters[start].isLetter || characters[start].isNumber || characters[start] == "_" { start -= 1 }
                    let identifier = start < cursor ? String(characters[(start + 1)...cursor]) : "build"
                    result.append((identifier, (open + 1)..<close))
                    index = close
                    continue
                }
            }
            index += 1
        }
        return result
    }

    /// A runner block as step texts: script lines as they are, `tasks`/`goals` as one command per task
    /// (`gradle clean build` → `gradle clean`, `gradle build`), Docker's `commandType = build` as `docker build`.
    private static func steps(of runner: String, _ lines: [(String, Int)]) -> [RawStep] {
        var result: [RawStep] = []
        let tool = runner == "dockerCommand" ? "docker" : runner
        for (line, number) in lines {
            if line.hasPrefix("tasks =") || line.hasPrefix("goals =") {
                for word in (quoted(line) ?? "").split(separator: " ") { result.append(RawStep(text: "\(tool) \(word)", line: number)) }
            } else if line.hasPrefix("commandType =") {
                let word = line.dropFirst("commandType =".count).trimmingCharacters(in: .whitespaces).prefix { $0.isLetter }
                result.append(RawStep(text: "\(tool) \(word)", line: number))
            } else if !line.hasPrefix("name =") && !line.hasPrefix("id(") && line != "}" && !line.hasPrefix("param(") {
                result.append(RawStep(text: line.hasPrefix("scriptContent =") ? (quoted(line) ?? line) : line, line: number))
            }
        }
        return result
    }

    private static func quoted(_ line: String) -> String? {
        guard let open = line.firstIndex(of: "\"") else { return nil }
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }
}
