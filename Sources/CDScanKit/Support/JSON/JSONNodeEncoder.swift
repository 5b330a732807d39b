import Foundation

/// The `Encoder` behind `SortedJSONEncoder`: turns a value's `encode(to:)` calls into a `JSONNode`.
/// Values are written as Foundation's `JSONEncoder` writes them with its default strategies (the
/// same numbers, dates, data and URLs), so switching encoder changes no byte of cdscan's output.
final class JSONNodeEncoder: Encoder {
    /// Not tracked: cdscan's encoders never read it, and building it costs an array per level.
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value encoded; nil when it encoded nothing (written as an empty object, like Foundation).
    var node: JSONNode?

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObjectNode
        if case .object(let existing) = node {
            object = existing
            if existing.keyType != ObjectIdentifier(Key.self) { existing.keyType = nil }
        } else {
            object = JSONObjectNode(keyType: ObjectIdentifier(Key.self))
            node = .object(object)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(object: object))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let array: JSONArrayNode
        if case .array(let existing) = node {
            array = existing
        } else {
            array = JSONArrayNode()
            node = .array(array)
        }
        return JSONUnkeyedContainer(array: array)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }

    /// The node for any encodable value, with Foundation's default forms for the types it treats
    /// apart from their own `encode(to:)` (a `Date` encodes itself as Foundation's default does).
    static func node<T: Encodable>(for value: T) throws -> JSONNode {
        if T.self == String.self, let string = value as? String { return .string(string) }
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if T.self == Decimal.self, let decimal = value as? Decimal { return .literal(decimal.description) }
        let encoder = JSONNodeEncoder()
        try value.encode(to: encoder)
        return encoder.node ?? .object(JSONObjectNode())
    }

    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .literal(text)
    }

    static func number<I: BinaryInteger>(_ value: I) -> JSONNode {
        .literal(String(value))
    }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObjectNode
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { object.set(.null, for: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(value ? .true : .false, for: key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(.string(value), for: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.set(try JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: Float, forKey key: Key) throws { object.set(try JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(JSONNodeEncoder.number(value), for: key.stringValue) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(try JSONNodeEncoder.node(for: value), for: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectNode(keyType: ObjectIdentifier(NestedKey.self))
        object.set(.object(nested), for: key.stringValue)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONArrayNode()
        object.set(.array(nested), for: key.stringValue)
        return JSONUnkeyedContainer(array: nested)
    }

    mutating func superEncoder() -> Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named key: String) -> Encoder {
        let encoder = JSONNodeEncoder()
        object.set(.pending(encoder), for: key)
        return encoder
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArrayNode
    var codingPath: [CodingKey] { [] }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(value ? .true : .false) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(try JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { array.items.append(try JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int8) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int16) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int32) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int64) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: UInt) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: UInt8) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: UInt16) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: UInt32) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: UInt64) throws { array.items.append(JSONNodeEncoder.number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try JSONNodeEncoder.node(for: value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectNode(keyType: ObjectIdentifier(NestedKey.self))
        array.items.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONArrayNode()
        array.items.append(.array(nested))
        return JSONUnkeyedContainer(array: nested)
    }

    mutating func superEncoder() -> Encoder {
        let encoder = JSONNodeEncoder()
        array.items.append(.pending(encoder))
        return encoder
    }
}

private struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONNodeEncoder
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = value ? .true : .false }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.node = try JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Float) throws { encoder.node = try JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Int) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Int8) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Int16) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Int32) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Int64) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: UInt) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: UInt8) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: UInt16) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: UInt32) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode(_ value: UInt64) throws { encoder.node = JSONNodeEncoder.number(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try JSONNodeEncoder.node(for: value) }
}
