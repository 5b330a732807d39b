import YAMLReader

/// A rule, rule pack or configuration that cannot be used, with where: `file:line:col: message`.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let mark: YAMLMark?
    public let message: String

    public init(file: String, mark: YAMLMark?, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    init(_ error: YAMLError) {
        self.init(file: error.file, mark: error.mark, message: error.message)
    }

    public var description: String {
        if let mark { return "\(file):\(mark.line):\(mark.column): \(message)" }
        return "\(file): \(message)"
    }
}

/// Several rule errors at once: validation reports every problem it finds, not just the first.
public struct RuleErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [RuleError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
