/// The one wording of decoding errors, shared by `YAMLMapReader` and by readers that judge a node
/// themselves, so that every YAML file cdscan reads fails the same way: `file:line:col: message`.
extension YAMLError {
    /// `unknown key 'x' (expected one of: a, b)`, at the key.
    public static func unknownKey(_ key: YAMLNode, in context: String? = nil, allowed: [String], file: String) -> YAMLError {
        let name = key.scalar ?? key.kindName
        let place = context.map { " in \($0)" } ?? ""
        return YAMLError(file: file, mark: key.mark,
                         message: "unknown key '\(name)'\(place) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
    }

    /// `missing key 'x'`, at the mapping that lacks it.
    public static func missingKey(_ key: String, in mapping: YAMLNode, context: String? = nil, file: String) -> YAMLError {
        let place = context.map { " in \($0)" } ?? ""
        return YAMLError(file: file, mark: mapping.mark, message: "missing key '\(key)'\(place)")
    }

    /// `'x' must be a whole number, found 'ten'`, at the value.
    public static func wrongType(_ name: String, _ value: YAMLNode, expected: String, file: String) -> YAMLError {
        YAMLError(file: file, mark: value.mark, message: "'\(name)' must be \(expected), found \(value.foundName)")
    }
}

extension YAMLNode {
    /// What a value is, as a type error names it: a scalar's text, or the shape of a collection.
    var foundName: String {
        if isNull { return "nothing" }
        if let scalar { return "'\(scalar.count > 40 ? scalar.prefix(40) + "…" : Substring(scalar))'" }
        return kindName
    }
}
