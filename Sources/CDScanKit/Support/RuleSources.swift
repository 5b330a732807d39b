/// Where a rule or catalogue file came from, as `cdscan rules list` reports it.
public enum RuleOrigin: Sendable, Hashable, CustomStringConvertible {
    case builtIn
    case pack(String)
    case config(String)

    public var description: String {
        switch self {
        case .builtIn: return "built in"
        case .pack(let directory): return "pack \(directory)"
        case .config(let file): return "config \(file)"
        }
    }
}

/// One YAML file of the rules: its path (relative to Rules/ for built-in ones), its text and origin.
public struct RuleSourceFile: Sendable, Hashable {
    public let path: String
    public let text: String
    public let origin: RuleOrigin

    public init(path: String, text: String, origin: RuleOrigin) {
        self.path = path
        self.text = text
        self.origin = origin
    }
}

/// The built-in Rules/ files, compiled into the binary.
public enum BuiltInRules {
    public static let files: [RuleSourceFile] = EmbeddedRules.files.map {
        RuleSourceFile(path: $0.path, text: $0.text, origin: .builtIn)
    }

    /// The built-in files under a folder of Rules/ (`catalogues/`), sorted by path.
    public static func files(under folder: String) -> [RuleSourceFile] {
        files.filter { $0.path.hasPrefix(folder) }
    }

    public static func file(_ path: String) -> RuleSourceFile? {
        files.first { $0.path == path }
    }
}
