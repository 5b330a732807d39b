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
        for example in rule.examples {
            let findings = Dictionary(example.findings.map { ($0.probe, $0) }, uniquingKeysWith: { a, _ in a })
            let result = RuleEngine.evaluate(rule, findings: findings)
            #expect(result.outcome == example.expected, "\(rule.id), example '\(example.name)'")
            if rule.notMetWhen != nil, let metWhen = rule.metWhen {
                // A rule is contradictory if one set of findings satisfies both its conditions.
                #expect(!(metWhen.evaluate(findings) == .yes && rule.notMetWhen!.evaluate(findings) == .yes),
                        "\(rule.id), example '\(example.name)': met-when and not-met-when both hold")
            }
        }
    }
}
