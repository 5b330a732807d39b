import Testing
@testable import CDScanKit

/// Practice over edits: an artefact is practised when work flows through it over time, not only when its
/// own files are edited; and a repository that has gone quiet practises nothing now.
@Suite struct PracticeFlowTests {
    @Test func flowCountsTheCommitsMadeSinceTheArtefactAppeared() {
        var index = ArtefactPracticeIndex()
        index.trackedPaths = [".github/workflows/"]
        index.touches[".github/workflows/ci.yml"] = [.init(commit: 7, authorTime: 1_000, person: 0)]
        index.commitTimes = [400, 999, 1_000, 1_000, 1_500, 2_000]
        let practice = index.practice(of: [".github/workflows/"], isShallow: false)
        #expect(practice.commits == 1)
        #expect(practice.flowCommits == 4)
        #expect(index.practice(of: ["infra/"], isShallow: false).flowCommits == 0)
    }

    static func findings(ownCommits: Int, flowCommits: Int, commitsLastYear: Int) -> [String: Finding] {
        let list = [
            Finding.answer("ciHasEndToEndPipeline", true, "e2e", values: ["stages": .list(["build", "test", "deploy"]), "system": .string("github-actions")]),
            Finding.answer("ciRunsOnChange", true, "push", values: ["triggers": .list(["push"])]),
            Finding.answer("ciRunsTests", true, "tests"),
            Finding.answer("hasCIConfiguration", true, "ci", values: [
                "practiceCommits": .int(ownCommits), "practiceFlowCommits": .int(flowCommits), "practiceAgeDays": .int(270)]),
            Finding.answer("hasRecentActivity", commitsLastYear > 0, "activity", values: ["commits365": .int(commitsLastYear)]),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.probe, $0) })
    }

    @Test func aPipelineAddedOnceThatHundredsOfCommitsWentThroughIsPractised() throws {
        let rule = try #require(try RuleSet.load().rule("L3.process.e2e-pipeline-automated"))
        let result = RuleEngine.evaluate(rule, findings: Self.findings(ownCommits: 1, flowCommits: 400, commitsLastYear: 400))
        #expect(result.outcome == .met)
        #expect(result.practiced)
        #expect(result.explanation.contains("400 commits went through it over 270 days"))
    }

    @Test func aQuietRepositoryPractisesNothingNow() throws {
        let rule = try #require(try RuleSet.load().rule("L3.process.e2e-pipeline-automated"))
        let result = RuleEngine.evaluate(rule, findings: Self.findings(ownCommits: 12, flowCommits: 400, commitsLastYear: 1))
        #expect(result.outcome == .met)
        #expect(!result.practiced)
        #expect(result.explanation.contains("gone quiet (1 commit in the last year)"))
    }
}
