import Testing
@testable import CDScanKit

/// The best-fit formula on hand-made outcomes, including the two pitfalls of the obvious formulas.
@Suite struct BestFitTests {
    /// Every characteristic of the model, unknown unless `outcomes` says otherwise.
    static func results(_ outcomes: [String: (RuleOutcome, Bool)], defining: Set<String> = BestFitTests.defining) -> [CharacteristicResult] {
        CharacteristicModel.builtIn.entries.map { entry in
            let rule = Rule(
                id: entry.id, level: entry.level, dimension: entry.dimension, kind: entry.kind, title: entry.title,
                weight: defining.contains(entry.id) ? 2 : 1, isDefining: defining.contains(entry.id),
                metWhen: nil, notMetWhen: nil, practicedWhen: nil,
                explanation: .init(met: "", notMet: "", unknown: "", presenceOnly: nil), advice: "do \(entry.id)",
                examples: [], parameters: [:], source: RuleSourceRef(file: "t", mark: nil, origin: .builtIn, overrides: nil))
            let (outcome, practiced) = outcomes[entry.id] ?? (.unknown, false)
            return CharacteristicResult(rule: rule, outcome: outcome, source: .detected, practiced: practiced,
                                        detectedOutcome: outcome, explanation: "", evidence: [])
        }
    }

    static let defining: Set<String> = [
        "L2.tech.version-control", "L2.tech.automated-builds-tests-artifacts",
        "L3.process.e2e-pipeline-automated", "L3.tech.toolchain-orchestration", "L3.tech.infrastructure-as-code",
        "L4.process.proactive-monitoring", "L4.people.sli-slo-sla", "L4.tech.automated-rollbacks",
        "L5.process.high-experimentation", "L5.tech.forced-failures",
    ]

    static let met = (RuleOutcome.met, true)
    static let presenceOnly = (RuleOutcome.met, false)
    static let notMet = (RuleOutcome.notMet, false)

    /// A solid level-3 team: CI/CD end to end, IaC, no chaos deficits.
    static let levelThree: [String: (RuleOutcome, Bool)] = [
        "L1.people.silo-teams": notMet, "L1.people.little-communication": notMet,
        "L1.process.manual-poorly-defined-planning": notMet, "L1.process.unpredictable-reactive": notMet,
        "L1.tech.manual-builds-deployments": notMet, "L1.tech.manual-qa": notMet, "L1.tech.environment-inconsistencies": notMet,
        "L2.people.managed-backlog": met, "L2.people.inter-silo-communication": met,
        "L2.people.limited-knowledge-sharing": notMet, "L2.process.processes-within-silos": notMet,
        "L2.process.no-e2e-standards": notMet, "L2.process.repeat-known-not-unknowns": met,
        "L2.tech.version-control": met, "L2.tech.automated-builds-tests-artifacts": met, "L2.tech.painful-repeatable-releases": notMet,
        "L3.people.devops-leadership": met, "L3.people.cross-functional-collaboration": met,
        "L3.process.e2e-pipeline-automated": met, "L3.process.org-standards": met,
        "L3.tech.toolchain-orchestration": met, "L3.tech.infrastructure-as-code": met, "L3.tech.release-acceptance-metrics": notMet,
        "L4.process.proactive-monitoring": notMet, "L4.people.sli-slo-sla": notMet, "L4.tech.automated-rollbacks": notMet,
        "L4.tech.dashboards": notMet, "L4.tech.full-instrumentation": met,
    ]

    @Test func aLevelThreeTeamIsLevelThree() {
        let fit = BestFit(results: Self.results(Self.levelThree))
        #expect(fit.level == 3)
        #expect(fit.confidence > 0.2)
        #expect(BestFit(results: Self.results(Self.levelThree), dimension: .tech).level == 3)
    }

    /// Pitfall 1: commodity traits tick high boxes (rolling updates, container images) in a repository
    /// whose practice is far lower; without level 3 and 4's defining practices, it stays low.
    @Test func commodityTraitsDoNotLiftTheLevel() {
        var outcomes = Self.levelThree
        for id in ["L3.process.e2e-pipeline-automated", "L3.tech.toolchain-orchestration", "L3.tech.infrastructure-as-code"] {
            outcomes[id] = Self.notMet
        }
        outcomes["L5.tech.zero-downtime-deployments"] = Self.met
        outcomes["L5.tech.immutable-infrastructure"] = Self.met
        outcomes["L4.tech.dashboards"] = Self.met
        let fit = BestFit(results: Self.results(outcomes))
        #expect(fit.level == 2)
    }

