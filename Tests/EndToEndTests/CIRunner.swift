import Foundation
import Testing
import YAMLReader

/// Runs cdscan's GitHub Action (`action.yml`) and GitLab component (`templates/gitlab-ci.yml`) the way their
/// runners would, as far as these two files need: the `run:` steps with bash in order, with the runner's
/// files and variables pointed at scratch files; `uses:` steps are not run but recorded with their
/// evaluated `with:`. Any expression, interpolation or command file line it does not know fails the test.
enum CIRunner {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Expressions

    /// A value of a GitHub Actions expression; the action uses strings and booleans only.
    enum Value: Equatable {
        case string(String)
        case bool(Bool)

        var isTruthy: Bool {
            switch self {
            case .string(let text): return !text.isEmpty
            case .bool(let value): return value
            }
        }

        var text: String {
            switch self {
            case .string(let text): return text
            case .bool(let value): return value ? "true" : "false"
            }
        }
    }

    /// What `${{ … }}` may read: inputs, a few `github` and `runner` properties, and the outputs of the
    /// steps before the current one.
    struct Context {
        var inputs: [String: String]
        var github: [String: String]
        var runner: [String: String]
        var steps: [String: [String: String]] = [:]
        var failed = false

        func value(of path: [String]) throws -> Value {
            switch (path.first, path.count) {
            case ("inputs", 2):
                guard let value = inputs[path[1]] else { throw Failure("undeclared input \(path[1])") }
                return .string(value)
            case ("github", 2), ("runner", 2):
                let table = path[0] == "github" ? github : runner
                guard let value = table[path[1]] else { throw Failure("unknown property \(path.joined(separator: "."))") }
                return .string(value)
            case ("steps", 4) where path[2] == "outputs":
                guard let outputs = steps[path[1]] else { throw Failure("no earlier step with id \(path[1])") }
                return .string(outputs[path[3]] ?? "")
            default:
                throw Failure("unknown expression context \(path.joined(separator: "."))")
            }
        }

        /// `text` with every `${{ expression }}` replaced by its value.
        func substitute(_ text: String) throws -> String {
            var result = ""
            var rest = Substring(text)
            while let open = rest.range(of: "${{") {
                result += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else { throw Failure("unclosed ${{ in \(text)") }
                result += try evaluate(String(rest[open.upperBound..<close.lowerBound])).text
                rest = rest[close.upperBound...]
            }
            return result + rest
        }

        /// A step's `if:`; without a status function it is `success() && (…)`, as on GitHub.
        func condition(_ text: String?) throws -> Bool {
            guard var text = text?.trimmingCharacters(in: .whitespaces) else { return !failed }
            if text.hasPrefix("${{"), text.hasSuffix("}}") { text = String(text.dropFirst(3).dropLast(2)) }
            let statusFunctions = ["always()", "success()", "failure()", "cancelled()"]
            let value = try evaluate(text).isTruthy
            return statusFunctions.contains { text.contains($0) } ? value : value && !failed
        }

        func evaluate(_ expression: String) throws -> Value {
            var parser = Parser(tokens: try Self.tokens(expression), context: self, source: expression)
            let value = try parser.or()
            guard parser.position == parser.tokens.count else { throw Failure("cannot read the expression \(expression)") }
            return value
        }

        enum Token: Equatable {
            case word(String), string(String), symbol(String)
        }

        static func tokens(_ text: String) throws -> [Token] {
            var tokens: [Token] = []
            var index = text.startIndex
            while index < text.endIndex {
                let character = text[index]
                if character == " " { index = text.index(after: index); continue }
                let two = String(text[index...].prefix(2))
                if ["&&", "||", "==", "!="].contains(two) {
                    tokens.append(.symbol(two))
                    index = text.index(index, offsetBy: 2)
                } else if "()!".contains(character) {
                    tokens.append(.symbol(String(character)))
                    index = text.index(after: index)
                } else if character == "'" {
                    var literal = ""
                    index = text.index(after: index)
                    while true {
                        guard index < text.endIndex else { throw Failure("unclosed string in \(text)") }
                        if text[index] == "'" {
                            let next = text.index(after: index)
                            if next < text.endIndex, text[next] == "'" { literal.append("'"); index = text.index(after: next); continue }
                            index = next
                            break
                        }
                        literal.append(text[index])
                        index = text.index(after: index)
                    }
                    tokens.append(.string(literal))
                } else if character.isLetter || character == "_" {
                    let word = text[index...].prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }
                    tokens.append(.word(String(word)))
                    index = word.endIndex
                } else {
                    throw Failure("unknown character '\(character)' in the expression \(text)")
                }
            }
            return tokens
        }

