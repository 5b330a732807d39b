import Testing
@testable import CDScanKit

/// Every built-in rule's own examples, run as tests: no rule ships untested.
@Suite struct RuleExamplesTests {
    static let files = BuiltInRules.files(under: "characteristics/")

    @Test func everyCharacteristicOfTheModelHasARuleFile() {
        let ids = Set(Self.files.map { String($0.path.dropFirst("characteristics/".count).dropLast(".yml".count)) })
        let missing = CharacteristicModel.builtIn.entries.map(\.id).filter { !ids.contains($0) }
        #expect(CharacteristicModel.builtIn.entries.count == 42)
        #expect(missing.isEmpty, "no rule file for: \(missing)")
    }

    @Test(arguments: files.map(\.path))
    func examplesGiveTheirStatedOutcome(path: String) throws {
        let file = try #require(BuiltInRules.file(path))
        let rules = try RuleSet.load(builtIn: [file], requireCompleteModel: false)
        let rule = try #require(rules.rules.first)
        #expect(path == "characteristics/\(rule.id).yml", "a rule file is named after its id")
        #expect(!rule.examples.isEmpty)
        // Each example gives its stated outcome, and none satisfies both met-when and not-met-when.
        #expect(rule.exampleProblems().isEmpty, "\(rule.exampleProblems())")
    }
}
