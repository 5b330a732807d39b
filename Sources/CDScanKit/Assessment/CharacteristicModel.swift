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
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(file.text, file: file.path)
        } catch {
            throw error
        }
        var entries: [Entry] = []
        for item in root?["characteristics"]?.items ?? [] {
            guard let id = item["id"]?.string, let level = item["level"]?.int,
                  let dimension = item["dimension"]?.string.flatMap(Dimension.init(rawValue:)),
                  let kind = item["kind"]?.string.flatMap(CharacteristicKind.init(rawValue:)),
                  let title = item["title"]?.string else {
                throw RuleError(file: file.path, mark: item.mark, message: "a characteristic needs id, level, dimension, kind and title")
            }
            entries.append(Entry(id: id, level: level, dimension: dimension, kind: kind, title: title))
        }
        return CharacteristicModel(entries: entries)
    }
}
