import Foundation
import FixtureKit
import Testing
@testable import CDScanKit

/// cdscan's JSON encoder must write the very bytes Foundation's `JSONEncoder` writes with sorted keys
/// and unescaped slashes, pretty or compact: reports, stored scans and their digests depend on them.
@Suite struct SortedJSONEncoderTests {
    private func foundation<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    private func expectSameBytes<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for pretty in [true, false] {
            let ours = try SortedJSONEncoder(pretty: pretty).encode(value)
            let theirs = try foundation(value, pretty: pretty)
            #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self),
                    "pretty: \(pretty)", sourceLocation: sourceLocation)
        }
    }

    private struct Sample: Encodable {
        var empties: [String: [Int]] = ["object": [], "also": []]
        var emptyObject: [String: Int] = [:]
        var nothing: String? = nil
        var nulls: [String?] = [nil, "x", nil]
        var keys: [String: Int] = ["é": 1, "a": 2, "B": 3, "aa": 4, "a10": 5, "a2": 6, "_": 7, "e\u{301}x": 8, "\u{1F600}": 9, "": 10]
        var byNumber: [Int: String] = [10: "ten", 2: "two", -1: "minus one"]
        var doubles: [Double] = [0, -0.0, 0.1, 1, 1e15, 1e16, 1e20, 1e21, 1e-7, 1e-6, 3.14159, 123456789012345678,
                                 .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.5e300, 12345.678, 2.5e-5, 100, -42.5]
        var floats: [Float] = [0.1, 1, 3.4e38, 1e-10, 16777216]
        var integers: [Int64] = [.min, .max, 0, -1]
        var unsigned: [UInt64] = [.max, 0]
        var small: [Int8] = [-128, 127]
        var flags = [true, false]
        var text = "q\"\\/\u{7f}é\u{2028}\u{1F600}x" + String((0..<32).map { Character(Unicode.Scalar($0)) })
        var date = Date(timeIntervalSinceReferenceDate: 123_456.789)
        var data = Data([0, 1, 2, 250, 251, 252, 253])
        var url = URL(string: "https://example.com/a path?q=1")
        var decimal = Decimal(string: "12.340")!
        var nested = [["inner": [["deep": [1, 2]]]]]
    }

    @Test func writesFoundationsBytesForEveryKindOfValue() throws {
        try expectSameBytes(Sample())
        try expectSameBytes("top-level string/with slash")
        try expectSameBytes(42)
        try expectSameBytes([Int]())
        try expectSameBytes([String: Int]())
    }

    /// A value written by hand through every container the `Encoder` API offers.
    private struct HandWritten: Encodable {
        enum Key: String, CodingKey { case z, a, repeated, list, parent }
        func encode(to encoder: Encoder) throws {
            var keyed = encoder.container(keyedBy: Key.self)
            try keyed.encode(1, forKey: .z)
            try keyed.encode("first", forKey: .repeated)
            try keyed.encode("last", forKey: .repeated)
            var nested = keyed.nestedContainer(keyedBy: Key.self, forKey: .a)
            try nested.encodeNil(forKey: .z)
            var list = keyed.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1.5)
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encode(true, forKey: .a)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encodeNil()
            try Sample().nulls.encode(to: list.superEncoder())
            try "parent".encode(to: keyed.superEncoder())
            try 7.encode(to: keyed.superEncoder(forKey: .parent))
            // A second container of the same encoder adds to the first.
            var again = encoder.container(keyedBy: Key.self)
            try again.encode(false, forKey: .a)
        }
    }

    @Test func writesFoundationsBytesForHandWrittenContainers() throws {
        try expectSameBytes(HandWritten())
        try expectSameBytes([HandWritten(), HandWritten()])
    }

    @Test func refusesWhatJSONCannotHoldAsFoundationDoes() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try SortedJSONEncoder(pretty: true).encode([value]) }
            #expect(throws: EncodingError.self) { try foundation([value], pretty: true) }
        }
    }

    /// Trees drawn from a fixed seed: objects, arrays, strings from an alphabet of awkward characters,
    /// numbers of every size.
    private indirect enum Tree: Encodable {
        case object([String: Tree])
        case array([Tree])
        case text(String)
        case integer(Int)
        case real(Double)
        case flag(Bool)
        case none

        func encode(to encoder: Encoder) throws {
            var single = encoder.singleValueContainer()
            switch self {
            case .object(let members): try single.encode(members)
            case .array(let items): try single.encode(items)
            case .text(let text): try single.encode(text)
            case .integer(let number): try single.encode(number)
            case .real(let number): try single.encode(number)
            case .flag(let flag): try single.encode(flag)
            case .none: try single.encodeNil()
            }
        }
    }

    private func tree(depth: Int, _ random: inout SeededGenerator) -> Tree {
        let alphabet: [Character] = ["a", "B", "z", "0", "9", "_", "-", "/", "\\", "\"", " ", "\n", "\t", "\u{1}", "\u{1f}",
                                     "é", "e\u{301}", "ß", "\u{2028}", "\u{1F600}", "中"]
        func text() -> String { String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        switch Int.random(in: depth > 3 ? 2...6 : 0...6, using: &random) {
        case 0: return .object(Dictionary((0..<Int.random(in: 0...5, using: &random)).map { _ in (text(), tree(depth: depth + 1, &random)) },
                                          uniquingKeysWith: { first, _ in first }))
        case 1: return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in tree(depth: depth + 1, &random) })
        case 2: return .text(text())
        case 3: return .integer(Int.random(in: Int.min...Int.max, using: &random) >> Int.random(in: 0...63, using: &random))
        case 4:
            let bits = random.next()
            let value = Double(bitPattern: bits)
            return .real(value.isFinite ? value : Double(Int32(truncatingIfNeeded: bits)) / 1000)
        case 5: return .flag(Bool.random(using: &random))
        default: return .none
        }
    }

    /// Objects of one type whose keys come and go (optional fields), one after the other: the writer
    /// sorts a type's keys once and must notice when they differ.
    private struct Sparse: Encodable {
        var zeta: Int?
        var alpha: String?
        var mid: [Sparse]?
        var beta = true
    }

    @Test func writesFoundationsBytesForOneTypeWithChangingKeys() throws {
        let items = (0..<40).map { index in
            Sparse(zeta: index % 2 == 0 ? index : nil, alpha: index % 3 == 0 ? nil : "a\(index)",
                   mid: index % 5 == 0 ? [Sparse(zeta: 1), Sparse(alpha: "x")] : nil)
        }
        try expectSameBytes(items)
        try expectSameBytes(["one": items.reversed(), "two": Array(items.prefix(3))])
    }

    @Test func writesFoundationsBytesForGeneratedTrees() throws {
        var random = SeededGenerator(seed: 20261207)
        for _ in 0..<400 {
            try expectSameBytes(tree(depth: 0, &random))
        }
    }
}
