/// A position in a YAML text, 1-based like an editor shows it.
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; a quoted "true" is a string, a plain true is a boolean.
public enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node of a parsed YAML document, with where it started.
public struct YAMLNode: Sendable, Hashable {
    /// Not `indirect`: the arrays already hold the children out of line, and a box per node (most of them
    /// scalars) was an allocation per node of every parse.
    public enum Content: Sendable, Hashable {
        case scalar(String, YAMLScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public let content: Content
    public let mark: YAMLMark
    /// The explicit tag, if the text gave one (`!Ref`, `!!str` …).
    public let tag: String?

    public init(content: Content, mark: YAMLMark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }
}

public struct YAMLPair: Sendable, Hashable {
    public let key: YAMLNode
    public let value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
