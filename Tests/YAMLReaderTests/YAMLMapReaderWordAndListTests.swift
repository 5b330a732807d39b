import Testing
@testable import YAMLReader

/// The layer's reads of a word from a fixed set, of a non-empty list, of one scalar node, and the
/// collecting read that keeps an error instead of throwing it.
@Suite struct YAMLMapReaderWordAndListTests {
    private enum Colour: String { case red, green }

    private func reader(_ text: String) throws -> YAMLMapReader {
        let root = try #require(try YAMLParser.parse(text, file: "x.yml"))
        return try YAMLMapReader(root, file: "x.yml", context: "a test")
    }

    @Test func aWordOutsideItsSetIsAWrongType() throws {
        var map = try reader("good: red\nbad: blue\n")
        #expect(try map.requiredWord("good", as: Colour.self, expected: "red or green") == .red)
        var errors: [YAMLError] = []
        #expect(errors.collect { () throws(YAMLError) in try map.word("bad", as: Colour.self, expected: "red or green") } == nil)
        #expect(errors.map(\.description) == ["x.yml:2:6: 'bad' must be red or green, found 'blue'"])
    }

    @Test func aListMustHoldSomething() throws {
        var map = try reader("some: [a, {b: c}]\nnone: []\nword: a\n")
        #expect(try map.nonEmptyList("some", of: "things")?.count == 2)
        var errors: [YAMLError] = []
        #expect(errors.collect { () throws(YAMLError) in try map.nonEmptyList("none", of: "things") } == nil)
        #expect(errors.collect { () throws(YAMLError) in try map.nonEmptyList("word", of: "things") } == nil)
        #expect(errors.collect { () throws(YAMLError) in try map.requiredNonEmptyList("absent", of: "things") } == nil)
        #expect(errors.map(\.description) == [
            "x.yml:2:7: 'none' must be a non-empty list of things, found a list",
            "x.yml:3:7: 'word' must be a non-empty list of things, found 'a'",
            "x.yml:1:1: missing key 'absent' in a test",
        ])
    }

    @Test func aScalarNodeReadByItselfUsesTheSameWording() throws {
        var map = try reader("items: [3, x, true]\n")
        let items = try #require(try map.nonEmptyList("items", of: "values"))
        #expect(try YAMLMapReader.int(items[0], named: "items", file: "x.yml") == 3)
        #expect(try YAMLMapReader.bool(items[2], named: "items", file: "x.yml"))
        var errors: [YAMLError] = []
        _ = errors.collect { () throws(YAMLError) in try YAMLMapReader.double(items[1], named: "items", file: "x.yml") }
        #expect(errors.map(\.description) == ["x.yml:1:12: 'items' must be a number, found 'x'"])
    }
}
