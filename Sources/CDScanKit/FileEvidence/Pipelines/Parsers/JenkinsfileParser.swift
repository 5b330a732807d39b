/// Jenkinsfiles, declarative or scripted, read as text (never run): every `stage('…') { … }` is a job, in
/// order; its lines are its steps; `input` is a manual gate; `triggers`, `when` and `parameters` blocks
/// give the triggers; `@Library` and `library` name shared libraries.
enum JenkinsfileParser {
    /// Lines that configure a stage rather than run something.
    private static let directives = ["when", "agent", "options", "environment", "tools", "steps", "script", "post",
                                     "always", "success", "failure", "unstable", "changed", "cleanup", "parallel",
                                     "stages", "matrix", "axes", "axis", "failFast", "}", "{"]

    /// Blocks whose text names triggers; a nested one is read as part of the outermost.
    private static let triggerBlocks: Set<String> = ["triggers", "when", "pipelineTriggers", "properties"]
    /// Blocks that configure a stage: their lines are not its steps.
    private static let stageParts: Set<String> = ["stage", "when", "post", "environment", "options", "agent"]

    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        let text = try GroovyText(input.text, file: input.file)
        let whole = 0..<text.bytes.count
        var pipeline = RawPipeline()
        for (line, number) in text.lines(in: whole) {
            if line.contains("pipelineTriggers(") {
                pipeline.triggers += input.triggerWords(in: line, line: number)
            }
            for prefix in ["@Library(", "library(", "library "] where line.hasPrefix(prefix) {
                let name = GroovyText.firstString(String(line.dropFirst(prefix.count)))
                pipeline.templates.append(TemplateUse(kind: .sharedLibrary, reference: name, line: number))
            }
        }
        for block in text.blocks where block.name == "parameters" {
            pipeline.triggers.append(RawTrigger(native: "parameters", line: text.line(of: block.open)))
        }
        for index in text.outermost(named: triggerBlocks) {
            let block = text.blocks[index]
            let body = text.text(block.body) + " " + text.argument(of: block)
            pipeline.triggers += input.triggerWords(in: body, line: text.line(of: block.open))
        }
        let stages = text.blocks.indices.filter { text.blocks[$0].name == "stage" }
        for (position, index) in stages.enumerated() {
            let stage = text.blocks[index]
            var job = RawJob(name: GroovyText.firstString(text.argument(of: stage)), line: text.line(of: stage.open))
            job.stage = job.name
            job.stageIndex = position
            // Nested stages and the stage's own configuration blocks are not its steps.
            let holes = text.outermost(named: stageParts, inside: index).map { text.blocks[$0].whole }
            for (line, number) in text.lines(in: stage.body, excluding: holes) {
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
            for (line, number) in text.lines(in: whole) {
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
