#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON with keys sorted by their UTF-8 bytes, the same bytes Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (and `.prettyPrinted` when `pretty`), at a fraction of its
/// cost: a batch or a timeline encodes a report per scan, and Foundation's encoder was a sixth of a
/// warm batch worker's time. `SortedJSONEncoderTests` holds the two encoders to the same bytes.
public struct SortedJSONEncoder: Sendable {
    public let pretty: Bool

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let node = try JSONNodeEncoder.node(for: value)
        var writer = JSONNodeWriter(pretty: pretty)
        writer.write(node, depth: 0)
        return writer.bytes
    }
}

/// Writes a `JSONNode` out: Foundation's layout (`"key" : value`, two spaces a level, an empty
/// container as an empty line when pretty) and its escapes (`\"`, `\\`, `\b \f \n \r \t`, other control
/// characters as `\u00xx`; slashes and everything else as they are).
struct JSONNodeWriter {
    let pretty: Bool
    var bytes: [UInt8] = []
    /// The last keys written for each key type, with their order.
    private var orders: [ObjectIdentifier: (keys: [String], order: [Int])] = [:]

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(1 << 16)
    }

    mutating func write(_ node: JSONNode, depth: Int) {
        switch node {
        case .literal(let text):
            bytes.append(contentsOf: text.utf8)
        case .string(let text):
            writeString(text)
        case .array(let array):
            writeArray(array.items, depth: depth)
        case .object(let object):
            writeObject(object, depth: depth)
        case .pending(let encoder):
            write(encoder.node ?? .object(JSONObjectNode()), depth: depth)
        }
    }

    private mutating func writeArray(_ items: [JSONNode], depth: Int) {
        bytes.append(UInt8(ascii: "["))
        guard !items.isEmpty else { return close(UInt8(ascii: "]"), empty: true, depth: depth) }
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth: depth + 1)
            write(item, depth: depth + 1)
        }
        close(UInt8(ascii: "]"), empty: false, depth: depth)
    }

    private mutating func writeObject(_ object: JSONObjectNode, depth: Int) {
        bytes.append(UInt8(ascii: "{"))
        let keys = object.keys
        guard !keys.isEmpty else { return close(UInt8(ascii: "}"), empty: true, depth: depth) }
        let order = writingOrder(of: object)
        var first = true
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, Self.compareBytes(keys[order[position + 1]], keys[index]) == 0 { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            newline(depth: depth + 1)
            writeString(keys[index])
            if pretty {
                bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
            } else {
                bytes.append(UInt8(ascii: ":"))
            }
            write(object.values[index], depth: depth + 1)
        }
        close(UInt8(ascii: "}"), empty: false, depth: depth)
    }

    /// The order to write an object's entries in: by key, then by encoding order, so that a key encoded
    /// twice keeps its last value. Worked out once for each key type and list of keys.
    private mutating func writingOrder(of object: JSONObjectNode) -> [Int] {
        let keys = object.keys
        if let type = object.keyType, let known = orders[type], known.keys == keys { return known.order }
        let order = keys.indices.sorted { left, right in
            let order = Self.compareBytes(keys[left], keys[right])
            return order == 0 ? left < right : order < 0
        }
        if let type = object.keyType { orders[type] = (keys, order) }
        return order
    }

    /// Compares two strings by their UTF-8 bytes (Foundation's order for sorted keys; `<` on `String`
    /// compares canonical equivalents as equal).
    private static func compareBytes(_ left: String, _ right: String) -> Int {
        var left = left, right = right
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let start = a.baseAddress, let other = b.baseAddress {
                    let order = memcmp(start, other, common)
                    if order != 0 { return Int(order) }
                }
                return a.count - b.count
            }
        }
    }

    private mutating func close(_ bracket: UInt8, empty: Bool, depth: Int) {
        if pretty {
            if empty { bytes.append(UInt8(ascii: "\n")) }
            newline(depth: depth)
        }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscape(of: byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(of byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }
}
