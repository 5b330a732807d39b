import Testing
@testable import CDScanKit

/// A rule's mistyped values fail in the decoding layer's one wording, at the value, and every one of
/// them is reported, not only the first.
@Suite struct RuleValueShapeTests {
    private func messages(_ text: String) -> [String] {
        do {
            _ = try RuleSet.load(builtIn: [], packs: [RuleSourceFile(path: "r.yml", text: text, origin: .pack("p"))], requireCompleteModel: false)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    private func rule(_ condition: String, parameters: String = "") -> String {
        """
        id: L3.tech.infrastructure-as-code
        level: 3
        dimension: tech
        kind: capability
        title: Infrastructure as code
        \(parameters)met-when:
        \(condition)
        explain:
          met: "IaC."
          not-met: "No IaC."
        advice: Describe infrastructure as code.
        examples:
          - findings: {hasInfrastructureAsCode: true}
            expect: met
          - findings: {hasInfrastructureAsCode: false}
            expect: not-met
        """
    }

    @Test func mistypedConditionValuesUseTheOneWording() {
        #expect(messages(rule("  probe: hasInfrastructureAsCode\n  is: maybe")) == ["r.yml:8:7: 'is' must be true or false, found 'maybe'"])
        #expect(messages(rule("  all: yes")) == ["r.yml:7:8: 'all' must be a non-empty list of conditions, found 'yes'"])
        #expect(messages(rule("  probe: hasInfrastructureAsCode\n  value: tools\n  count-at-least: lots"))
            == ["r.yml:9:19: 'count-at-least' must be a number or a $parameter, found 'lots'"])
    }

    @Test func everyMistypedValueIsReported() {
        let text = rule("  probe: hasInfrastructureAsCode", parameters: "parameters: {minFiles: many}\nweight: heavy\n")
            .replacingOccurrences(of: "expect: not-met", with: "expect: sometimes")
        #expect(messages(text) == [
            "r.yml:7:9: 'weight' must be a number, found 'heavy'",
            "r.yml:6:24: 'minFiles' must be a number, found 'many'",
            "r.yml:18:13: 'expect' must be met, not-met or unknown, found 'sometimes'",
            "r.yml:15:3: examples must show at least one finding set that ticks the rule (met) and one that does not (not-met)",
        ])
    }
}
