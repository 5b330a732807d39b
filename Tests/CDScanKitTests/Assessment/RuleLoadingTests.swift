import Testing
@testable import CDScanKit

/// Rule files are validated when loaded; every problem comes with file:line:col.
@Suite struct RuleLoadingTests {
    static let valid = """
    id: L3.tech.infrastructure-as-code
    level: 3
    dimension: tech
    kind: capability
    title: Infrastructure as code
    met-when:
      probe: hasInfrastructureAsCode
    explain:
      met: "IaC: {hasInfrastructureAsCode.tools}"
      not-met: "No IaC."
    advice: Describe infrastructure as code.
    examples:
      - findings: {hasInfrastructureAsCode: {outcome: true, tools: [terraform]}}
        expect: met
      - findings: {hasInfrastructureAsCode: false}
        expect: not-met
    """

    private func load(_ text: String, path: String = "pack/rule.yml", origin: RuleOrigin = .pack("pack")) -> Result<RuleSet, RuleErrors> {
        do {
            return .success(try RuleSet.load(builtIn: [], packs: [RuleSourceFile(path: path, text: text, origin: origin)], requireCompleteModel: false))
        } catch {
            return .failure(error)
        }
    }

    private func errors(_ text: String) -> [RuleError] {
        if case .failure(let errors) = load(text) { return errors.errors }
        return []
    }

    @Test func aValidRuleLoads() throws {
        let rules = try load(Self.valid).get()
        #expect(rules.rules.map(\.id) == ["L3.tech.infrastructure-as-code"])
        #expect(!rules.digest.isEmpty)
    }

    @Test func anUnknownKeyIsReportedWithItsPosition() {
        let found = errors(Self.valid.replacingOccurrences(of: "advice:", with: "advise: x\nadvice:"))
        #expect(found.contains { $0.message.contains("unknown key 'advise'") && $0.mark?.line == 11 && $0.mark?.column == 1 })
        #expect(found.first?.description.hasPrefix("pack/rule.yml:11:1:") == true)
    }

    @Test func anUnknownProbeIsReported() {
        let found = errors(Self.valid.replacingOccurrences(of: "  probe: hasInfrastructureAsCode", with: "  probe: hasInfraAsCode"))
        #expect(found.contains { $0.message.contains("unknown probe 'hasInfraAsCode'") && $0.mark?.line == 7 })
    }

    @Test func anUnknownValueOrAMismatchedComparisonIsReported() {
        let unknownValue = Self.valid.replacingOccurrences(of: "  probe: hasInfrastructureAsCode\n", with: "  probe: hasInfrastructureAsCode\n  value: modules\n  at-least: 2\n")
        #expect(errors(unknownValue).contains { $0.message.contains("has no value 'modules'") })
        let wrongType = Self.valid.replacingOccurrences(of: "  probe: hasInfrastructureAsCode\n", with: "  probe: hasInfrastructureAsCode\n  value: tools\n  at-least: 2\n")
        #expect(errors(wrongType).contains { $0.message.contains("compares numbers") })
    }

    @Test func aBadLevelOrAnIdThatDisagreesIsReported() {
        #expect(errors(Self.valid.replacingOccurrences(of: "level: 3", with: "level: 7")).contains { $0.message == "'level' must be a whole number from 1 to 5, found '7'" })
        #expect(errors(Self.valid.replacingOccurrences(of: "kind: capability", with: "kind: deficit")).contains { $0.message.contains("disagrees with the model") })
    }

    @Test func aPackOverridingAnUnknownIdIsAnError() {
        let text = Self.valid
            .replacingOccurrences(of: "L3.tech.infrastructure-as-code", with: "L3.tech.golden-paths")
        #expect(errors(text).contains { $0.message.contains("overrides no known characteristic") })
    }

