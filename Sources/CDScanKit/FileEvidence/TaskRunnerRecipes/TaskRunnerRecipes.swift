import Foundation
import YAMLReader

/// The one reader of task-runner recipes: the pipelines follow `make test` into them, the detectors list
/// them as build targets. Lenient: whatever cannot be read as a target is left out.
enum TaskRunnerRecipes {
    static func read(_ text: String, format: TaskRunnerFormat, file: String) -> [RunnerTarget] {
        switch format {
        case .makefile: makefile(text)
        case .taskfile: taskfile(text, file: file)
        case .justfile: justfile(text)
        case .npmScripts: npmScripts(text)
        case .preCommit: preCommitHooks(text, file: file)
        }
    }

    /// The targets' names, each once, sorted.
    static func names(in text: String, format: TaskRunnerFormat, file: String) -> [String] {
        names(of: read(text, format: format, file: file))
    }

    static func names(of targets: [RunnerTarget]) -> [String] {
        Array(Set(targets.map(\.name))).sorted()
    }

    /// Makefile rules at the start of a line (`test: build lint`, `all:: x`), with their tab-indented recipes;
    /// not variables (`X := y`, `X ::= y`), special targets (`.PHONY`) or pattern rules (`%.o`).
    static func makefile(_ text: String) -> [RunnerTarget] {
        var targets: [RunnerTarget] = []
        var current: (names: [String], dependencies: [String], lines: [String])?
        func finish() {
            if let rule = current {
                targets += rule.names.map { RunnerTarget(name: $0, dependencies: rule.dependencies, lines: rule.lines) }
            }
            current = nil
        }
        for line in TextLines.all(text) {
            // A tab is a character of its own: the first byte says it.
            if line.utf8.first == UInt8(ascii: "\t") {
                let command = line.drop(while: { $0 == "\t" || $0 == " " || $0 == "@" || $0 == "-" || $0 == "+" })
                if !command.isEmpty { current?.lines.append(String(command)) }
                continue
            }
            if TextLines.isBlank(line) || line.hasPrefix("#") { continue }
            finish()
            guard let colon = TextLines.firstIndex(of: ":", in: line), !line.hasPrefix(" ") else { continue }
            var after = line[line.index(after: colon)...]
            // `X := y`, `X ::= y` are variables, `a=b:c` is an assignment; `a:: b` is a double-colon rule.
            if after.drop(while: { $0 == ":" }).hasPrefix("=") || line[..<colon].contains("=") { continue }
            after = after.drop(while: { $0 == ":" })
            let names = line[..<colon].split(separator: " ").map(String.init)
                .filter { !$0.hasPrefix(".") && !$0.contains("%") && !$0.contains("$") }
            guard !names.isEmpty else { continue }
            var rest = String(after)
            var inline: [String] = []
            if let semicolon = rest.firstIndex(of: ";") {
                inline.append(rest[rest.index(after: semicolon)...].trimmingCharacters(in: .whitespaces))
                rest = String(rest[..<semicolon])
            }
            let dependencies = rest.split(separator: " ").map(String.init).filter { !$0.hasPrefix("$") && !$0.hasPrefix("|") }
            current = (names, dependencies, inline.filter { !$0.isEmpty })
        }
        finish()
        return targets
    }

