import Testing
@testable import YAMLReader

/// The keys a map reader has seen: a list while short, a set past `listLimit`; either way the same answers.
@Suite struct YAMLKnownKeysTests {
    @Test(arguments: [0, 1, YAMLKnownKeys.listLimit, YAMLKnownKeys.listLimit + 1, 200])
    func answersTheSameAsASetOnBothSidesOfTheLimit(_ count: Int) {
        var known = YAMLKnownKeys()
        var reference = Set<String>()
        for index in 0..<count {
            let key = "key-\(index % 7 == 0 ? 0 : index)"  // some keys come back
            known.insert(key)
            reference.insert(key)
        }
        known.insert(contentsOf: ["late", "key-0", "late"])
        reference.formUnion(["late", "key-0"])
        #expect(known.sorted == reference.sorted())
        for probe in ["key-0", "key-1", "key-\(count - 1)", "late", "absent", "", "e\u{301}"] {
            #expect(known.contains(probe) == reference.contains(probe), "\(probe) after \(count) keys")
        }
    }

    @Test func equalStringsAreOneKeyWhateverTheirForm() {
        var known = YAMLKnownKeys()
        known.insert("\u{E9}")
        known.insert("e\u{301}")
        #expect(known.sorted.count == 1 && known.contains("e\u{301}"))
    }

    @Test func theUnknownKeyMessageListsEveryKeyAskedForPastTheLimit() throws {
        let root = try #require(try YAMLParser.parse("a: 1\nzz: 2\n", file: "x.yml"))
        var map = try YAMLMapReader(root, file: "x.yml")
        let asked = (0..<40).map { "k\($0)" }
        for key in asked { _ = map.node(key) }
        _ = map.node("a")
        let message = map.unknownKeyErrors().map(\.description)
        #expect(message == ["x.yml:2:1: unknown key 'zz' (expected one of: \((asked + ["a"]).sorted().joined(separator: ", ")))"])
    }
}