    /// A repository made in a day with Terraform, a rollout and an SLO file but no pipeline and no tests.
    @Test func filesWithoutPracticeOrPipelineStayLow() {
        let outcomes: [String: (RuleOutcome, Bool)] = [
            "L1.tech.manual-builds-deployments": Self.met, "L1.tech.manual-qa": Self.met,
            "L2.tech.version-control": Self.met, "L2.tech.automated-builds-tests-artifacts": Self.notMet,
            "L3.tech.infrastructure-as-code": Self.presenceOnly, "L3.process.e2e-pipeline-automated": Self.notMet,
            "L3.tech.toolchain-orchestration": Self.notMet,
            "L4.people.sli-slo-sla": Self.presenceOnly, "L4.tech.automated-rollbacks": Self.presenceOnly,
        ]
        let fit = BestFit(results: Self.results(outcomes))
        #expect(fit.level == 1)
    }

    /// Pitfall 2: a level with few judgeable characteristics is not lost for want of boxes: two defining
    /// level-4 practices met, the rest unknown, on top of a level-3 team, is level 4.
    @Test func fewJudgeableCharacteristicsDoNotUndershoot() {
        var outcomes = Self.levelThree
        outcomes["L3.tech.release-acceptance-metrics"] = Self.met
        for id in ["L4.process.proactive-monitoring", "L4.people.sli-slo-sla", "L4.tech.automated-rollbacks",
                   "L4.tech.dashboards", "L4.tech.full-instrumentation"] {
            outcomes[id] = nil
        }
        outcomes["L4.process.proactive-monitoring"] = Self.met
        outcomes["L4.tech.automated-rollbacks"] = Self.met
        let fit = BestFit(results: Self.results(outcomes))
        #expect(fit.level == 4)
    }

    @Test func unknownsAreNotMisses() {
        var outcomes = Self.levelThree
        // Making every non-defining level-3 characteristic unknown leaves level 3 standing.
        for id in ["L3.people.devops-leadership", "L3.people.cross-functional-collaboration", "L3.process.org-standards",
                   "L3.tech.release-acceptance-metrics"] {
            outcomes[id] = nil
        }
        #expect(BestFit(results: Self.results(outcomes)).level == 3)
    }

    @Test func deficitsHoldATeamAtTheirLevel() {
        var outcomes = Self.levelThree
        for id in ["L2.people.limited-knowledge-sharing", "L2.process.processes-within-silos", "L2.process.no-e2e-standards",
                   "L2.tech.painful-repeatable-releases", "L2.people.adhoc-training"] {
            outcomes[id] = Self.met
        }
        #expect(BestFit(results: Self.results(outcomes)).level == 2)
    }

    /// A team that practises every defining practice of level 3 is not held at level 2 by one stray
    /// deficit (hand-cut releases) among several, only by most of them; without those practices the
    /// deficit holds. In a scope where it is the only deficit judged (Tech at level 2), it is not stray.
    @Test func oneStrayDeficitDoesNotHoldBackTheDefiningPractices() {
        var outcomes = Self.levelThree
        outcomes["L2.tech.painful-repeatable-releases"] = Self.met
        #expect(BestFit(results: Self.results(outcomes)).level == 3)
        #expect(BestFit(results: Self.results(outcomes), dimension: .tech).level == 2)
        outcomes["L3.tech.infrastructure-as-code"] = Self.presenceOnly
        outcomes["L2.process.no-e2e-standards"] = Self.met
        outcomes["L2.people.limited-knowledge-sharing"] = Self.met
        #expect(BestFit(results: Self.results(outcomes)).level == 2)
    }

    /// Characteristics that do not apply leave the shares, but never lower the bar: a dimension whose
    /// capabilities at a level all do not apply stops below it, and a level still needs two judged ones.
    @Test func notApplicableCharacteristicsNeverMakeALevelEasier() {
        var outcomes = Self.levelThree
        for id in ["L4.tech.full-instrumentation", "L4.tech.dashboards", "L4.tech.automated-rollbacks"] {
            outcomes[id] = (.notApplicable, false)
        }
        outcomes["L4.people.shared-metrics-collaboration"] = Self.met
        outcomes["L4.process.visibility-repeatability"] = Self.met
        #expect(BestFit(results: Self.results(outcomes), dimension: .tech).level == 3)
        outcomes["L3.tech.infrastructure-as-code"] = (.notApplicable, false)
        let tech = BestFit(results: Self.results(outcomes), dimension: .tech)
        #expect(tech.level == 3, "toolchain orchestration and release metrics still carry level 3")
        #expect(tech.levels[2].total == 2, "the not-applicable one is out of the figures")
    }

