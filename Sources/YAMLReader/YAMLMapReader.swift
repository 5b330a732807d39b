/// Strict, typed reading of one YAML mapping. Values are handed out by key; every key asked for (or
/// `allow`ed) is remembered, and `rejectUnknownKeys()` fails on the first key the mapping holds that no
/// one asked for, listing the keys that are allowed. A value of the wrong shape, a required key that is
/// missing and an unknown key are each a `YAMLError` with the file, line and column, in one wording.
///
/// A plain null (`key:`, `key: ~`) reads as absent.
public struct YAMLMapReader: Sendable {
    public let file: String
    public let node: YAMLNode
    /// What the mapping is, for messages (`a suppression`); nil names nothing.
    public let context: String?
    private let pairs: [YAMLPair]
    private var known = YAMLKnownKeys()

    /// Fails when `node` is not a mapping.
    public init(_ node: YAMLNode, file: String, context: String? = nil) throws(YAMLError) {
        guard let pairs = node.pairs else {
            let what = context ?? "the value"
            throw YAMLError(file: file, mark: node.mark, message: "\(what) must be a mapping, found \(node.foundName)")
        }
        self.file = file
        self.node = node
        self.context = context
        self.pairs = pairs
    }

    /// The keys the mapping holds, in document order.
    public var keys: [String] { pairs.compactMap { $0.key.scalar } }

    /// Where `key` itself is written, for a message about the key (an id the caller does not know).
    public func keyMark(_ key: String) -> YAMLMark? { pairs.first { $0.key.scalar == key }?.key.mark }

    /// Whether the mapping holds `key` (even with a null value); does not count as reading it.
    public func contains(_ key: String) -> Bool { pairs.contains { $0.key.scalar == key } }

    /// Marks keys as allowed without reading them (keys read only on some paths, or read elsewhere).
    public mutating func allow(_ keys: String...) { allow(contentsOf: keys) }

    /// The same for a list of keys (a reader's whole vocabulary at once).
    public mutating func allow(contentsOf keys: [String]) {
        known.insert(contentsOf: keys)
    }

