import Testing
@testable import CDScanKit

/// Pipeline probes from hand-built pipelines: the common model in, findings out.
@Suite struct PipelineProbesTests {
    typealias Make = HandBuiltEvidence

    static let ci = Make.pipeline(".github/workflows/ci.yml", on: [.push, .mergeRequest], jobs: [
        Make.job("build", line: 8, kinds: [.build]),
        Make.job("test", line: 14, kinds: [.test, .lint]),
    ])
    static let nightly = Make.pipeline(".github/workflows/nightly.yml", on: [.schedule], jobs: [
        Make.job("scan", line: 6, kinds: [.security]),
    ])

    @Test func pipelinesAreCIConfiguration() throws {
        let finding = try HasCIConfiguration().evaluate(Make.evidence(pipelines: [Self.ci, Self.nightly]))
        #expect(finding.outcome == .yes)
        #expect(finding.message == "2 pipeline files (github-actions)")
        #expect(finding.values["jobs"] == .int(3))
        #expect(finding.values["files"] == .list([".github/workflows/ci.yml", ".github/workflows/nightly.yml"]))
        let none = try HasCIConfiguration().evaluate(Make.evidence(tree: ["README.md"]))
        #expect(none.outcome == .no)
        #expect(none.message == "no CI/CD pipeline configuration")
    }

    @Test func aPipelineFileThatCannotBeReadIsAnError() throws {
        let problem = PipelineProblem(file: ".gitlab-ci.yml", line: 4, column: 3, message: "mapping values are not allowed here")
        let finding = try HasCIConfiguration().evaluate(Make.evidence(pipelines: [Self.ci], pipelineProblems: [problem]))
        #expect(finding.outcome == .error)
        #expect(finding.message == "a pipeline file could not be read: .gitlab-ci.yml:4:3: mapping values are not allowed here")
        #expect(finding.locations.contains(Finding.Location(path: ".gitlab-ci.yml", line: 4)))
    }

    @Test func aTestJobRunsTheTests() throws {
        let finding = try CIRunsTests().evaluate(Make.evidence(pipelines: [Self.ci, Self.nightly]))
        #expect(finding.outcome == .yes)
        #expect(finding.message == "1 pipeline job runs tests: .github/workflows/ci.yml: test")
        #expect(finding.locations == [Finding.Location(path: ".github/workflows/ci.yml", line: 14)])
        let untested = try CIRunsTests().evaluate(Make.evidence(pipelines: [Self.nightly]))
        #expect(untested.outcome == .no)
        #expect(untested.message == "no pipeline job runs tests")
    }

    @Test func onlyAPushOrAMergeRequestIsAChange() throws {
        let scheduled = try CIRunsOnChange().evaluate(Make.evidence(pipelines: [Self.nightly]))
        #expect(scheduled.outcome == .no)
        #expect(try CIHasManualOrScheduledRuns().evaluate(Make.evidence(pipelines: [Self.nightly])).outcome == .yes)
        let onChange = try CIRunsOnChange().evaluate(Make.evidence(pipelines: [Self.ci, Self.nightly]))
        #expect(onChange.outcome == .yes)
        #expect(onChange.values["triggers"] == .list(["push", "merge-request"]))
    }
}
