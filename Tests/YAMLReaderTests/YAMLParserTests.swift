import Testing
@testable import YAMLReader

@Suite struct YAMLParserTests {
    @Test func mappingsSequencesAndScalarsKeepTheirMarks() throws {
        let text = """
        name: build
        on: [push, pull_request]
        jobs:
          test:
            steps:
              - run: swift test
        """
        let root = try #require(try YAMLParser.parse(text, file: "ci.yml"))
        #expect(root.keys == ["name", "on", "jobs"])
        #expect(root["name"]?.string == "build")
        #expect(root["on"]?.stringList == ["push", "pull_request"])
        let step = try #require(root["jobs"]?["test"]?["steps"]?.items?.first)
        #expect(step["run"]?.string == "swift test")
        #expect(step.mark == YAMLMark(line: 6, column: 9))
        #expect(root["jobs"]?.mark == YAMLMark(line: 4, column: 3))
    }

    @Test func plainScalarsResolveTypesAndQuotedOnesStayStrings() throws {
        let root = try #require(try YAMLParser.parse("a: true\nb: 'true'\nc: 1_000\nd: ~\ne: 2.5\nf: \"\"", file: "x"))
        #expect(root["a"]?.bool == true)
        #expect(root["b"]?.bool == nil)
        #expect(root["b"]?.string == "true")
        #expect(root["c"]?.int == 1000)
        #expect(root["d"]?.isNull == true)
        #expect(root["d"]?.string == nil)
        #expect(root["e"]?.double == 2.5)
        #expect(root["f"]?.string == "")
    }

    @Test func aliasesExpandAndTagsAreKept() throws {
        let root = try #require(try YAMLParser.parse("base: &b {x: 1}\ncopy: *b\nref: !Ref Bucket", file: "x"))
        #expect(root["copy"]?["x"]?.int == 1)
        #expect(root["ref"]?.tag == "!Ref")
        #expect(root["ref"]?.string == "Bucket")
    }

    @Test func multipleDocuments() throws {
        let docs = try YAMLParser.parseAll("kind: A\n---\nkind: B\n", file: "x")
        #expect(docs.map { $0["kind"]?.string } == ["A", "B"])
        #expect(try YAMLParser.parseAll("# only a comment\n", file: "x").isEmpty)
        #expect(try YAMLParser.parseAll("", file: "x").isEmpty)
    }

    @Test func syntaxErrorsCarryFileLineAndColumn() {
        let text = "jobs:\n  build:\n    steps: [a, b\n  other: 1\n"
        #expect {
            _ = try YAMLParser.parse(text, file: ".github/workflows/ci.yml")
        } throws: { error in
            guard let error = error as? YAMLError, let mark = error.mark else { return false }
            return error.file == ".github/workflows/ci.yml" && mark.line == 4 && mark.column >= 1
                && error.description.hasPrefix(".github/workflows/ci.yml:4:")
        }
    }

    @Test func badIndentationIsAnError() {
        #expect(throws: YAMLError.self) {
            _ = try YAMLParser.parse("a: 1\n b: 2\n", file: "x")
        }
    }

    @Test func unknownAliasIsAnError() {
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parse("a: *nope", file: "x") }
    }

    @Test func billionLaughsIsRefusedNotExpanded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        #expect {
            _ = try YAMLParser.parse(text, file: "lol.yml")
        } throws: { error in
            (error as? YAMLError)?.message.contains("nodes") == true
        }
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parse(text, file: "deep.yml") }
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        #expect(throws: YAMLError.self) {
            _ = try YAMLParser.parseAll(bytes: [0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A], file: "bad.yml")
        }
    }

    @Test func scalarsWithNulAndUnicodeDecodeByLength() throws {
        let root = try #require(try YAMLParser.parse("a: \"x\\0y\"\nb: héllo ✓\n", file: "x"))
        #expect(root["a"]?.string == "x\u{0}y")
        #expect(root["b"]?.string == "héllo ✓")
    }

    /// The parser's own refusals, word for word and where (the node builder reads libyaml's events in place).
    @Test func refusalsKeepTheirWordingAndPosition() {
        func message(_ text: String) -> String {
            do {
                _ = try YAMLParser.parseAll(text, file: "x.yml")
                return "parsed"
            } catch {
                return error.description
            }
        }
        #expect(message("a: *nope\n") == "x.yml:1:4: unknown alias *nope")
        #expect(message(String(repeating: "[", count: 300) + String(repeating: "]", count: 300)) == "x.yml:1:257: nesting deeper than 256 levels")
        var laughs = "a: &a [1,2]\n"
        for (name, previous) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e")] {
            laughs += "\(name): &\(name) [\(Array(repeating: "*" + previous, count: 9).joined(separator: ","))]\n"
        }
        laughs += "g: [\(Array(repeating: "*f", count: 9).joined(separator: ","))]\n"
        #expect(message(laughs) == "x.yml:7:17: more than 1000000 nodes (alias expansion?)")
        #expect(message("kind: detectors\nentries: [\n") == "x.yml:3:1: did not find expected node content while parsing a flow node")
    }

    @Test func anchorsOnCollectionsAndTagsSurviveWithTheirMarks() throws {
        let root = try #require(try YAMLParser.parse("s: &s !list [a, b]\nm: &m !map {k: v}\nt: [*s, *m]\n", file: "x"))
        #expect(root["s"]?.tag == "!list" && root["m"]?.tag == "!map")
        #expect(root["t"]?.items?.map(\.mark) == [root["s"]!.mark, root["m"]!.mark])
        #expect(root["t"]?.items?.first?.items?.compactMap(\.string) == ["a", "b"])
        #expect(root["t"]?.items?.last?["k"]?.string == "v")
        #expect(root["m"]?.mark == YAMLMark(line: 2, column: 4))
    }
}
