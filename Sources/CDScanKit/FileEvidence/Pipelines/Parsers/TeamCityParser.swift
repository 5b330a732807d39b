import Foundation

/// TeamCity Kotlin DSL (`.teamcity/settings.kts`), read as text: each `BuildType` is a job named by its
/// `name = "…"`; its `steps { … }` runners (script content, Gradle tasks, Maven goals, Docker commands),
/// its `triggers { … }`, `dependencies { snapshot(X) }` and `templates(…)`.
enum TeamCityParser {
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let text = try GroovyText(input.text, file: input.file)
        var pipeline = RawPipeline()
        pipeline.triggersAreExplicit = true
        let buildTypes = buildTypeBlocks(text)
        for (identifier, buildType) in buildTypes {
            let body = text.blocks[buildType].body
            var job = RawJob(name: identifier, line: text.line(of: body.lowerBound))
            for (line, number) in text.lines(in: body) {
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
            // Each query takes the outermost blocks only, so every byte is read once however deep the nesting.
            for steps in text.outermost(named: ["steps"], inside: buildType) {
                for runner in text.outermost(named: runners, inside: steps) {
                    let block = text.blocks[runner]
                    job.steps += self.steps(of: block.name, text.lines(in: block.body))
                }
            }
            for triggers in text.outermost(named: ["triggers"], inside: buildType) {
                for trigger in text.outermost(named: ["vcs", "schedule", "finishBuildTrigger"], inside: triggers) {
                    let block = text.blocks[trigger]
                    pipeline.triggers.append(RawTrigger(native: block.name, line: text.line(of: block.open)))
                }
            }
            for features in text.outermost(named: ["features"], inside: buildType) {
                if !text.outermost(named: ["approval"], inside: features).isEmpty { job.gate = .manual }
                for feature in text.outermost(named: ["pullRequests"], inside: features) {
                    pipeline.triggers.append(RawTrigger(native: "pullRequests", line: text.line(of: text.blocks[feature].open)))
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

    private static let runners: Set<String> = [
        "script", "gradle", "maven", "dockerCommand", "exec", "nodeJS", "python", "dotnetBuild", "dotnetTest",
        "kotlinScript", "powerShell", "commandLine", "dockerCompose",
    ]

    /// The blocks of `object X : BuildType({ … })` declarations (and `BuildType { … }` in `project { }`),
    /// with their identifiers; one declaration is never looked for inside another.
    private static func buildTypeBlocks(_ text: GroovyText) -> [(String, Int)] {
        let bytes = text.bytes
        let marker = Array("BuildType(".utf8)
        var result: [(String, Int)] = []
        var index = 0
        while index + marker.count < bytes.count {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                var open = index + marker.count
                while open < bytes.count, bytes[open] == 0x20 || (bytes[open] >= 0x09 && bytes[open] <= 0x0D) { open += 1 }
                if let block = text.block(openingAt: open) {
                    // The identifier: `object Name : BuildType(` before the marker.
                    var cursor = index - 1
                    while cursor >= 0, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: ":") { cursor -= 1 }
                    var start = cursor
                    while start >= 0, isIdentifierByte(bytes[start]) { start -= 1 }
                    let identifier = start < cursor ? String(decoding: bytes[(start + 1)...cursor], as: UTF8.self) : "build"
                    result.append((identifier, block))
                    index = text.blocks[block].close
                    continue
                }
            }
            index += 1
        }
        return result
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte >= 0x80
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
