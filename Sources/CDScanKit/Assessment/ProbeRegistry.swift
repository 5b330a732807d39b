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
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(file.text, file: file.path)
        } catch {
            throw error
        }
        guard let list = root?["probes"]?.items else {
            throw RuleError(file: file.path, mark: root?.mark, message: "expected a 'probes:' list")
        }
        var entries: [String: Entry] = [:]
        for item in list {
            guard let name = item["name"]?.string, let source = item["source"]?.string else {
                throw RuleError(file: file.path, mark: item.mark, message: "a probe needs a name and a source")
            }
            var values: [String: ValueType] = [:]
            for pair in item["values"]?.pairs ?? [] {
                guard let key = pair.key.string, let typeName = pair.value.string, let type = ValueType(rawValue: typeName) else {
                    throw RuleError(file: file.path, mark: pair.value.mark,
                                    message: "probe \(name): a value type must be bool, int, double, string or list")
                }
                values[key] = type
            }
            guard entries[name] == nil else {
                throw RuleError(file: file.path, mark: item.mark, message: "probe \(name) is listed twice")
            }
            entries[name] = Entry(name: name, source: source, question: item["question"]?.string ?? "", values: values)
        }
        return ProbeRegistry(entries: entries)
    }
}