        struct Parser {
            let tokens: [Token]
            let context: Context
            let source: String
            var position = 0

            mutating func take(_ symbol: String) -> Bool {
                guard position < tokens.count, tokens[position] == .symbol(symbol) else { return false }
                position += 1
                return true
            }

            mutating func or() throws -> Value {
                var value = try and()
                while take("||") { let right = try and(); value = value.isTruthy ? value : right }
                return value
            }

            mutating func and() throws -> Value {
                var value = try not()
                while take("&&") { let right = try not(); value = value.isTruthy ? right : value }
                return value
            }

            mutating func not() throws -> Value {
                if take("!") { return .bool(!(try not()).isTruthy) }
                let left = try primary()
                let negated: Bool
                if take("==") { negated = false } else if take("!=") { negated = true } else { return left }
                let right = try primary()
                // GitHub compares strings ignoring case; the action compares strings only.
                let equal = left.text.lowercased() == right.text.lowercased()
                return .bool(equal != negated)
            }

            mutating func primary() throws -> Value {
                guard position < tokens.count else { throw Failure("the expression \(source) ends too soon") }
                let token = tokens[position]
                position += 1
                switch token {
                case .string(let text):
                    return .string(text)
                case .symbol("("):
                    let value = try or()
                    guard take(")") else { throw Failure("unbalanced parentheses in \(source)") }
                    return value
                case .word("true"): return .bool(true)
                case .word("false"): return .bool(false)
                case .word(let word):
                    guard take("(") else { return try context.value(of: word.split(separator: ".").map(String.init)) }
                    guard take(")") else { throw Failure("unknown function call \(word)(…) in \(source)") }
                    switch word {
                    case "always": return .bool(true)
                    case "success": return .bool(!context.failed)
                    case "failure": return .bool(context.failed)
                    default: throw Failure("unknown function \(word)() in \(source)")
                    }
                default:
                    throw Failure("unexpected \(token) in \(source)")
                }
            }
        }
    }

    // MARK: The GitHub Action

    /// The runner's side of one run: scratch directories and files, and what the steps wrote to them.
    struct Runner {
        let root: URL
        var workspace: URL
        var os = "Linux"
        var arch = "X64"
        var actionRepository = "cdscan/cdscan"
        /// Directories put before PATH for every step, e.g. a fake `curl`.
        var extraPath: [String] = []

        var temp: URL { root.appendingPathComponent("temp") }
        var toolCache: URL { root.appendingPathComponent("toolcache") }
        var summary: URL { root.appendingPathComponent("step-summary.md") }

        init(workspace: URL) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-runner-\(UUID().uuidString)")
            self.workspace = workspace
            for directory in [temp, toolCache] {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            _ = FileManager.default.createFile(atPath: summary.path, contents: nil)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    struct StepRun {
        let id: String?
        let name: String
        /// nil when the step's `if:` was false.
        let status: Int32?
        let stdout: String
        let stderr: String
        let outputs: [String: String]
        var log: String { stdout + stderr }
    }

    struct UsesStep {
        let uses: String
        let wouldRun: Bool
        let with: [String: String]
    }

    struct ActionRun {
        var steps: [StepRun] = []
        var uses: [UsesStep] = []
        var outputs: [String: String] = [:]
        var summary = ""
        var addedPath: [String] = []
        var failed = false

        func step(_ id: String) -> StepRun? { steps.first { $0.id == id } }
        func uses(_ prefix: String) -> UsesStep? { uses.first { $0.uses.hasPrefix(prefix) } }
        /// The exit status the job ends with: that of the first step that failed, else 0.
        var exitStatus: Int32 { steps.compactMap(\.status).first { $0 != 0 } ?? 0 }
    }

    static func loadAction() throws -> YAMLNode {
        let text = try String(contentsOf: ProjectFiles.url("action.yml"), encoding: .utf8)
        return try #require(try YAMLParser.parse(text, file: "action.yml"))
    }

    /// Runs the action's steps in order, up to and including the one with id `through` (all by default);
    /// `only` runs that one step alone.
    static func runAction(_ action: YAMLNode, inputs chosen: [String: String], on runner: Runner,
                          through last: String? = nil, only: String? = nil) throws -> ActionRun {
        var inputs: [String: String] = [:]
        for pair in action["inputs"]?.pairs ?? [] {
            inputs[pair.key.scalar ?? ""] = pair.value["default"]?.scalar ?? ""
        }
        for (name, value) in chosen {
            guard inputs[name] != nil else { throw Failure("input \(name) is not declared in action.yml") }
            inputs[name] = value
        }
        var context = Context(
            inputs: inputs,
            github: ["action_repository": runner.actionRepository, "workspace": runner.workspace.path],
            runner: ["os": runner.os, "arch": runner.arch, "temp": runner.temp.path, "tool_cache": runner.toolCache.path])
        var run = ActionRun()
        var addedEnvironment: [String: String] = [:]
        let steps = try #require(action["runs"]?["steps"]?.items)
        for (index, step) in steps.enumerated() {
            let id = step["id"]?.string
            let name = step["name"]?.string ?? id ?? "step \(index + 1)"
            let unknown = Set(step.keys).subtracting(["name", "id", "if", "shell", "env", "run", "uses", "with"])
            guard unknown.isEmpty else { throw Failure("step \(name) has keys this runner does not play: \(unknown.sorted())") }
            if let only, id != only {
                if let id { context.steps[id] = [:] }
                continue
            }
            let wouldRun = try context.condition(step["if"]?.scalar)
            if let uses = step["uses"]?.string {
                var with: [String: String] = [:]
                for pair in step["with"]?.pairs ?? [] { with[pair.key.scalar ?? ""] = try context.substitute(pair.value.scalar ?? "") }
                run.uses.append(UsesStep(uses: uses, wouldRun: wouldRun, with: with))
                if let id { context.steps[id] = [:] }
                continue
            }
            guard wouldRun else {
                run.steps.append(StepRun(id: id, name: name, status: nil, stdout: "", stderr: "", outputs: [:]))
                if let id { context.steps[id] = [:] }
                if id == last { break }
                continue
            }
            let script = try #require(step["run"]?.string, "step \(name) has neither run: nor uses:")
            guard step["shell"]?.string == "bash" else { throw Failure("step \(name) does not say shell: bash") }
            let files = runner.root.appendingPathComponent("step-\(index)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            let commandFiles = ["GITHUB_OUTPUT": "output", "GITHUB_PATH": "path", "GITHUB_ENV": "env"]
            var environment = addedEnvironment
            for (variable, file) in commandFiles {
                let url = files.appendingPathComponent(file)
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                environment[variable] = url.path
            }
            environment.merge([
                "CI": "true", "GITHUB_ACTIONS": "true",
                "GITHUB_STEP_SUMMARY": runner.summary.path, "GITHUB_WORKSPACE": runner.workspace.path,
                "GITHUB_ACTION_REPOSITORY": runner.actionRepository,
                "RUNNER_OS": runner.os, "RUNNER_ARCH": runner.arch,
                "RUNNER_TEMP": runner.temp.path, "RUNNER_TOOL_CACHE": runner.toolCache.path,
            ]) { $1 }
            for pair in step["env"]?.pairs ?? [] {
                environment[pair.key.scalar ?? ""] = try context.substitute(pair.value.scalar ?? "")
            }
            let scriptFile = files.appendingPathComponent("script.sh")
            try Data(script.utf8).write(to: scriptFile)
            // GitHub's own template for `shell: bash`.
            let result = try Shell.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile.path],
                                       environment: environment, path: runner.extraPath + run.addedPath, in: runner.workspace)
            let outputs = try commandFile(files.appendingPathComponent("output"))
            for (key, value) in try commandFile(files.appendingPathComponent("env")) { addedEnvironment[key] = value }
            let added = try String(contentsOf: files.appendingPathComponent("path"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            run.addedPath = added.reversed() + run.addedPath
            run.steps.append(StepRun(id: id, name: name, status: result.status, stdout: result.stdout, stderr: result.stderr, outputs: outputs))
            if let id { context.steps[id] = outputs }
            if result.status != 0 { context.failed = true }
            if id == last { break }
        }
        run.failed = context.failed
        run.summary = try String(contentsOf: runner.summary, encoding: .utf8)
        if last == nil {
            for pair in action["outputs"]?.pairs ?? [] {
                run.outputs[pair.key.scalar ?? ""] = try context.substitute(pair.value["value"]?.scalar ?? "")
            }
        }
        return run
    }

    /// `name=value` lines and `name<<DELIMITER` blocks of `$GITHUB_OUTPUT` or `$GITHUB_ENV`.
    static func commandFile(_ url: URL) throws -> [String: String] {
        var values: [String: String] = [:]
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            if line.isEmpty { continue }
            if let heredoc = line.range(of: "<<"), !line[..<heredoc.lowerBound].contains("=") {
                let delimiter = line[heredoc.upperBound...]
                var value: [Substring] = []
                while let next = lines.popFirst(), next != delimiter { value.append(next) }
                values[String(line[..<heredoc.lowerBound])] = value.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            } else {
                throw Failure("\(url.lastPathComponent): cannot read the line '\(line)'")
            }
        }
        return values
    }

    // MARK: The GitLab component

    /// The component's two documents: the `spec:` header and the pipeline configuration.
    static func loadComponent() throws -> (spec: YAMLNode, pipeline: YAMLNode) {
        let text = try String(contentsOf: ProjectFiles.url("templates/gitlab-ci.yml"), encoding: .utf8)
        let documents = try YAMLParser.parseAll(text, file: "templates/gitlab-ci.yml")
        try #require(documents.count == 2, "a spec header, ---, and the job")
        return (documents[0], documents[1])
    }

    /// The component's inputs with their defaults, overridden by `chosen` (each must be declared).
    static func componentInputs(_ spec: YAMLNode, _ chosen: [String: String]) throws -> [String: String] {
        var inputs: [String: String] = [:]
        for pair in spec["spec"]?["inputs"]?.pairs ?? [] {
            inputs[pair.key.scalar ?? ""] = pair.value["default"]?.scalar ?? ""
        }
        for (name, value) in chosen {
            guard inputs[name] != nil else { throw Failure("input \(name) is not declared in the component's spec") }
            inputs[name] = value
        }
        return inputs
    }

    /// `text` with every `$[[ inputs.NAME ]]` replaced by the input's value; anything else in `$[[ ]]` fails.
    static func interpolate(_ text: String, _ inputs: [String: String]) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "$[[") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "]]") else { throw Failure("unclosed $[[ in \(text)") }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard inner.hasPrefix("inputs."), let value = inputs[String(inner.dropFirst("inputs.".count))] else {
                throw Failure("unknown interpolation $[[ \(inner) ]]")
            }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Runs the job's `before_script` and `script` in one bash, as GitLab's runner does, in `projectDirectory`
    /// (CI_PROJECT_DIR), with the job's variables; `entries` picks some of the script entries instead.
    static func runComponentJob(inputs chosen: [String: String], projectDirectory: URL,
                                entries pick: ((String) -> Bool)? = nil) throws -> Shell.Result {
        let (spec, pipeline) = try loadComponent()
        let inputs = try componentInputs(spec, chosen)
        let job = try #require(pipeline["cdscan"])
        var environment = ["CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": projectDirectory.path]
        for pair in job["variables"]?.pairs ?? [] {
            environment[pair.key.scalar ?? ""] = try interpolate(pair.value.scalar ?? "", inputs)
        }
        let entries = (job["before_script"]?.stringList ?? []) + (job["script"]?.stringList ?? [])
        let script = try entries.filter { pick?($0) ?? true }.map { try interpolate($0, inputs) }.joined(separator: "\n")
        // The job's own temporary files (the unpacked cdscan) go where this test removes them.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-gitlab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        environment["TMPDIR"] = scratch.path
        let file = scratch.appendingPathComponent("job.sh")
        try Data(script.utf8).write(to: file)
        return try Shell.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", file.path],
                             environment: environment, path: [], in: projectDirectory)
    }
}

