/// Typed reads of one scalar node by itself, for values that sit in a list or are judged by the caller
/// (a comparison's bound, a list item), in the same wording as the keyed reads: `name` is what the
/// message calls the value.
extension YAMLMapReader {
    /// A non-empty string.
    public static func string(_ value: YAMLNode, named name: String, file: String) throws(YAMLError) -> String {
        guard value.isScalar, let text = value.string, !text.isEmpty else {
            throw .wrongType(name, value, expected: "a non-empty string", file: file)
        }
        return text
    }

    public static func int(_ value: YAMLNode, named name: String, file: String) throws(YAMLError) -> Int {
        guard let number = value.int else { throw .wrongType(name, value, expected: "a whole number", file: file) }
        return number
    }

    public static func double(_ value: YAMLNode, named name: String, file: String) throws(YAMLError) -> Double {
        guard let number = value.double else { throw .wrongType(name, value, expected: "a number", file: file) }
        return number
    }

    public static func bool(_ value: YAMLNode, named name: String, file: String) throws(YAMLError) -> Bool {
        guard let flag = value.bool else { throw .wrongType(name, value, expected: "true or false", file: file) }
        return flag
    }
}
