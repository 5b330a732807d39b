import Foundation

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Substring search on UTF-8 bytes. On Linux, Foundation's `String.contains(_:)` bridges both strings
/// to NSString and searches UTF-16 — the most expensive step of reading a large tree; a search over the
/// UTF-8 storage (memchr to each candidate first byte, then memcmp) is exact and cheap.
public enum ByteSearch {
    public static func contains(_ text: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = text
        return haystack.withUTF8 { contains($0, Array(needle.utf8)) }
    }

    /// A needle searched for in many texts, prepared once: its bytes and the one memchr runs to, its least
    /// common (`kubectl` or `helm` would otherwise stop at every `k` or `h` of a large file).
    public struct Needle: Sendable {
        let bytes: [UInt8]
        let anchor: Int

        public init(_ text: String) {
            bytes = Array(text.utf8)
            anchor = ByteSearch.rarestIndex(in: bytes)
        }

        fileprivate init(bytes: [UInt8], anchor: Int) {
            self.bytes = bytes
            self.anchor = anchor
        }
    }

    /// `text.contains(needle)` as Foundation answers it (a search by composed characters), by bytes when
    /// neither string holds anything but ASCII other than CR and LF: then the two searches cannot differ.
    /// (Foundation finds no empty needle.)
    static func foundationContains(_ text: String, _ needle: String) -> Bool {
        let plain = { (byte: UInt8) in byte < 0x80 && byte != 0x0D && byte != 0x0A }
        if !needle.isEmpty, needle.utf8.allSatisfy(plain), text.utf8.allSatisfy({ $0 < 0x80 }) {
            return contains(text, needle)
        }
        return text.range(of: needle) != nil
    }

    /// Whether `text` holds the bytes of `needle`.
    public static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        contains(text, Needle(bytes: needle, anchor: 0))
    }

    public static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: Needle) -> Bool {
        let anchor = needle.anchor
        guard !needle.bytes.isEmpty else { return true }
        guard let base = text.baseAddress, text.count >= needle.bytes.count else { return false }
        return needle.bytes.withUnsafeBufferPointer { wanted in
            let last = text.count - wanted.count
            var start = 0
            while start <= last {
                guard let found = memchr(base + start + anchor, Int32(wanted[anchor]), last - start + 1) else { return false }
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
                if memcmp(base + position, wanted.baseAddress!, wanted.count) == 0 { return true }
                start = position + 1
            }
            return false
        }
    }

    /// Whether `text` may hold `needle` (ASCII, lower-cased) in any ASCII case: true when it does, and
    /// whenever the text holds a non-ASCII byte, since a case-insensitive regex may fold other scalars
    /// (the Kelvin sign, the long s) onto ASCII letters.
    static func mayContainIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        let last = text.count - needle.count
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte >= 0x80 { return true }
            if index <= last, lowercased(byte) == first {
                var offset = 1
                while offset < needle.count, lowercased(text[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    @inline(__always) private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// The position of the byte of `needle` that is likely rarest in text and code (the first of equals).
    static func rarestIndex(in needle: [UInt8]) -> Int {
        var best = 0
        for index in needle.indices.dropFirst() where commonness(needle[index]) < commonness(needle[best]) { best = index }
        return best
    }

    /// A rough rank of how often a byte occurs in source and prose: lower is rarer.
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"): return 100
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return letterCommonness[Int(byte - UInt8(ascii: "a"))]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 20
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 25
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "\""),
             UInt8(ascii: "="), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","): return 40
        default: return 15
        }
    }

    /// English letter frequencies (`e` highest), scaled to 10…90.
    private static let letterCommonness: [Int] = {
        let order = Array("etaoinsrhldcumfpgwybvkxjqz".utf8)
        var ranks = [Int](repeating: 10, count: 26)
        for (rank, letter) in order.enumerated() { ranks[Int(letter - UInt8(ascii: "a"))] = 90 - rank * 3 }
        return ranks
    }()
}
