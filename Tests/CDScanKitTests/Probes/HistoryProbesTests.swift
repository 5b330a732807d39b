import Testing
@testable import CDScanKit

/// History probes from hand-built figures: what the walk measured, findings out.
@Suite struct HistoryProbesTests {
    typealias Make = HandBuiltEvidence

    static func activity(_ commits90: Int, _ commits365: Int, total: Int, ageDays: Int) -> ActivityFigures {
        var figures = ActivityFigures()
        figures.commits90 = commits90
        figures.commits365 = commits365
        figures.commitsTotal = total
        figures.ageDays = ageDays
        return figures
    }

    static func people(busFactor: Int, commits: Int, topShare: Double) -> PeopleFigures {
        var figures = PeopleFigures()
        figures.busFactor = busFactor
        figures.busFactorCommits = commits
        figures.topAuthorShare = topShare
        return figures
    }

    @Test func recentCommitsAreRecentActivity() throws {
        let history = Make.history(activity: Self.activity(3, 40, total: 120, ageDays: 700))
        let finding = try HasRecentActivity().evaluate(Make.evidence(history: history))
        #expect(finding.outcome == .yes)
        #expect(finding.message == "3 commits in the 90 days up to 2023-11-14 (40 in 365 days, 120 in all over 700 days)")
        #expect(finding.values["commits365"] == .int(40))
        #expect(finding.values["incomplete"] == .bool(false))
    }

    @Test func noCommitInNinetyDaysIsNoRecentActivity() throws {
        let history = Make.history(activity: Self.activity(0, 5, total: 9, ageDays: 400))
        let finding = try HasRecentActivity().evaluate(Make.evidence(history: history))
        #expect(finding.outcome == .no)
        #expect(finding.message.hasPrefix("0 commits in the 90 days up to 2023-11-14"))
    }

    @Test func theBusFactorNeedsThreePeople() throws {
        let healthy = try BusFactorIsHealthy().evaluate(Make.evidence(history: Make.history(people: Self.people(busFactor: 3, commits: 40, topShare: 0.25))))
        #expect(healthy.outcome == .yes)
        #expect(healthy.values["topAuthorCommits"] == .int(10))
        let single = try BusFactorIsHealthy().evaluate(Make.evidence(history: Make.history(people: Self.people(busFactor: 1, commits: 40, topShare: 0.8))))
        #expect(single.outcome == .no)
        #expect(single.message == "1 person accounts for half of the 40 non-merge commits by people in the 365 days up to 2023-11-14; "
                + "the most active made 80% of them")
    }

    @Test func theBusFactorIsNotAvailableWithoutCommitsOrWithAShallowWindow() throws {
        let empty = try BusFactorIsHealthy().evaluate(Make.evidence(history: Make.history()))
        #expect(empty.outcome == .notAvailable)
        #expect(empty.message == "no commits by people in the 365 days up to 2023-11-14")
        // The clone's history stops 100 days before "as of": the 365-day window is cut.
        let shallow = Make.history(shallowBoundary: Make.asOf - 100 * Make.day, people: Self.people(busFactor: 3, commits: 40, topShare: 0.2))
        let cut = try BusFactorIsHealthy().evaluate(Make.evidence(history: shallow))
        #expect(cut.outcome == .notAvailable)
        #expect(cut.message.hasSuffix("(shallow clone: history before 2023-08-06 is missing)"))
        #expect(cut.values["incomplete"] == .bool(true))
    }

    @Test func anUnreadableHistoryCatalogueMakesEveryHistoryProbeAnError() {
        let evidence = Make.evidence(history: HistoryEvidence(asOf: Make.asOf, catalogueProblem: "history.yml:1:1: broken"))
        let findings = ProbeRunner.run(HistoryProbes.all, on: evidence)
        #expect(findings.count == HistoryProbes.all.count)
        #expect(findings.allSatisfy { $0.outcome == .error && $0.message.hasSuffix("history.yml:1:1: broken") })
    }
}