/// Runs a program with a clean CI environment: the test process's variables without any GitHub, GitLab or
/// runner ones it may itself run under, plus `environment`, with `path` before PATH.
enum Shell {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var log: String { stdout + stderr }
    }

    static func run(_ command: [String], environment extra: [String: String] = [:], path: [String] = [],
                    in directory: URL? = nil) throws -> Result {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !["GITHUB_", "RUNNER_", "CI_", "GITLAB_", "CDSCAN_"].contains { key.hasPrefix($0) } && key != "CI"
        }
        environment.merge(extra) { $1 }
        environment["PATH"] = (path + [environment["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")
        let run = try CDScanBinary.capture(URL(fileURLWithPath: "/usr/bin/env"), command, environment: environment, in: directory)
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    /// Runs a command that must succeed, e.g. `git clone`.
    @discardableResult
    static func check(_ command: [String], in directory: URL? = nil) throws -> Result {
        let result = try run(command, in: directory)
        guard result.status == 0 else { throw CIRunner.Failure("\(command.joined(separator: " ")): \(result.log)") }
        return result
    }
}

/// The release archive the action and the component install: `CDSCAN_ARCHIVE` (made by scripts/package)
/// when set, else one made once per test process from the built binary, in the same layout, with its
/// `.sha256` file in `sha256sum` format.
enum ReleaseArchive {
    struct Archive: Sendable {
        let url: URL
        let sha256: String
        let version: String
        var fileURL: String { url.absoluteString }
    }

    static func get() throws -> Archive { try shared.get() }

    private static let shared = Result<Archive, any Error> { try make() }

    /// Where the archive made here lives, removed when the test process exits.
    private static var temporaryDirectory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-archive-\(getpid())")
    }

    private static func make() throws -> Archive {
        let version = try CDScanBinary.version()
        let name = "cdscan-\(version)-linux-x86_64"
        let archive: URL
        if let given = ProcessInfo.processInfo.environment["CDSCAN_ARCHIVE"], !given.isEmpty {
            archive = URL(fileURLWithPath: given)
            guard archive.lastPathComponent == "\(name).tar.gz" else {
                throw CIRunner.Failure("CDSCAN_ARCHIVE is \(given), not the archive of cdscan \(version) (\(name).tar.gz)")
            }
        } else {
            let directory = temporaryDirectory
            try? FileManager.default.removeItem(at: directory)
            let bin = directory.appendingPathComponent(name).appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(at: ReleaseArchive.temporaryDirectory) }
            try FileManager.default.copyItem(at: CDScanBinary.url, to: bin.appendingPathComponent("cdscan"))
            try Shell.check(["tar", "-czf", "\(name).tar.gz", name], in: directory)
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            let sum = try Shell.check(["sha256sum", "\(name).tar.gz"], in: directory).stdout
            try Data(sum.utf8).write(to: directory.appendingPathComponent("\(name).tar.gz.sha256"))
            archive = directory.appendingPathComponent("\(name).tar.gz")
        }
        let checksum = try String(contentsOf: URL(fileURLWithPath: archive.path + ".sha256"), encoding: .utf8)
        let fields = checksum.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 2, fields[0].count == 64, fields[1].trimmingCharacters(in: .newlines) == archive.lastPathComponent else {
            throw CIRunner.Failure("\(archive.path).sha256 is not one `HASH  \(archive.lastPathComponent)` line: \(checksum)")
        }
        return Archive(url: archive, sha256: String(fields[0]), version: version)
    }
}
