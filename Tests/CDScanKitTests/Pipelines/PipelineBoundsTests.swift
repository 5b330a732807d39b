import Foundation
import Testing
@testable import CDScanKit

/// The pipeline readers' work stays bounded by what they read: no nesting overflows the stack, nested
/// blocks cost no more than blocks in a row, one blob is parsed once, and the budget says where it stopped.
@Suite struct PipelineBoundsTests {
    private func seconds(_ body: () -> Void) -> Double {
        let started = Date()
        body()
        return Date().timeIntervalSince(started)
    }

    @Test func aHundredThousandNestedBracesNeitherOverflowNorTakeLong() throws {
        let text = String(repeating: "node { ", count: 100_000) + "sh 'make test'\n" + String(repeating: "}", count: 100_000)
        var evidence: PipelineEvidence?
        let time = seconds { evidence = PipelineScan.evidence(["Jenkinsfile": text]) }
        #expect(time < 3, "took \(time) s")
        let pipeline = try #require(evidence?.pipelines.first)
        #expect(pipeline.jobs.count == 1)
    }

    /// A script of forty thousand lines, each running the script again, from four steps: read and cut
    /// once, and followed only as far as the recipe-line budget and the depth limit let it.
    @Test func aScriptThatRunsItselfOnEveryLineIsReadOnceAndBounded() throws {
        let script = String(repeating: "echo hi && ./ci/again.sh\n", count: 40_000) + "docker push registry/image\n"
        let workflow = "on: push\njobs:\n  r:\n    runs-on: x\n    steps:\n" + String(repeating: "      - run: ./ci/again.sh\n", count: 4)
        var evidence: PipelineEvidence?
        let time = seconds { evidence = PipelineScan.evidence([".github/workflows/ci.yml": workflow, "ci/again.sh": script]) }
        #expect(time < 3, "took \(time) s")
        // The budget ends long before the last line: the job is not taken for a publishing one.
        let job = try #require(evidence?.pipelines.first?.jobs.first)
        #expect(!job.kinds.contains(.publish))
    }

    @Test func gitLabExtendsFanningOutAtEveryLevelIsResolvedOncePerHiddenJob() throws {
        // Eight levels of ten hidden jobs, each extending all ten of the level below: 10^8 merges when
        // every parent is resolved anew, 800 when each is resolved once.
        var text = ""
        for index in 0..<10 { text += ".l0-\(index):\n  script: [\"make l0-\(index)\"]\n" }
        for level in 1..<8 {
            let parents = (0..<10).map { "\".l\(level - 1)-\($0)\"" }.joined(separator: ", ")
            for index in 0..<10 { text += ".l\(level)-\(index):\n  extends: [\(parents)]\n  variables: {L\(level)_\(index): \"1\"}\n" }
        }
        text += "test:\n  extends: [" + (0..<10).map { "\".l7-\($0)\"" }.joined(separator: ", ") + "]\n"
        var evidence: PipelineEvidence?
        let time = seconds { evidence = PipelineScan.evidence([".gitlab-ci.yml": text]) }
        #expect(time < 3, "took \(time) s")
        let job = try #require(evidence?.pipelines.first?.jobs.first)
        #expect(job.name == "test")
        // The first parent's script wins, as in GitLab (later parents are merged underneath it).
        #expect(job.steps.count == 1)
    }

    @Test func nestedStagesCostAboutWhatStagesInARowCost() throws {
        let count = 5_000
        let nested = String(repeating: "stage('x') { ", count: count) + "sh 'make test'\n" + String(repeating: "}", count: count)
        let flat = String(repeating: "stage('x') { sh 'make test' }\n", count: count)
        var nestedJobs = 0, flatJobs = 0
        let nestedTime = seconds { nestedJobs = PipelineScan.evidence(["Jenkinsfile": nested]).pipelines.first?.jobs.count ?? 0 }
        let flatTime = seconds { flatJobs = PipelineScan.evidence(["Jenkinsfile": flat]).pipelines.first?.jobs.count ?? 0 }
        #expect(nestedJobs == count)
        #expect(flatJobs == count)
        // Quadratic nesting was 5,000 times the flat cost; linear stays within a small factor.
        #expect(nestedTime < flatTime * 5 + 0.5, "nested \(nestedTime) s, flat \(flatTime) s")
    }

    @Test func nestedStagesKeepTheirOwnStepsOnly() throws {
        let text = """
            pipeline { stages {
              stage('Outer') {
                steps {
                  sh 'make build'
                }
                stage('Inner') {
                  sh 'make test'
                }
                when { branch 'main' }
              }
            } }
            """
        let pipeline = try #require(PipelineScan.evidence(["Jenkinsfile": text]).pipelines.first)
        #expect(pipeline.jobs.map(\.name) == ["Outer", "Inner"])
        #expect(pipeline.jobs[0].steps.map(\.text) == ["sh 'make build'"])
        #expect(pipeline.jobs[1].steps.map(\.text) == ["sh 'make test'"])
    }

    @Test func aBlobUnderManyPathsIsOnePipelinePerPathWithinTheFileBudget() throws {
        let workflow = "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: make test\n"
        let files = Dictionary(uniqueKeysWithValues: (0..<30).map { (".github/workflows/w\($0).yml", workflow) })
        let evidence = PipelineEvidence.collect(tree: SourceTree(files: files), catalogues: BuiltInRules.files(under: "catalogues/"),
                                                budget: PipelineBudget(files: 10))
        #expect(evidence.pipelines.count == 10)
        #expect(Set(evidence.pipelines.map(\.file)).count == 10)
        #expect(evidence.files.count == 30)
        #expect(evidence.unparsedFiles.count == 20)
        #expect(evidence.budgetNote == "pipeline parsing stopped at the scan's limit of 10 pipeline files: 20 further pipeline files are listed but not parsed")
        // The unparsed files are followed through their folder, not one by one.
        #expect(evidence.artefactPaths.contains(".github/workflows/"))
        #expect(evidence.artefactPaths.count == 11)
    }

    @Test func stepsOverTheBudgetStopParsingBeforeTheyAreClassified() throws {
        let commands = (0..<50).map { "      - echo \($0)" }.joined(separator: "\n")
        let buildspec = "version: 0.2\nphases:\n  build:\n    commands:\n" + commands + "\n"
        let files = ["a/buildspec.yml": buildspec, "b/buildspec.yml": buildspec + "\n", "c/buildspec.yml": buildspec + "\n\n"]
        let evidence = PipelineEvidence.collect(tree: SourceTree(files: files), catalogues: BuiltInRules.files(under: "catalogues/"),
                                                budget: PipelineBudget(steps: 120))
        #expect(evidence.pipelines.map(\.file) == ["a/buildspec.yml", "b/buildspec.yml"])
        #expect(evidence.unparsedFiles == ["c/buildspec.yml"])
        #expect(evidence.budgetNote?.contains("120 steps") == true)
    }

    @Test func aProblemInARepeatedBlobIsReportedAtEveryPath() throws {
        let broken = "on: push\njobs: [oops\n"
        let evidence = PipelineScan.evidence([".github/workflows/a.yml": broken, ".github/workflows/b.yml": broken])
        #expect(evidence.problems.map(\.file) == [".github/workflows/a.yml", ".github/workflows/b.yml"])
    }
}