    /// justfile recipes (`test arg='x': build`) and their indented bodies.
    static func justfile(_ text: String) -> [RunnerTarget] {
        var targets: [RunnerTarget] = []
        var current: RunnerTarget?
        for line in TextLines.all(text) {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                let command = line.trimmingCharacters(in: .whitespaces).drop(while: { $0 == "@" || $0 == "-" })
                if let recipe = current, !command.isEmpty, !command.hasPrefix("#") {
                    current = RunnerTarget(name: recipe.name, dependencies: recipe.dependencies, lines: recipe.lines + [String(command)])
                }
                continue
            }
            if let recipe = current { targets.append(recipe) }
            current = nil
            let trimmed = line.drop(while: { $0 == "@" })
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("["),
                  !trimmed.hasPrefix("set "), !trimmed.hasPrefix("alias "), !trimmed.hasPrefix("export "),
                  !trimmed.hasPrefix("import "), !trimmed.hasPrefix("mod "),
                  let colon = trimmed.firstIndex(of: ":") else { continue }
            let after = trimmed[trimmed.index(after: colon)...]
            if after.hasPrefix("=") { continue }
            guard let name = trimmed[..<colon].split(separator: " ").first.map(String.init), !name.contains("=") else { continue }
            let dependencies = after.split(separator: " ").map(String.init).filter { !$0.hasPrefix("(") && !$0.hasPrefix("#") }
            current = RunnerTarget(name: name, dependencies: dependencies, lines: [])
        }
        if let recipe = current { targets.append(recipe) }
        return targets
    }

    /// Taskfile.yml `tasks:` with their `cmds:` (text, `cmd:` or `task:` items) and `deps:`.
    static func taskfile(_ text: String, file: String) -> [RunnerTarget] {
        guard let root = try? YAMLParser.parse(text, file: file), let tasks = root["tasks"]?.pairs else { return [] }
        return tasks.compactMap { pair in
            guard let name = pair.key.string else { return nil }
            let body = pair.value
            let commands = body.isSequence ? body : (body["cmds"] ?? body["cmd"].map { YAMLNode(content: .sequence([$0]), mark: $0.mark) })
            var lines: [String] = []
            var dependencies: [String] = []
            for item in commands?.items ?? (body.string.map { [YAMLNode(content: .scalar($0, .plain), mark: body.mark)] } ?? []) {
                if let command = item.string { lines.append(command) }
                else if let command = item["cmd"]?.string { lines.append(command) }
                else if let task = item["task"]?.string { dependencies.append(task) }
            }
            for dependency in body["deps"]?.items ?? [] {
                if let task = dependency.string ?? dependency["task"]?.string { dependencies.append(task) }
            }
            return RunnerTarget(name: name, dependencies: dependencies, lines: lines)
        }
    }

    /// `.pre-commit-config.yaml` hooks, each a target named by its `id` whose lines are the id and its
    /// `entry` (a local hook's command), plus `default`: the hooks `pre-commit run` runs when it names none
    /// (those of the commit stage).
    static func preCommitHooks(_ text: String, file: String) -> [RunnerTarget] {
        guard let root = try? YAMLParser.parse(text, file: file) else { return [] }
        let defaultStages = root["default_stages"]?.items?.compactMap(\.string)
        var hooks: [RunnerTarget] = []
        var runByDefault: [String] = []
        for repository in root["repos"]?.items ?? [] {
            for hook in repository["hooks"]?.items ?? [] {
                guard let id = hook["id"]?.string, !id.isEmpty else { continue }
                hooks.append(RunnerTarget(name: id, dependencies: [], lines: [id] + (hook["entry"]?.string.map { [$0] } ?? [])))
                let stages = hook["stages"]?.items?.compactMap(\.string) ?? defaultStages
                if stages.map({ !Set($0).isDisjoint(with: preCommitDefaultStages) }) ?? true { runByDefault.append(id) }
            }
        }
        return hooks + [RunnerTarget(name: "default", dependencies: runByDefault, lines: [])]
    }

    /// The stage `pre-commit run` runs unless told otherwise, by its current and its older name.
    static let preCommitDefaultStages: Set<String> = ["pre-commit", "commit"]

    /// package.json `scripts` (read as JSON, as npm reads it), with their `pre…` scripts run first as npm does.
    static func npmScripts(_ text: String) -> [RunnerTarget] {
        let root = text.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        guard let scripts = root?["scripts"] as? [String: Any] else { return [] }
        return scripts.keys.sorted().compactMap { name in
            guard let command = scripts[name] as? String else { return nil }
            return RunnerTarget(name: name, dependencies: scripts["pre" + name] != nil ? ["pre" + name] : [], lines: [command])
        }
    }
}
