/// Typed access in the YAML 1.2 core-schema sense: plain scalars resolve to null, booleans and numbers,
/// quoted ones stay strings.
extension YAMLNode {
    /// The scalar text, whatever its style; nil for collections.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The scalar text unless it is a plain null (`~`, `null`, empty).
    public var string: String? {
        guard case .scalar(let text, let style) = content else { return nil }
        if style == .plain, tag == nil, Self.nullWords.contains(text) { return nil }
        return text
    }

    public var isNull: Bool {
        guard case .scalar(let text, let style) = content else { return false }
        return style == .plain && tag == nil && Self.nullWords.contains(text)
    }

    public var bool: Bool? {
        guard case .scalar(let text, .plain) = content else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    public var int: Int? {
        guard case .scalar(let text, .plain) = content else { return nil }
        return Int(text.replacingUnderscores())
    }

    public var double: Double? {
        guard case .scalar(let text, .plain) = content else { return nil }
        return Double(text.replacingUnderscores())
    }

    public var items: [YAMLNode]? {
        if case .sequence(let nodes) = content { return nodes }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var isMapping: Bool { pairs != nil }
    public var isSequence: Bool { items != nil }
    public var isScalar: Bool { scalar != nil }

    /// The value under a scalar key of a mapping (the first one, should the text repeat a key).
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar == key }?.value
    }

    /// The keys of a mapping, in document order.
    public var keys: [String] {
        pairs?.compactMap { $0.key.scalar } ?? []
    }

    /// A string, or each string of a sequence of strings: the common "one or many" YAML shape.
    public var stringList: [String] {
        if let items { return items.compactMap(\.string) }
        if let string { return [string] }
        return []
    }

    /// A short name for the node's shape, for error messages.
    public var kindName: String {
        switch content {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
