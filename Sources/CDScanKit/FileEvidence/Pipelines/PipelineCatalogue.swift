import YAMLReader

/// The CI catalogues (`kind: ci` files of `Rules/catalogues/` and packs), read into values: which files are pipelines of which
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

    /// Reads every CI catalogue (`kind: ci`); a malformed file or entry is a problem
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

/// Reading of CI catalogue entries through `YAMLMapReader`: an unknown key or a wrong shape is an error
/// with its position.
private struct CatalogueReader {
    let file: String

    func error(at mark: YAMLMark, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: mark, message: message)
    }

    func strings(_ node: YAMLNode, _ what: String) throws(YAMLError) -> [String] {
        try YAMLMapReader.strings(node, named: what, file: file)
    }

    func jobKind(_ node: YAMLNode) throws(YAMLError) -> JobKind {
        guard let text = node.string, let kind = JobKind(rawValue: text) else {
            throw error(at: node.mark, "unknown job kind '\(node.scalar ?? "")' (\(JobKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    func triggerKind(_ node: YAMLNode) throws(YAMLError) -> TriggerKind {
        guard let text = node.string, let kind = TriggerKind(rawValue: text) else {
            throw error(at: node.mark, "unknown trigger '\(node.scalar ?? "")' (\(TriggerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    func system(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.System {
        var map = try YAMLMapReader(node, file: file, context: "a system")
        let id = try map.requiredString("id")
        let parserNode = try map.requiredNode("parser")
        let parser = try map.requiredString("parser")
        guard PipelineParsers.known.contains(parser) else {
            throw error(at: parserNode.mark, "unknown parser '\(parser)' (\(PipelineParsers.known.sorted().joined(separator: ", ")))")
        }
        let paths = try map.requiredStrings("paths").map { PathGlob($0) }
        let contains = try map.strings("contains") ?? []
        var triggers: [String: TriggerKind] = [:]
        if let triggerMap = try map.map("triggers") {
            for pair in triggerMap.node.pairs ?? [] {
                guard let word = pair.key.string, !word.isEmpty else {
                    throw .wrongType("a trigger word", pair.key, expected: "a non-empty string", file: file)
                }
                triggers[word] = try triggerKind(pair.value)
            }
        }
        var defaults: [TriggerKind] = []
        for item in try map.list("default-triggers", of: "triggers") ?? [] { defaults.append(try triggerKind(item)) }
        var matching: [String] = []
        var ignored: [String] = []
        if var examples = try map.map("examples", context: "examples") {
            matching = try examples.strings("matches") ?? []
            ignored = try examples.strings("ignores") ?? []
            try examples.rejectUnknownKeys()
        }
        try map.rejectUnknownKeys()
        return .init(id: id, parser: parser, paths: paths, contains: contains, defaultTriggers: defaults, triggers: triggers,
                     matchingExamples: matching, ignoredExamples: ignored)
    }

    func command(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.Command {
        var map = try YAMLMapReader(node, file: file, context: "a command")
        let tool = try map.requiredString("tool")
        var kinds: [JobKind] = []
        if let kind = map.node("kind") { kinds.append(try jobKind(kind)) }
        for item in try map.list("kinds", of: "job kinds") ?? [] { kinds.append(try jobKind(item)) }
        guard !kinds.isEmpty else { throw error(at: node.mark, "a command needs 'kind' or 'kinds'") }
        let match = try map.requiredStrings("match").map { $0.lowercased() }
        var marks: [PipelineCatalogue.ToolMark] = []
        for item in try map.list("marks", of: "marks") ?? [] {
            guard let text = item.string, let mark = PipelineCatalogue.ToolMark(rawValue: text) else {
                throw error(at: item.mark, "unknown mark '\(item.scalar ?? "")' (\(PipelineCatalogue.ToolMark.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            marks.append(mark)
        }
        try map.rejectUnknownKeys()
        return .init(tool: tool, kinds: kinds, match: match, marks: marks)
    }

    func environment(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.Environment {
        var map = try YAMLMapReader(node, file: file, context: "an environment")
        let environment = PipelineCatalogue.Environment(
            name: try map.requiredString("name"), rank: try map.requiredInt("rank"),
            aliases: try map.requiredStrings("aliases").map { $0.lowercased() })
        try map.rejectUnknownKeys()
        return environment
    }

    func runner(_ node: YAMLNode) throws(YAMLError) -> PipelineCatalogue.Runner {
        var map = try YAMLMapReader(node, file: file, context: "a runner")
        let id = try map.requiredString("id")
        let formatNode = try map.requiredNode("format")
        let format = try map.requiredString("format")
        guard TaskRunnerFormat(rawValue: format) != nil else {
            throw error(at: formatNode.mark, "unknown runner format '\(format)' (\(TaskRunnerFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let runner = PipelineCatalogue.Runner(id: id, format: format, invoke: try map.requiredStrings("invoke"), files: try map.requiredStrings("files"))
        try map.rejectUnknownKeys()
        return runner
    }
}
