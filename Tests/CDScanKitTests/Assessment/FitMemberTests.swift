import Testing
@testable import CDScanKit

/// The best fit's members: what it reads of each result, and the simulated changes the verdict
/// explanation makes to them instead of to whole results.
@Suite struct FitMemberTests {
    static let results = BestFitTests.results(BestFitTests.levelThree)

    static func result(_ id: String) -> CharacteristicResult { results.first { $0.rule.id == id }! }

    @Test func theMembersFitAsTheResultsDo() {
        let members = Self.results.map(FitMember.init)
        #expect(BestFit(members: members) == BestFit(results: Self.results))
        for dimension in Dimension.allCases {
            #expect(BestFit(members: members, dimension: dimension) == BestFit(results: Self.results, dimension: dimension))
        }
        let member = FitMember(Self.result("L3.tech.infrastructure-as-code"))
        #expect(member.level == 3 && member.dimension == .tech && member.kind == .capability)
        #expect(member.isDefining && member.weight == 2 && member.outcome == .met && member.practiced)
    }

    @Test func aChangeAppliedToTheMembersIsTheChangeAppliedToTheResults() {
        let ids = Self.results.map(\.rule.id)
        let changes = [
            VerdictExplanation.Change(result: Self.result("L4.process.proactive-monitoring"), clearsDeficit: false),
            VerdictExplanation.Change(result: Self.result("L3.tech.release-acceptance-metrics"), clearsDeficit: false),
        ]
        let members = VerdictExplanation.apply(changes, to: Self.results.map(FitMember.init), ids: ids)
        #expect(members == VerdictExplanation.apply(changes, to: Self.results).map(FitMember.init))
        #expect(members != Self.results.map(FitMember.init))
        #expect(members[ids.firstIndex(of: "L4.process.proactive-monitoring")!].outcome == .met)
    }

    @Test func theFirstChangeOfACharacteristicWins() {
        let ids = Self.results.map(\.rule.id)
        let held = Self.result("L2.tech.painful-repeatable-releases")
        let changes = [VerdictExplanation.Change(result: held, clearsDeficit: false),
                       VerdictExplanation.Change(result: held, clearsDeficit: true)]
        let members = VerdictExplanation.apply(changes, to: Self.results.map(FitMember.init), ids: ids)
        let changed = members[ids.firstIndex(of: "L2.tech.painful-repeatable-releases")!]
        #expect(changed.outcome == .met && changed.practiced)
        #expect(members == VerdictExplanation.apply(changes, to: Self.results).map(FitMember.init))
    }
}