    /// An exporter (a command-line tool) ships a mixin's dashboards and instruments itself, but rollbacks,
    /// SLOs and monitoring of its own do not apply: what defines L4 cannot be shown, so it stays at L3.
    @Test func aLevelWhoseDefiningPracticesDoNotApplyIsNotReached() {
        var outcomes = Self.levelThree
        for id in ["L4.tech.automated-rollbacks", "L4.people.sli-slo-sla", "L4.process.proactive-monitoring",
                   "L4.process.business-metrics-analysis", "L3.tech.infrastructure-as-code"] {
            outcomes[id] = (.notApplicable, false)
        }
        outcomes["L4.tech.dashboards"] = Self.met
        outcomes["L4.tech.full-instrumentation"] = Self.met
        outcomes["L4.people.shared-metrics-collaboration"] = Self.met
        outcomes["L4.process.visibility-repeatability"] = Self.met
        let results = Self.results(outcomes)
        #expect(BestFit(results: results, dimension: .tech).level == 3)
        #expect(BestFit(results: results).level == 3)
        let explanation = VerdictExplanation.explain(results: results, dimension: .tech)
        #expect(explanation.sentence.contains("L4's defining practice does not apply, so L4 cannot be shown"),
                "\(explanation.sentence)")
        // With the defining practice in scope and met, the same evidence makes L4.
        outcomes["L4.tech.automated-rollbacks"] = Self.met
        #expect(BestFit(results: Self.results(outcomes), dimension: .tech).level == 4)
    }

    /// Pitfall 3: Process has no capabilities at level 2, so escaping level 1's process deficits alone
    /// would make level 2 — a project with no pipeline at all would be Process L2. Such a level borrows
    /// the test from level 2's capabilities over every dimension.
    @Test func aLevelWithoutCapabilitiesIsNotReachedByEscapingDeficitsAlone() {
        let noPipeline: [String: (RuleOutcome, Bool)] = [
            "L1.process.unpredictable-reactive": Self.notMet, "L1.process.manual-poorly-defined-planning": Self.notMet,
            "L1.tech.manual-builds-deployments": Self.met, "L1.tech.manual-qa": Self.met,
            "L2.tech.version-control": Self.met, "L2.tech.automated-builds-tests-artifacts": Self.notMet,
            "L2.people.managed-backlog": Self.notMet, "L2.process.repeat-known-not-unknowns": Self.notMet,
        ]
        #expect(BestFit(results: Self.results(noPipeline), dimension: .process).level == 1)
        var withPipeline = noPipeline
        withPipeline["L2.tech.automated-builds-tests-artifacts"] = Self.met
        withPipeline["L2.people.managed-backlog"] = Self.met
        #expect(BestFit(results: Self.results(withPipeline), dimension: .process).level == 2)
    }

    @Test func tooLittleEvidenceHasNoLevel() {
        let fit = BestFit(results: Self.results(["L2.tech.version-control": Self.met]))
        #expect(fit.level == nil)
        #expect(fit.confidence == 0)
        let people = BestFit(results: Self.results(Self.levelThree.filter { $0.key.contains(".tech.") }), dimension: .people)
        #expect(people.level == nil)
    }

    @Test func coverageCountsJudgedCharacteristics() {
        let fit = BestFit(results: Self.results(Self.levelThree))
        #expect(abs(fit.coverage - Double(Self.levelThree.count) / 42) < 1e-9)
    }

    @Test func nextStepsPutTheNextLevelsDefiningPracticesFirst() {
        let results = Self.results(Self.levelThree)
        let steps = NextStep.plan(results: results, level: 3)
        #expect(steps.prefix(3).allSatisfy { $0.reason == .definingPractice && $0.level == 4 })
        #expect(steps.contains { $0.id == "L2.process.repeat-known-not-unknowns" && $0.reason == .deficit })
        #expect(steps.count <= 8)
    }
}

@Suite struct OverallCeilingTests {
    /// Pooled over every dimension, strong Tech and Process evidence could carry the overall level past
    /// every single dimension; the overall never claims a level no dimension reaches.
    @Test func theOverallLevelNeverExceedsEveryDimension() {
        let results = BestFitTests.results(BestFitTests.levelThree)
        let assessmentLevels = Dimension.allCases.compactMap { BestFit(results: results, dimension: $0).level }
        let overall = BestFit(results: results, ceiling: assessmentLevels.max())
        #expect(overall.level! <= assessmentLevels.max()!)
        let capped = BestFit(results: results, ceiling: 2)
        #expect(capped.level == 2)
    }
}
