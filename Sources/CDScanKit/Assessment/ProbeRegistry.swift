import YAMLReader

/// The probes rules may refer to, with their values and types, read from `Rules/probes.yml`.
public struct ProbeRegistry: Sendable {
    public enum ValueType: String, Sendable, Hashable {
        case bool, int, double, string, list

        var isNumeric: Bool { self == .bool || self == .int || self == .double }
    }

    public struct Entry: Sendable, Hashable {
        public let name: String
        public let source: String
        public let question: String
        public let values: [String: ValueType]
        /// Set for a probe that is data only: a `PresenceProbe` built from this declaration.
        public let presence: PresenceDeclaration?
    }

    public let entries: [String: Entry]

    public static let builtIn: ProbeRegistry = {
        guard let file = BuiltInRules.file("probes.yml") else { return ProbeRegistry(entries: [:]) }
        // The built-in registry is tested; should it ever fail to parse, rules simply find no probes.
        return (try? load(file)) ?? ProbeRegistry(entries: [:])
    }()

    init(entries: [String: Entry]) {
        self.entries = entries
    }

    public static func load(_ file: RuleSourceFile) throws(RuleError) -> ProbeRegistry {
        guard let root = try YAMLParser.parse(file.text, file: file.path) else {
            throw RuleError(file: file.path, mark: nil, message: "missing key 'probes'")
        }
        var top = try YAMLMapReader(root, file: file.path, context: "the probe registry")
        var entries: [String: Entry] = [:]
        for var item in try top.requiredMaps("probes", context: "a probe") {
            let name = try item.requiredString("name")
            let source = try item.requiredString("source")
            let question = try item.string("question") ?? ""
            var values: [String: ValueType] = [:]
            if let valueMap = try item.map("values") {
                for pair in valueMap.node.pairs ?? [] {
                    guard let key = pair.key.string, let typeName = pair.value.string, let type = ValueType(rawValue: typeName) else {
                        throw RuleError.wrongType("values.\(pair.key.scalar ?? "?")", pair.value, expected: "bool, int, double, string or list", file: file.path)
                    }
                    values[key] = type
                }
            }
            let presence = try PresenceDeclaration.read(&item, values: values)
            if presence != nil, source != "files" {
                throw RuleError(file: file.path, mark: item.node.mark, message: "probe \(name) is a presence probe, so its source must be files")
            }
            try item.rejectUnknownKeys()
            guard entries[name] == nil else {
                throw RuleError(file: file.path, mark: item.node.mark, message: "probe \(name) is listed twice")
            }
            entries[name] = Entry(name: name, source: source, question: question, values: values, presence: presence)
        }
        try top.rejectUnknownKeys()
        return ProbeRegistry(entries: entries)
    }
}
