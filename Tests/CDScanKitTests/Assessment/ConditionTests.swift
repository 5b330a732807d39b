import Testing
@testable import CDScanKit

@Suite struct ConditionTests {
    let findings: [String: Finding] = [
        "yes": Finding(probe: "yes", outcome: .yes, message: "", values: ["n": .int(3), "share": .double(0.4), "tools": .list(["helm"]), "model": .string("trunk")]),
        "no": Finding(probe: "no", outcome: .no, message: ""),
        "na": Finding(probe: "na", outcome: .notAvailable, message: ""),
        "err": Finding(probe: "err", outcome: .error, message: ""),
    ]

    @Test func outcomesAndUnknowns() {
        #expect(Condition.outcome(probe: "yes", expected: true).evaluate(findings) == .yes)
        #expect(Condition.outcome(probe: "no", expected: true).evaluate(findings) == .no)
        #expect(Condition.outcome(probe: "no", expected: false).evaluate(findings) == .yes)
        #expect(Condition.outcome(probe: "na", expected: true).evaluate(findings) == .unknown)
        #expect(Condition.outcome(probe: "err", expected: false).evaluate(findings) == .unknown)
        #expect(Condition.outcome(probe: "missing", expected: true).evaluate(findings) == .unknown)
    }

    @Test func threeValuedConnectives() {
        let yes = Condition.outcome(probe: "yes", expected: true)
        let no = Condition.outcome(probe: "no", expected: true)
        let unknown = Condition.outcome(probe: "na", expected: true)
        #expect(Condition.all([yes, unknown]).evaluate(findings) == .unknown)
        #expect(Condition.all([no, unknown]).evaluate(findings) == .no)
        #expect(Condition.any([yes, unknown]).evaluate(findings) == .yes)
        #expect(Condition.any([no, unknown]).evaluate(findings) == .unknown)
        #expect(Condition.not(unknown).evaluate(findings) == .unknown)
        #expect(Condition.not(no).evaluate(findings) == .yes)
    }

    @Test func comparisons() {
        func check(_ value: String, _ comparison: Condition.Comparison) -> Truth {
            Condition.compare(probe: "yes", value: value, comparison: comparison).evaluate(findings)
        }
        #expect(check("n", .atLeast(3)) == .yes)
        #expect(check("n", .greaterThan(3)) == .no)
        #expect(check("share", .atMost(0.5)) == .yes)
        #expect(check("share", .lessThan(0.4)) == .no)
        #expect(check("tools", .includesAny(["helm", "kustomize"])) == .yes)
        #expect(check("tools", .includesAny([])) == .yes)
        #expect(check("tools", .countAtLeast(2)) == .no)
        #expect(check("model", .oneOf(["trunk", "github-flow"])) == .yes)
        #expect(check("model", .equals(.string("gitflow"))) == .no)
        #expect(check("absent", .atLeast(0)) == .unknown)
        // A value of a finding that is not available is unknown, not a number to compare.
        #expect(Condition.compare(probe: "na", value: "n", comparison: .atLeast(0)).evaluate(findings) == .unknown)
    }

    @Test func messageTemplatesFillValues() {
        #expect(MessageTemplate.fill("{yes.n} files, {yes.share%} share, tools {yes.tools}, {missing.x}", findings: findings)
                == "3 files, 40% share, tools helm, ?")
    }
}

@Suite struct RuleOutcomeTests {
    @Test func aRuleWithOnlyNotMetWhenCanBeClearedButNeverTicked() throws {
        let text = """
        id: L1.people.blame-culture
        level: 1
        dimension: people
        kind: deficit
        title: Blame, finger-pointing
        not-met-when: {probe: hasPostmortemTemplate, value: blameless, equals: true}
        explain: {not-met: cleared}
        advice: hold blameless post-mortems
        examples:
          - {findings: {hasPostmortemTemplate: {outcome: true, blameless: true}}, expect: not-met}
          - {findings: {hasPostmortemTemplate: false}, expect: unknown}
        """
        let rules = try RuleSet.load(builtIn: [], packs: [RuleSourceFile(path: "r.yml", text: text, origin: .pack("p"))], requireCompleteModel: false)
        let rule = try #require(rules.rules.first)
        let cleared = RuleEngine.evaluate(rule, findings: ["hasPostmortemTemplate": Finding(probe: "hasPostmortemTemplate", outcome: .yes, message: "", values: ["blameless": .bool(true)])])
        #expect(cleared.outcome == .notMet)
        let silent = RuleEngine.evaluate(rule, findings: [:])
        #expect(silent.outcome == .unknown)
    }
}
