import YAMLReader

/// The CI catalogues of `Rules/catalogues/ci*.yml`, read into values: which files are pipelines of which
/// system, what commands mean, how environments are named, and which task runners pipelines call.
public struct PipelineCatalogue: Sendable {
    public struct System: Sendable, Hashable {
        public let id: String
        public let parser: String
        public let paths: [PathGlob]
        public let contains: [String]
        public let defaultTriggers: [TriggerKind]
        /// The system's own trigger words → what they mean.
        public let triggers: [String: TriggerKind]
        /// Paths the system's globs must match, and paths they must not (its `examples`, run as tests;
        /// `contains` is not part of them).
        public var matchingExamples: [String] = []
        public var ignoredExamples: [String] = []

        /// Whether the system's path globs take `path` (before any `contains` test).
        public func matchesPath(_ path: String) -> Bool {
            let split = GlobPath(path)
            return paths.contains { $0.matches(split) }
        }
    }

    public struct Command: Sendable, Hashable {
        public let tool: String
        public let kinds: [JobKind]
        public let match: [String]
        /// What else the tool says about the work, beyond its kinds (`infrastructure-check`, `creates-tag`).
        public let marks: [ToolMark]
    }

    /// Facts about a tool that probes ask for and job kinds do not carry.
    public enum ToolMark: String, Sendable, Hashable, CaseIterable {
        /// Checks infrastructure code (validate, plan, policy scans): the tests of a repository of IaC.
        case infrastructureCheck = "infrastructure-check"
        /// Applies infrastructure code to an environment (terraform apply): the delivery of an IaC repository.
        case infrastructureApply = "infrastructure-apply"
        /// Creates the release's version tag itself (a tag action, release-please, semantic-release).
        case createsTag = "creates-tag"
        /// Creates a release object, and with it the tag unless a pushed tag started the pipeline.
        case createsRelease = "creates-release"
        /// Starts a throw-away cluster inside the job (kind, minikube): what the job then deploys is a test.
        case throwawayEnvironment = "throwaway-environment"
    }

    public struct Environment: Sendable, Hashable {
        public let name: String
        public let rank: Int
        public let aliases: [String]
    }

    public struct Runner: Sendable, Hashable {
        public let id: String
        public let format: String
        public let invoke: [String]
        public let files: [String]
    }

    public var systems: [System] = []
    public var commands: [Command] = []
    public var jobNames: [JobKind: [String]] = [:]
    public var environments: [Environment] = []
    public var runners: [Runner] = []

    public init() {}

    /// The tools that carry each mark.
    public var toolMarks: [ToolMark: Set<String>] {
        var result: [ToolMark: Set<String>] = [:]
        for command in commands {
            for mark in command.marks { result[mark, default: []].insert(command.tool) }
        }
        return result
    }

    /// Reads every CI catalogue (`ci.yml`, `ci-*.yml`); a malformed file or entry is a problem
    /// (file:line:col) and the rest still counts.
    public static func load(_ files: [RuleSourceFile]) -> (PipelineCatalogue, [PipelineProblem]) {
        load(CatalogueStack(files: files))
    }

    /// The merged CI entries of the stack: a pack's system, command (by tool), environment (by name) or
    /// runner with an id already there replaces that entry; a pack's `job-names` list for a kind replaces
    /// that kind's words.
    public static func load(_ stack: CatalogueStack) -> (PipelineCatalogue, [PipelineProblem]) {
        var catalogue = PipelineCatalogue()
        var problems = stack.problems.filter { $0.kind == .ci }.map { PipelineProblem($0.error) }
        func each(_ section: String, _ read: (CatalogueReader, CatalogueItem) throws(YAMLError) -> Void) {
            for item in stack.items(.ci, section) {
                do {
                    try read(CatalogueReader(file: item.file), item)
                } catch {
                    problems.append(PipelineProblem(error))
                }
            }
        }
        each("systems") { (reader, item) throws(YAMLError) in catalogue.systems.append(try reader.system(item.node)) }
        each("commands") { (reader, item) throws(YAMLError) in catalogue.commands.append(try reader.command(item.node)) }
        each("job-names") { (reader, item) throws(YAMLError) in
            guard let text = item.key, let kind = JobKind(rawValue: text) else {
                throw reader.error(at: item.mark, "unknown job kind '\(item.key ?? "")' (\(JobKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            catalogue.jobNames[kind] = try reader.strings(item.node, "job-names.\(kind.rawValue)")
        }
        each("environments") { (reader, item) throws(YAMLError) in catalogue.environments.append(try reader.environment(item.node)) }
        each("runners") { (reader, item) throws(YAMLError) in catalogue.runners.append(try reader.runner(item.node)) }
        return (catalogue, problems.sorted())
    }
}

extension PipelineProblem {
    init(_ error: YAMLError) {
        self.init(file: error.file, line: error.mark?.line ?? 1, column: error.mark?.column ?? 1, message: error.message)
    }
}

/// Strict reading of catalogue entries: an unknown key or a wrong shape is an error with its position.
private struct CatalogueReader {
    let file: String

    func error(_ node: YAMLNode, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, message: message)
    }

    func error(at mark: YAMLMark, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: mark, message: message)
    }

    func mapping(_ node: YAMLNode, _ what: String) throws(YAMLError) -> [YAMLPair] {
        guard let pairs = node.pairs else { throw error(node, "\(what) must be a mapping, not \(node.kindName)") }
        return pairs
    }

    func list(_ node: YAMLNode, _ what: String) throws(YAMLError) -> [YAMLNode] {
        guard let items = node.items else { throw error(node, "\(what) must be a list, not \(node.kindName)") }
        return items
    }

