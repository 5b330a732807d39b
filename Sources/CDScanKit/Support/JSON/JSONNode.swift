/// A JSON value as `SortedJSONEncoder` builds it: scalars already in their written form, containers by
/// reference so that a container handed out by the `Encoder` API can still be filled after it was
/// placed in its parent.
enum JSONNode {
    /// A number, `true`, `false` or `null`, written as it is.
    case literal(String)
    case string(String)
    case array(JSONArrayNode)
    case object(JSONObjectNode)
    /// What an encoder handed out by `superEncoder()` will hold once its value encoded itself.
    case pending(JSONNodeEncoder)

    static var null: JSONNode { .literal("null") }
    static var `true`: JSONNode { .literal("true") }
    static var `false`: JSONNode { .literal("false") }
}

final class JSONArrayNode {
    var items: [JSONNode] = []
}

/// Keys in the order they were encoded; written sorted by their UTF-8 bytes, a key encoded twice
/// keeping its last value (as Foundation's encoder does).
final class JSONObjectNode {
    var keys: [String] = []
    var values: [JSONNode] = []
    /// The `CodingKey` type its container was made for: objects of one type mostly have the same keys in
    /// the same order, so the writer sorts them once per type.
    var keyType: ObjectIdentifier?

    init(keyType: ObjectIdentifier? = nil) {
        self.keyType = keyType
        // Most of a report's objects have a handful of keys: room for them at once, not grown four times.
        keys.reserveCapacity(8)
        values.reserveCapacity(8)
    }

    func set(_ value: JSONNode, for key: String) {
        keys.append(key)
        values.append(value)
    }
}