    /// An error at `node` of this file, in the reader's wording.
    public func error(_ node: YAMLNode, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, message: message)
    }

    // MARK: - Raw nodes

    /// The value under `key`, nil when absent or null.
    public mutating func node(_ key: String) -> YAMLNode? {
        known.insert(key)
        guard let value = pairs.first(where: { $0.key.scalar == key })?.value, !value.isNull else { return nil }
        return value
    }

    public mutating func requiredNode(_ key: String) throws(YAMLError) -> YAMLNode {
        guard let value = node(key) else { throw .missingKey(key, in: node, context: context, file: file) }
        return value
    }

    // MARK: - Scalars

    /// A non-empty string.
    public mutating func string(_ key: String) throws(YAMLError) -> String? {
        try node(key).map { value throws(YAMLError) in try Self.string(value, named: key, file: file) }
    }

    public mutating func requiredString(_ key: String) throws(YAMLError) -> String {
        guard let text = try string(key) else { throw .missingKey(key, in: node, context: context, file: file) }
        return text
    }

    public mutating func int(_ key: String) throws(YAMLError) -> Int? {
        try node(key).map { value throws(YAMLError) in try Self.int(value, named: key, file: file) }
    }

    public mutating func requiredInt(_ key: String) throws(YAMLError) -> Int {
        guard let number = try int(key) else { throw .missingKey(key, in: node, context: context, file: file) }
        return number
    }

    public mutating func double(_ key: String) throws(YAMLError) -> Double? {
        try node(key).map { value throws(YAMLError) in try Self.double(value, named: key, file: file) }
    }

    public mutating func requiredDouble(_ key: String) throws(YAMLError) -> Double {
        guard let number = try double(key) else { throw .missingKey(key, in: node, context: context, file: file) }
        return number
    }

    public mutating func bool(_ key: String) throws(YAMLError) -> Bool? {
        try node(key).map { value throws(YAMLError) in try Self.bool(value, named: key, file: file) }
    }

    public mutating func requiredBool(_ key: String) throws(YAMLError) -> Bool {
        guard let flag = try bool(key) else { throw .missingKey(key, in: node, context: context, file: file) }
        return flag
    }

    /// A word from a fixed set (`people`, `process`, `tech`); `expected` names the set for the message.
    public mutating func word<Word: RawRepresentable<String>>(_ key: String, as _: Word.Type = Word.self, expected: String) throws(YAMLError) -> Word? {
        guard let value = node(key) else { return nil }
        guard let word = value.scalar.flatMap(Word.init(rawValue:)) else {
            throw .wrongType(key, value, expected: expected, file: file)
        }
        return word
    }

    public mutating func requiredWord<Word: RawRepresentable<String>>(_ key: String, as _: Word.Type = Word.self, expected: String) throws(YAMLError) -> Word {
        guard let word: Word = try word(key, expected: expected) else { throw .missingKey(key, in: node, context: context, file: file) }
        return word
    }

    // MARK: - Collections

    /// A string or a list of non-empty strings (the common "one or many" shape).
    public mutating func strings(_ key: String) throws(YAMLError) -> [String]? {
        guard let value = node(key) else { return nil }
        return try Self.strings(value, named: key, file: file)
    }

    public mutating func requiredStrings(_ key: String) throws(YAMLError) -> [String] {
        guard let list = try strings(key) else { throw .missingKey(key, in: node, context: context, file: file) }
        return list
    }

    /// A list of any items (each read by the caller); `what` names the items for the message.
    public mutating func list(_ key: String, of what: String) throws(YAMLError) -> [YAMLNode]? {
        guard let value = node(key) else { return nil }
        guard let items = value.items else { throw .wrongType(key, value, expected: "a list of \(what)", file: file) }
        return items
    }

    /// A single value or a list of values, each handed out as its node (the "one or many" shape).
    public mutating func oneOrMany(_ key: String) -> [YAMLNode]? {
        node(key).map { $0.items ?? [$0] }
    }

    /// A non-empty list of any items (each read by the caller); `what` names the items for the message.
    public mutating func nonEmptyList(_ key: String, of what: String) throws(YAMLError) -> [YAMLNode]? {
        guard let value = node(key) else { return nil }
        guard let items = value.items, !items.isEmpty else {
            throw .wrongType(key, value, expected: "a non-empty list of \(what)", file: file)
        }
        return items
    }

    public mutating func requiredNonEmptyList(_ key: String, of what: String) throws(YAMLError) -> [YAMLNode] {
        guard let items = try nonEmptyList(key, of: what) else { throw .missingKey(key, in: node, context: context, file: file) }
        return items
    }

    /// A nested mapping, read strictly in its turn (its caller checks its keys).
    public mutating func map(_ key: String, context: String? = nil) throws(YAMLError) -> YAMLMapReader? {
        guard let value = node(key) else { return nil }
        guard value.isMapping else { throw .wrongType(key, value, expected: "a mapping", file: file) }
        return try YAMLMapReader(value, file: file, context: context ?? "'\(key)'")
    }

    public mutating func requiredMap(_ key: String, context: String? = nil) throws(YAMLError) -> YAMLMapReader {
        guard let map = try map(key, context: context) else { throw .missingKey(key, in: node, context: self.context, file: file) }
        return map
    }

    /// A list whose every item is a mapping.
    public mutating func maps(_ key: String, context: String? = nil) throws(YAMLError) -> [YAMLMapReader]? {
        guard let value = node(key) else { return nil }
        guard let items = value.items else { throw .wrongType(key, value, expected: "a list of mappings", file: file) }
        var readers: [YAMLMapReader] = []
        for item in items {
            guard item.isMapping else { throw .wrongType(key, item, expected: "a list of mappings", file: file) }
            readers.append(try YAMLMapReader(item, file: file, context: context))
        }
        return readers
    }

    public mutating func requiredMaps(_ key: String, context: String? = nil) throws(YAMLError) -> [YAMLMapReader] {
        guard let list = try maps(key, context: context) else { throw .missingKey(key, in: node, context: self.context, file: file) }
        return list
    }

    // MARK: - Unknown keys

    /// One error per key that was neither read nor allowed, in document order.
    public func unknownKeyErrors() -> [YAMLError] {
        let unknown = pairs.filter { !known.contains($0.key.scalar ?? "") }
        guard !unknown.isEmpty else { return [] }
        let allowed = known.sorted
        return unknown.map { .unknownKey($0.key, in: context, allowed: allowed, file: file) }
    }

    /// Fails on the first key that was neither read nor allowed.
    public func rejectUnknownKeys() throws(YAMLError) {
        if let first = unknownKeyErrors().first { throw first }
    }

    /// A string or a list of non-empty strings, for a value that is not under a reader's key.
    public static func strings(_ value: YAMLNode, named name: String, file: String) throws(YAMLError) -> [String] {
        if value.isNull { return [] }
        let items = value.items ?? [value]
        var result: [String] = []
        for item in items {
            guard item.isScalar, let text = item.string, !text.isEmpty else {
                throw .wrongType(name, item, expected: value.isSequence ? "a list of non-empty strings" : "a string or a list of strings", file: file)
            }
            result.append(text)
        }
        return result
    }
}