    func string(_ node: YAMLNode, _ what: String) throws(YAMLError) -> String {
        guard let text = node.string, !text.isEmpty else { throw error(node, "\(what) must be a non-empty text") }
        return text
    }

    func strings(_ node: YAMLNode, _ what: String) throws(YAMLError) -> [String] {
        if node.isScalar { return [try string(node, what)] }
        var result: [String] = []
        for item in try list(node, what) { result.append(try string(item, what)) }
        return result
    }

    func jobKind(_ node: YAMLNode) throws(YAMLError) -> JobKind {
        guard let text = node.string, let kind = JobKind(rawValue: text) else {
            throw error(node, "unknown job kind '\(node.scalar ?? "")' (\(JobKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    func triggerKind(_ node: YAMLNode) throws(YAMLError) -> TriggerKind {
        guard let text = node.string, let kind = TriggerKind(rawValue: text) else {
            throw error(node, "unknown trigger '\(node.scalar ?? "")' (\(TriggerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    /// The entry's pairs, refusing keys it does not know and requiring the ones it must have.
    func fields(_ node: YAMLNode, _ what: String, allowed: Set<String>, required: Set<String>) throws(YAMLError) -> [String: YAMLNode] {
        var result: [String: YAMLNode] = [:]
        for pair in try mapping(node, what) {
            let key = pair.key.scalar ?? ""
            guard allowed.contains(key) else {
                throw error(pair.key, "unknown key '\(key)' in \(what) (\(allowed.sorted().joined(separator: ", ")))")
            }
            result[key] = pair.value
        }
        for key in required.sorted() where result[key] == nil {
            throw error(node, "\(what) needs '\(key)'")
        }
        return result
    }

    func system(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.System {
        let fields = try fields(node, "a system", allowed: ["id", "parser", "paths", "contains", "default-triggers", "triggers", "examples"],
                                required: ["id", "parser", "paths"])
        let parser = try string(fields["parser"]!, "parser")
        guard PipelineParsers.known.contains(parser) else {
            throw error(fields["parser"]!, "unknown parser '\(parser)' (\(PipelineParsers.known.sorted().joined(separator: ", ")))")
        }
        var triggers: [String: TriggerKind] = [:]
        if let node = fields["triggers"] {
            for pair in try mapping(node, "triggers") {
                triggers[try string(pair.key, "a trigger word")] = try triggerKind(pair.value)
            }
        }
        var defaults: [TriggerKind] = []
        if let node = fields["default-triggers"] {
            for item in try list(node, "default-triggers") { defaults.append(try triggerKind(item)) }
        }
        var matching: [String] = []
        var ignored: [String] = []
        if let node = fields["examples"] {
            let examples = try self.fields(node, "examples", allowed: ["matches", "ignores"], required: [])
            matching = try examples["matches"].map { (node) throws(YAMLError) in try strings(node, "matches") } ?? []
            ignored = try examples["ignores"].map { (node) throws(YAMLError) in try strings(node, "ignores") } ?? []
        }
        return .init(
            id: try string(fields["id"]!, "id"), parser: parser,
            paths: try strings(fields["paths"]!, "paths").map { PathGlob($0) },
            contains: try fields["contains"].map { (node) throws(YAMLError) in try strings(node, "contains") } ?? [],
            defaultTriggers: defaults, triggers: triggers, matchingExamples: matching, ignoredExamples: ignored)
    }

    func command(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.Command {
        let fields = try fields(node, "a command", allowed: ["tool", "kind", "kinds", "match", "marks"], required: ["tool", "match"])
        var kinds: [JobKind] = []
        if let kind = fields["kind"] { kinds.append(try jobKind(kind)) }
        if let list = fields["kinds"] { for item in try self.list(list, "kinds") { kinds.append(try jobKind(item)) } }
        guard !kinds.isEmpty else { throw error(node, "a command needs 'kind' or 'kinds'") }
        var marks: [PipelineCatalogue.ToolMark] = []
        if let list = fields["marks"] {
            for item in try self.list(list, "marks") {
                guard let text = item.string, let mark = PipelineCatalogue.ToolMark(rawValue: text) else {
                    throw error(item, "unknown mark '\(item.scalar ?? "")' (\(PipelineCatalogue.ToolMark.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                marks.append(mark)
            }
        }
        return .init(tool: try string(fields["tool"]!, "tool"), kinds: kinds,
                     match: try strings(fields["match"]!, "match").map { $0.lowercased() }, marks: marks)
    }

    func environment(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.Environment {
        let fields = try fields(node, "an environment", allowed: ["name", "rank", "aliases"], required: ["name", "rank", "aliases"])
        guard let rank = fields["rank"]!.int else { throw error(fields["rank"]!, "rank must be a whole number") }
        return .init(name: try string(fields["name"]!, "name"), rank: rank,
                     aliases: try strings(fields["aliases"]!, "aliases").map { $0.lowercased() })
    }

    func runner(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.Runner {
        let fields = try fields(node, "a runner", allowed: ["id", "format", "invoke", "files"], required: ["id", "format", "invoke", "files"])
        let format = try string(fields["format"]!, "format")
        guard TaskRunnerFormat(rawValue: format) != nil else {
            throw error(fields["format"]!, "unknown runner format '\(format)' (\(TaskRunnerFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return .init(id: try string(fields["id"]!, "id"), format: format,
                     invoke: try strings(fields["invoke"]!, "invoke"), files: try strings(fields["files"]!, "files"))
    }
}
