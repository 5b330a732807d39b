import Testing
@testable import CDScanKit

/// The sentence behind each verdict, on hand-made outcomes: it names what stops the next level, in the
/// role it plays in the figures, and the one change that lifts it when one does.
@Suite struct VerdictExplanationTests {
    typealias Outcomes = [String: (RuleOutcome, Bool)]

    static func title(_ id: String) -> String { CharacteristicModel.builtIn.entry(id)!.title }

    static func explain(_ outcomes: Outcomes) -> (overall: VerdictExplanation, dimensions: [Dimension: VerdictExplanation]) {
        VerdictExplanation.explain(results: BestFitTests.results(outcomes))
    }

    @Test func aDeficitThatHoldsIsNamedAndClearingItLifts() {
        var outcomes = BestFitTests.levelThree
        outcomes["L2.tech.painful-repeatable-releases"] = BestFitTests.met
        let tech = Self.explain(outcomes).dimensions[.tech]!
        #expect(tech.level == 2)
        #expect(tech.sentence.hasPrefix("Tech stays at L2 Continuous Integration: the L2 deficit \"\(Self.title("L2.tech.painful-repeatable-releases"))\" holds (1 of 1 judged L2 deficits)"), "\(tech.sentence)")
        #expect(tech.sentence.contains("L3's defining practices are met"), "\(tech.sentence)")
        #expect(tech.lift == "L2.tech.painful-repeatable-releases")
        #expect(tech.sentence.hasSuffix("Clearing the deficit \"\(Self.title("L2.tech.painful-repeatable-releases"))\" would lift it to L3."), "\(tech.sentence)")
    }

    @Test func aMissingDefiningPracticeIsNamed() {
        let overall = Self.explain(BestFitTests.levelThree).overall
        #expect(overall.level == 3)
        #expect(overall.sentence.hasPrefix("Overall stays at L3 Continuous Flow:"), "\(overall.sentence)")
        for id in ["L4.process.proactive-monitoring", "L4.people.sli-slo-sla", "L4.tech.automated-rollbacks"] {
            #expect(overall.sentence.contains("\"\(Self.title(id))\" (not met)"), "\(id): \(overall.sentence)")
        }
        #expect(overall.sentence.contains("L4's defining practices"))
        // Every sentence names what it names in a role it plays: a deficit of L3 holds nothing here.
        #expect(!overall.sentence.contains("deficit"), "\(overall.sentence)")
    }

    @Test func theSingleLiftIsFoundBySimulation() throws {
        var outcomes = BestFitTests.levelThree
        outcomes["L3.tech.infrastructure-as-code"] = BestFitTests.notMet
        outcomes["L3.tech.toolchain-orchestration"] = BestFitTests.notMet
        outcomes["L3.tech.release-acceptance-metrics"] = BestFitTests.met
        let tech = Self.explain(outcomes).dimensions[.tech]!
        #expect(tech.level == 2)
        #expect(tech.sentence.contains("defining practices"), "\(tech.sentence)")
        let lift = try #require(tech.lift)
        // The named change does lift the level when it is made.
        var lifted = outcomes
        lifted[lift] = BestFitTests.met
        #expect(BestFit(results: BestFitTests.results(lifted), dimension: .tech).level == 3, "\(tech.sentence)")
        #expect(tech.sentence.contains("would lift it to L3."))
    }

    @Test func severalChangesAreSaidToBeSeveral() {
        var outcomes = BestFitTests.levelThree
        for id in ["L3.tech.infrastructure-as-code", "L3.tech.toolchain-orchestration"] { outcomes[id] = BestFitTests.notMet }
        let tech = Self.explain(outcomes).dimensions[.tech]!
        #expect(tech.level == 2)
        #expect(tech.lift == nil)
        #expect(tech.sentence.contains("No single change lifts it to L3; together, "), "\(tech.sentence)")
    }

    @Test func levelFiveSaysItIsTheTop() {
        var outcomes: Outcomes = [:]
        for entry in CharacteristicModel.builtIn.entries {
            outcomes[entry.id] = entry.kind == .capability ? BestFitTests.met : BestFitTests.notMet
        }
        let explained = Self.explain(outcomes)
        #expect(explained.overall.level == 5)
        #expect(explained.overall.sentence == "Overall stands at L5 Continuous Improvement, the top of the model.")
        #expect(explained.overall.lift == nil)
    }

    @Test func noLevelIsTooLittleEvidence() {
        let explained = Self.explain(["L1.people.silo-teams": BestFitTests.notMet])
        #expect(explained.overall.level == nil)
        #expect(explained.overall.sentence.hasPrefix("Overall has no level: too little evidence (1 of 42 characteristics judged, 3 needed); judging 2 more"), "\(explained.overall.sentence)")
        #expect(explained.dimensions[.tech]!.sentence.hasPrefix("Tech has no level: too little evidence (0 of "))
    }

    @Test func leftOutCharacteristicsAreNeverNamed() {
        var outcomes = BestFitTests.levelThree
        let leftOut = ["L4.tech.dashboards", "L4.process.proactive-monitoring", "L2.tech.painful-repeatable-releases"]
        for id in leftOut { outcomes[id] = (.notApplicable, false) }
        outcomes["L2.people.limited-knowledge-sharing"] = (.suppressed, false)
        let explained = Self.explain(outcomes)
        for explanation in [explained.overall] + Dimension.allCases.map({ explained.dimensions[$0]! }) {
            for id in leftOut + ["L2.people.limited-knowledge-sharing"] {
                #expect(!explanation.sentence.contains(Self.title(id)), "\(id): \(explanation.sentence)")
                #expect(explanation.lift != id)
            }
        }
    }

    /// Every share a rule sentence shows carries its count: "40% of the weeks (2 of 5)".
    @Test func everyPercentageInARuleSentenceCarriesItsCount() throws {
        let files = BuiltInRules.files(under: "characteristics/")
        #expect(files.count == 42)
        let percent = try Regex(#"\{[A-Za-z]+\.[A-Za-z0-9]+%\}"#)
        let count = try Regex(#"\{[A-Za-z]+\.[A-Za-z0-9]+\} of (the latest )?\{[A-Za-z]+\.[A-Za-z0-9]+\}"#)
        var shares = 0
        for file in files {
            for line in file.text.split(separator: "\n") {
                let percents = line.matches(of: percent).count
                shares += percents
                #expect(line.matches(of: count).count >= percents, "\(file.path): a share without its count: \(line)")
            }
        }
        #expect(shares > 5)
    }
}
