import CLibGit2

/// A SHA-1 object id held inline (no allocation), cheap to hash and compare.
public struct ObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    // 20 bytes as 8 + 8 + 4; the first word alone is a well-distributed hash.
    let high: UInt64
    let middle: UInt64
    let low: UInt32

    init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    init(_ oid: git_oid) {
        var copy = oid
        self = withUnsafeBytes(of: &copy.id) { ObjectID(rawBytes: $0) }
    }

    /// Reads 20 raw id bytes (as stored in a tree entry).
    init(rawBytes: UnsafeRawBufferPointer) {
        high = rawBytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        middle = rawBytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        low = rawBytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
    }

    /// Parses 40 hexadecimal digits; nil for anything else.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 40 else { return nil }
        guard let parsed = utf8.withUnsafeBytes({ ObjectID(hexBytes: $0) }) else { return nil }
        self = parsed
    }

    /// Parses 40 hexadecimal ASCII digits at the start of `bytes`.
    init?(hexBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 40 else { return nil }
        // Every commit header holds several ids: a table lookup per digit keeps this off the profile.
        var words: (UInt64, UInt64, UInt32) = (0, 0, 0)
        var invalid: UInt8 = 0
        withUnsafeMutableBytes(of: &words) { out in
            for index in 0..<20 {
                let hi = Self.hexValues[Int(bytes[index &* 2])]
                let lo = Self.hexValues[Int(bytes[index &* 2 &+ 1])]
                invalid |= (hi | lo) & 0x10
                out[index] = hi << 4 | (lo & 0x0F)
            }
        }
        guard invalid == 0 else { return nil }
        self.init(high: words.0, middle: words.1, low: words.2)
    }

    /// Digit values for '0'…'9', 'a'…'f', 'A'…'F'; 0x10 marks every other byte.
    private static let hexValues: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 48...57: return UInt8(byte - 48)
        case 97...102: return UInt8(byte - 87)
        case 65...70: return UInt8(byte - 55)
        default: return 0x10
        }
    }

    var gitOID: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { out in
            out.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
            out.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self)
            out.storeBytes(of: low, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    public var hex: String {
        var words = (high, middle, low)
        return withUnsafeBytes(of: &words) { raw in
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            var text = [UInt8](repeating: 0, count: 40)
            for index in 0..<20 {
                text[index * 2] = digits[Int(raw[index] >> 4)]
                text[index * 2 + 1] = digits[Int(raw[index] & 0x0F)]
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    public var description: String { hex }

    /// The id's first byte: its loose file's fan-out directory.
    var firstByte: UInt8 { withUnsafeBytes(of: high) { $0[0] } }

    /// The usual 7-digit abbreviation, for messages.
    public var short: String { String(hex.prefix(7)) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        // Byte order, as `hex` sorts: the words were loaded little-endian.
        (lhs.high.bigEndian, lhs.middle.bigEndian, lhs.low.bigEndian)
            < (rhs.high.bigEndian, rhs.middle.bigEndian, rhs.low.bigEndian)
    }
}
