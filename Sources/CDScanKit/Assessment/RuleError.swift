import YAMLReader

/// A rule, rule pack or configuration that cannot be used, with where: `file:line:col: message`. The same
/// type as YAML's own errors, so a parse error passes through unchanged.
public typealias RuleError = YAMLError

/// Several rule errors at once: validation reports every problem it finds, not just the first.
public struct RuleErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [RuleError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
