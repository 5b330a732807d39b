import YAMLReader

/// The model's 42 characteristics as `Rules/model.yml` states them: the facts each rule must agree with.
public struct CharacteristicModel: Sendable {
    public struct Entry: Sendable, Hashable {
        public let id: String
        public let level: Int
        public let dimension: Dimension
        public let kind: CharacteristicKind
        public let title: String
    }

    public let entries: [Entry]

    public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }

    public static let builtIn: CharacteristicModel = {
        guard let file = BuiltInRules.file("model.yml") else { return CharacteristicModel(entries: []) }
        return (try? load(file)) ?? CharacteristicModel(entries: [])
    }()

    public static func load(_ file: RuleSourceFile) throws(RuleError) -> CharacteristicModel {
        guard let root = try YAMLParser.parse(file.text, file: file.path) else { return CharacteristicModel(entries: []) }
        var top = try YAMLMapReader(root, file: file.path, context: "the model")
        top.allow("levels")
        var entries: [Entry] = []
        for var item in try top.maps("characteristics", context: "a characteristic") ?? [] {
            let id = try item.requiredString("id")
            let level = try item.requiredInt("level")
            let dimensionText = try item.requiredString("dimension")
            guard let dimension = Dimension(rawValue: dimensionText) else {
                throw RuleError.wrongType("dimension", item.node["dimension"]!, expected: "people, process or tech", file: file.path)
            }
            let kindText = try item.requiredString("kind")
            guard let kind = CharacteristicKind(rawValue: kindText) else {
                throw RuleError.wrongType("kind", item.node["kind"]!, expected: "capability or deficit", file: file.path)
            }
            let title = try item.requiredString("title")
            try item.rejectUnknownKeys()
            entries.append(Entry(id: id, level: level, dimension: dimension, kind: kind, title: title))
        }
        try top.rejectUnknownKeys()
        return CharacteristicModel(entries: entries)
    }
}