    @Test func duplicateIdsAreReported() {
        let files = [RuleSourceFile(path: "a.yml", text: Self.valid, origin: .pack("p")),
                     RuleSourceFile(path: "b.yml", text: Self.valid, origin: .pack("p"))]
        #expect {
            _ = try RuleSet.load(builtIn: [], packs: files, requireCompleteModel: false)
        } throws: { error in
            (error as? RuleErrors)?.errors.contains { $0.message.contains("duplicate rule id") && $0.file == "b.yml" } == true
        }
    }

    @Test func examplesMustShowBothOutcomes() {
        let onlyMet = Self.valid.replacingOccurrences(of: "  - findings: {hasInfrastructureAsCode: false}\n    expect: not-met", with: "")
        #expect(errors(onlyMet).contains { $0.message.contains("at least one finding set") })
    }

    @Test func malformedYAMLIsReportedWithItsPosition() {
        let found = errors("id: [unclosed\nlevel: 3\n")
        #expect(found.first?.file == "pack/rule.yml")
        #expect(found.first?.mark != nil)
    }

    @Test func aPackRuleOverridesTheBuiltInOneAndSaysSo() throws {
        let builtIn = RuleSourceFile(path: "characteristics/L3.tech.infrastructure-as-code.yml", text: Self.valid, origin: .builtIn)
        let pack = RuleSourceFile(path: "org/iac.yml", text: Self.valid.replacingOccurrences(of: "No IaC.", with: "Our own words."), origin: .pack("org"))
        let rules = try RuleSet.load(builtIn: [builtIn], packs: [pack], requireCompleteModel: false)
        let rule = try #require(rules.rule("L3.tech.infrastructure-as-code"))
        #expect(rule.source.origin == .pack("org"))
        #expect(rule.source.overrides == .builtIn)
        #expect(rule.explanation.notMet == "Our own words.")
    }

    @Test func parametersCanBeOverriddenAndUnknownOnesAreErrors() throws {
        let text = Self.valid
            .replacingOccurrences(of: "met-when:\n  probe: hasInfrastructureAsCode\n",
                                  with: "parameters: {minFiles: 2}\nmet-when:\n  probe: hasInfrastructureAsCode\n  value: practiceCommits\n  at-least: $minFiles\n")
            .replacingOccurrences(of: "tools: [terraform]", with: "practiceCommits: 3")
        let file = RuleSourceFile(path: "r.yml", text: text, origin: .pack("p"))
        let rules = try RuleSet.load(builtIn: [], packs: [file], parameterOverrides: ["L3.tech.infrastructure-as-code": ["minFiles": 5]], requireCompleteModel: false)
        #expect(rules.rules.first?.parameters["minFiles"] == 5)
        #expect(throws: RuleErrors.self) {
            _ = try RuleSet.load(builtIn: [], packs: [file], parameterOverrides: ["L3.tech.infrastructure-as-code": ["nope": 1]], requireCompleteModel: false)
        }
        #expect(throws: RuleErrors.self) {
            _ = try RuleSet.load(builtIn: [], packs: [file], parameterOverrides: ["L9.x.y": ["minFiles": 1]], requireCompleteModel: false)
        }
    }

    @Test func theBuiltInRegistryAndModelLoad() {
        #expect(ProbeRegistry.builtIn.entries.count >= 60)
        #expect(CharacteristicModel.builtIn.entries.count == 42)
        #expect(Set(CharacteristicModel.builtIn.entries.map(\.level)) == Set(1...5))
    }
}

@Suite struct ContradictoryRuleTests {
    @Test func findingsThatSatisfyBothConditionsShowTheRuleContradictory() throws {
        let text = RuleLoadingTests.valid.replacingOccurrences(
            of: "explain:", with: "not-met-when:\n  probe: hasInfrastructureAsCode\nexplain:")
        let rules = try RuleSet.load(builtIn: [], packs: [RuleSourceFile(path: "r.yml", text: text, origin: .pack("p"))], requireCompleteModel: false)
        let problems = try #require(rules.rules.first).exampleProblems()
        #expect(problems.contains { $0.contains("contradictory") && $0.hasPrefix("r.yml:") })
    }
}
