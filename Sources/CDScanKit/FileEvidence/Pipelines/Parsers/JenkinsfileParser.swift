/// Jenkinsfiles, declarative or scripted, read as text (never run): every `stage('…') { … }` is a job, in
/// order; its lines are its steps; `input` is a manual gate; `triggers`, `when` and `parameters` blocks
/// give the triggers; `@Library` and `library` name shared libraries.
enum JenkinsfileParser {
    /// Lines that configure a stage rather than run something.
    private static let directives = ["when", "agent", "options", "environment", "tools", "steps", "script", "post",
                                     "always", "success", "failure", "unstable", "changed", "cleanup", "parallel",
                                     "stages", "matrix", "axes", "axis", "failFast", "}", "{"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let text = try GroovyText(input.text, file: input.file)
        var pipeline = RawPipeline()
        for (line, number) in text.lines(in: 0..<text.characters.count, excluding: []) {
            if line.contains("pipelineTriggers(") {
                pipeline.triggers += input.triggerWords(in: line, line: number)
            }
            for prefix in ["@Library(", "library(", "library "] where line.hasPrefix(prefix) {
                let name = GroovyText.firstString(String(line.dropFirst(prefix.count)))
                pipeline.templates.append(TemplateUse(kind: .sharedLibrary, reference: name, line: number))
            }
        }
        for block in text.blocks(named: ["triggers", "when", "pipelineTriggers", "parameters", "properties"]) {
            let body = String(text.characters[block.body]) + " " + block.argument
            if block.name == "parameters" {
                pipeline.triggers.append(RawTrigger(native: "parameters", line: text.line(of: block.open)))
            } else {
                pipeline.triggers += input.triggerWords(in: body, line: text.line(of: block.open))
            }
        }
        let stages = text.blocks(named: ["stage"])
        for (index, stage) in stages.enumerated() {
            var job = RawJob(name: GroovyText.firstString(stage.argument), line: text.line(of: stage.open))
            job.stage = job.name
            job.stageIndex = index
            let nested = stages.filter { $0.open != stage.open && stage.body.contains($0.open) }.map { $0.open..<($0.body.upperBound + 1) }
            let conditions = text.blocks(named: ["when", "post", "environment", "options", "agent"], in: stage.body).map { $0.open..<($0.body.upperBound + 1) }
            for (line, number) in text.lines(in: stage.body, excluding: nested + conditions) {
                if line.hasPrefix("input") { job.gate = .manual }
                let word = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "}" || $0 == "{" }
                if directives.contains(String(word)), line.hasSuffix("{") || line == String(word) { continue }
                if line.hasPrefix("when ") || line.hasPrefix("when{") || line.hasPrefix("stage(") { continue }
                job.steps.append(RawStep(text: line, line: number))
            }
            pipeline.jobs.append(job)
        }
        // A Jenkinsfile without stages — a shared-library call such as `buildPlugin()`, or a scripted
        // `node { sh 'make test' }` — is one job made of its lines.
        if stages.isEmpty {
            var job = RawJob(name: "Jenkinsfile", line: 1)
            for (line, number) in text.lines(in: 0..<text.characters.count, excluding: []) {
                let word = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "}" || $0 == "{" }
                if directives.contains(String(word)), line.hasSuffix("{") || line == String(word) { continue }
                if line.hasPrefix("@Library") || line.hasPrefix("library") || line.hasPrefix("properties") { continue }
                job.steps.append(RawStep(text: line, line: number))
            }
            if !job.steps.isEmpty { pipeline.jobs.append(job) }
        }
        return pipeline
    }
}
