import Testing
@testable import CDScanKit

/// A README that names a pipeline kept in another repository, and the end-to-end path made of pull-request
/// checks followed by a delivery on the merge.
@Suite struct PipelineElsewhereTests {
    static func mention(_ tool: String, _ path: String, line: Int) -> Detection {
        HandBuiltEvidence.detection("hasPipelineElsewhere", tool: tool, path: path, line: line)
    }

    @Test func aSystemNamedInTheReadmeButNotConfiguredHereIsElsewhere() throws {
        let evidence = HandBuiltEvidence.evidence(detections: HandBuiltEvidence.detections([Self.mention("Concourse", "README.md", line: 58)]))
        let finding = try HasPipelineElsewhere().evaluate(evidence)
        #expect(finding.outcome == .yes)
        #expect(finding.values["systems"] == .list(["Concourse"]))
        #expect(finding.values["mentions"] == .list(["README.md:58"]))
        #expect(finding.message == "the documentation names a pipeline kept outside the repository (Concourse: README.md:58)")
    }

    @Test func aSystemWhosePipelineIsHereIsNotElsewhere() throws {
        // "Travis CI" in the README, `.travis.yml` in the tree: the README describes the pipeline cdscan reads.
        var travis = HandBuiltEvidence.pipeline(".travis.yml", jobs: [HandBuiltEvidence.job("test", line: 3, kinds: [.test])])
        travis = Pipeline(system: "travis-ci", file: travis.file, triggers: travis.triggers, jobs: travis.jobs, templates: [])
        let evidence = HandBuiltEvidence.evidence(pipelines: [travis], detections: HandBuiltEvidence.detections([Self.mention("Travis CI", "README.md", line: 4)]))
        let finding = try HasPipelineElsewhere().evaluate(evidence)
        #expect(finding.outcome == .no)
        #expect(finding.values["systems"] == .list([]))
    }

    @Test func mergeRequestChecksThenADeliveryOnTheMergeAreOnePath() throws {
        let checks = HandBuiltEvidence.pipeline(".github/workflows/checks.yml", on: [.mergeRequest],
                                                jobs: [HandBuiltEvidence.job("validate", line: 5, kinds: [.build, .lint])])
        let release = HandBuiltEvidence.pipeline(".github/workflows/release.yml", on: [.push, .manual],
                                                 jobs: [HandBuiltEvidence.job("release", line: 9, kinds: [.release])])
        let finding = try CIHasEndToEndPipeline().evaluate(HandBuiltEvidence.evidence(pipelines: [checks, release]))
        #expect(finding.outcome == .yes)
        #expect(finding.values["stages"] == .list(["build", "lint", "release"]))
        #expect(finding.message.hasPrefix(".github/workflows/checks.yml checks each merge request, then .github/workflows/release.yml goes"))
        // Without checks on merge requests, the release on push follows nothing that builds.
        let pushOnly = HandBuiltEvidence.pipeline(".github/workflows/checks.yml", on: [.schedule],
                                                  jobs: [HandBuiltEvidence.job("validate", line: 5, kinds: [.build])])
        #expect(try CIHasEndToEndPipeline().evaluate(HandBuiltEvidence.evidence(pipelines: [pushOnly, release])).outcome == .no)
    }

    /// An Ansible role's shape: every change runs Molecule, and a pushed tag imports the role into Galaxy.
    @Test func mergeRequestChecksThenAPublishOnAPushedTagAreOnePath() throws {
        let checks = HandBuiltEvidence.pipeline(".github/workflows/ci.yml", on: [.push, .mergeRequest],
                                                jobs: [HandBuiltEvidence.job("molecule", line: 5, kinds: [.build, .test])])
        let release = HandBuiltEvidence.pipeline(".github/workflows/release.yml", on: [.tag],
                                                 jobs: [HandBuiltEvidence.job("release", line: 7, kinds: [.publish])])
        let finding = try CIHasEndToEndPipeline().evaluate(HandBuiltEvidence.evidence(pipelines: [checks, release]))
        #expect(finding.outcome == .yes)
        #expect(finding.values["stages"] == .list(["build", "test", "publish"]))
        #expect(finding.message == ".github/workflows/ci.yml checks each merge request, then .github/workflows/release.yml goes build → test → publish on a pushed tag (release)")
        // A publish on every push (not a tag) is not a release path: a package pushed on each commit.
        let everyPush = HandBuiltEvidence.pipeline(".github/workflows/release.yml", on: [.push],
                                                   jobs: [HandBuiltEvidence.job("release", line: 7, kinds: [.publish])])
        #expect(try CIHasEndToEndPipeline().evaluate(HandBuiltEvidence.evidence(pipelines: [checks, everyPush])).outcome == .no)
    }
}
