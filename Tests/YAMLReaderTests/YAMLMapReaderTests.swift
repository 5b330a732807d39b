import Testing
@testable import YAMLReader

@Suite struct YAMLMapReaderTests {
    private func reader(_ text: String, context: String? = nil) throws -> YAMLMapReader {
        let root = try #require(try YAMLParser.parse(text, file: "x.yml"))
        return try YAMLMapReader(root, file: "x.yml", context: context)
    }

    private func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as YAMLError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func typedValuesByKey() throws {
        var map = try reader("""
        id: build
        rank: 3
        share: 0.5
        on: true
        paths: [a/, b/]
        one: c/
        meta: {owner: me}
        steps:
          - run: x
          - run: y
        empty:
        """)
        #expect(try map.requiredString("id") == "build")
        #expect(try map.requiredInt("rank") == 3)
        #expect(try map.requiredDouble("share") == 0.5)
        #expect(try map.requiredBool("on") == true)
        #expect(try map.requiredStrings("paths") == ["a/", "b/"])
        #expect(try map.strings("one") == ["c/"])
        var meta = try map.requiredMap("meta")
        #expect(try meta.requiredString("owner") == "me")
        try meta.rejectUnknownKeys()
        let steps = try map.requiredMaps("steps")
        #expect(try steps.map { var step = $0; return try step.requiredString("run") } == ["x", "y"])
        #expect(try map.string("empty") == nil)
        #expect(try map.string("absent") == nil)
        try map.rejectUnknownKeys()
    }

    @Test func unknownKeyNamesTheKeyItsPlaceAndTheAllowedKeys() throws {
        var map = try reader("id: a\nnmae: b\n", context: "a bot")
        _ = try map.string("id")
        map.allow("name")
        #expect(failure { try map.rejectUnknownKeys() } == "x.yml:2:1: unknown key 'nmae' in a bot (expected one of: id, name)")
        #expect(map.unknownKeyErrors().count == 1)
    }

    @Test func everyUnreadKeyIsReported() throws {
        let map = try reader("a: 1\nb: 2\n")
        #expect(map.unknownKeyErrors().map(\.mark) == [YAMLMark(line: 1, column: 1), YAMLMark(line: 2, column: 1)])
    }

    @Test func wrongTypeIsAtTheValue() throws {
        var map = try reader("id: a\nrank:\n  high: 1\nshare: lots\nflag: maybe\npaths: [a, {b: c}]\n")
        #expect(failure { _ = try map.int("rank") } == "x.yml:3:3: 'rank' must be a whole number, found a mapping")
        #expect(failure { _ = try map.double("share") } == "x.yml:4:8: 'share' must be a number, found 'lots'")
        #expect(failure { _ = try map.bool("flag") } == "x.yml:5:7: 'flag' must be true or false, found 'maybe'")
        #expect(failure { _ = try map.strings("paths") } == "x.yml:6:12: 'paths' must be a list of non-empty strings, found a mapping")
        #expect(failure { _ = try map.map("id") } == "x.yml:1:5: 'id' must be a mapping, found 'a'")
        #expect(failure { _ = try map.maps("id") } == "x.yml:1:5: 'id' must be a list of mappings, found 'a'")
        #expect(failure { _ = try map.string("rank") } == "x.yml:3:3: 'rank' must be a non-empty string, found a mapping")
    }

    @Test func missingRequiredKeyIsAtTheMapping() throws {
        let root = try #require(try YAMLParser.parse("items:\n  - id: a\n  - name: b\n", file: "x.yml"))
        var top = try YAMLMapReader(root, file: "x.yml")
        var second = try top.requiredMaps("items", context: "an item")[1]
        #expect(failure { _ = try second.requiredString("id") } == "x.yml:3:5: missing key 'id' in an item")
        #expect(failure { _ = try top.requiredInt("count") } == "x.yml:1:1: missing key 'count'")
        #expect(failure { _ = try top.requiredNode("other") } == "x.yml:1:1: missing key 'other'")
    }

    @Test func aNonMappingIsRefused() throws {
        let root = try #require(try YAMLParser.parse("- a\n- b\n", file: "x.yml"))
        #expect(failure { _ = try YAMLMapReader(root, file: "x.yml", context: "the configuration") }
            == "x.yml:1:1: the configuration must be a mapping, found a list")
    }
}
