/// The part of ArgumentParser's `--experimental-dump-help` JSON (serialization version 0) the manual uses:
/// the command tree with each command's abstract, discussion and arguments.
struct ToolDump: Decodable {
    let serializationVersion: Int
    let command: CommandInfo
}

struct CommandInfo: Decodable {
    let commandName: String
    let abstract: String?
    let discussion: String?
    let shouldDisplay: Bool?
    let defaultSubcommand: String?
    let arguments: [ArgumentInfo]?
    let subcommands: [CommandInfo]?

    var isDisplayed: Bool { shouldDisplay ?? true }
}

struct ArgumentInfo: Decodable {
    enum Kind: String, Decodable {
        case positional, option, flag
    }

    struct Name: Decodable {
        enum Kind: String, Decodable {
            case long, short, longWithSingleDash
        }

        let kind: Kind
        let name: String

        /// `-f`, `--format`, `-format`.
        var spelled: String {
            switch kind {
            case .short, .longWithSingleDash: return "-" + name
            case .long: return "--" + name
            }
        }
    }

    let kind: Kind
    let names: [Name]?
    let valueName: String?
    let abstract: String?
    let discussion: String?
    let defaultValue: String?
    let isOptional: Bool?
    let isRepeating: Bool?
    let shouldDisplay: Bool?

    var isDisplayed: Bool { shouldDisplay ?? true }

    /// Short names first, then long ones, each once (ArgumentParser can list a name twice).
    var spelledNames: [String] {
        var seen: Set<String> = []
        let ordered = (names ?? []).filter { $0.kind == .short } + (names ?? []).filter { $0.kind != .short }
        return ordered.map(\.spelled).filter { seen.insert($0).inserted }
    }

    var isHelp: Bool { kind == .flag && (names ?? []).contains { $0.kind == .long && $0.name == "help" } }
}
