import Testing
import FixtureKit
@testable import CDScanKit

/// The CI catalogues load cleanly, and every entry does what it says: each command text classifies, each
/// environment alias normalises, each job-name word counts, each system and runner is found somewhere.
@Suite struct PipelineCatalogueTests {
    static let (catalogue, problems) = PipelineCatalogue.load(BuiltInRules.files(under: "catalogues/"))
    let classifier = StepClassifier(catalogue: Self.catalogue)

    @Test func theBuiltInCataloguesLoadWithoutProblems() {
        #expect(Self.problems.isEmpty, "\(Self.problems)")
        #expect(Self.catalogue.systems.count >= 18)
        #expect(Self.catalogue.commands.count >= 80)
    }

    @Test func everyCommandTextMeansItsKindsAndTool() {
        for command in Self.catalogue.commands {
            for text in command.match {
                let step = classifier.step("  \(text) --flag", line: 1)
                #expect(Set(command.kinds).isSubset(of: step.kinds), "'\(text)' of \(command.tool)")
                #expect(step.tools.contains(command.tool), "'\(text)' names \(command.tool)")
            }
        }
    }

    @Test func commandsMatchAtWordEdgesOnly() {
        // Running the tests builds the package first.
        #expect(classifier.step("go test -race ./...", line: 1).kinds == [.build, .test])
        #expect(classifier.step("aquasecurity/trivy-action@0.12.0", line: 1).tools == ["trivy"])
        #expect(classifier.step("go testify-generate", line: 1).kinds.isEmpty)
        #expect(classifier.step("echo contest", line: 1).kinds.isEmpty)
        #expect(classifier.step("Run PyTest", line: 1).kinds == [.build, .test])
    }

    @Test func aRegistryNamedLikeWorkIsNotThatWork() {
        #expect(classifier.kinds(ofName: "Publish to Test PyPI") == [.publish])
        #expect(classifier.kinds(ofName: "publish-test-pypi") == [.publish])
        #expect(classifier.kinds(ofName: "test pypi upload") == [.publish])
        #expect(classifier.kinds(ofName: "unit test") == [.test])
    }

    /// A job that cleans up, deletes or stops what others deployed does none of the work its other words
    /// name; "test" right after a deployment's word is where it goes, not tests it runs.
    @Test func namesThatUndoWorkOrNameATestEnvironmentSayWhatTheJobDoes() {
        #expect(classifier.kinds(ofName: "cleanup-deployment-ids").isEmpty)
        #expect(classifier.kinds(ofName: "delete-unused-test-client").isEmpty)
        #expect(classifier.kinds(ofName: "stop_review").isEmpty)
        #expect(classifier.kinds(ofName: "backup production database").isEmpty)
        #expect(classifier.kinds(ofName: "PushDockerHubReadme").isEmpty)
        #expect(classifier.kinds(ofName: "Tear down the preview deployment").isEmpty)
        #expect(classifier.kinds(ofName: "deploy-test-client") == [.deploy])
        #expect(classifier.kinds(ofName: "Deploy to testing") == [.deploy])
        #expect(classifier.kinds(ofName: "build-test-deploy") == [.build, .test, .deploy])
        #expect(classifier.kinds(ofName: "deploy-and-test") == [.test, .deploy])
        #expect(classifier.kinds(ofName: "deploy then run e2e tests") == [.test, .deploy])
        // Publishing what the work found (contracts, test results, coverage) publishes no software.
        #expect(classifier.kinds(ofName: "run-java-tests-and-publish-pacts") == [.test])
        #expect(classifier.kinds(ofName: "Upload test results") == [.test])
        #expect(classifier.kinds(ofName: "publish coverage report").isEmpty)
        #expect(classifier.kinds(ofName: "publish-image") == [.package, .publish])
        // A Molecule run or Beaker's acceptance tests, named for the tool.
        #expect(classifier.kinds(ofName: "beaker.yml") == [.test])
    }

    /// A job that deletes a review app names the environment it removes; it does not deploy there. An
    /// environment chosen as the job runs has no name to report.
    @Test func aJobThatDeletesAReviewAppDoesNotDeployThere() throws {
        let tree: [String: String] = [
            ".github/workflows/review.yml": """
                on: {pull_request: {types: [closed]}, workflow_dispatch: {}}
                jobs:
                  delete-review-app: {environment: review, steps: [{uses: org/actions/delete-review-app@v1}]}
                  review-app: {environment: review, steps: [{uses: org/actions/review-app@v1}]}
                  owasp: {environment: production, steps: [{uses: zaproxy/action-baseline@v0.12.0}]}
                  deploy: {environment: '${{ inputs.environment }}', steps: [{run: ./scripts/deploy}]}
                """,
        ]
        let pipeline = try #require(PipelineScan.evidence(tree).pipelines.first)
        #expect(pipeline.job(named: "delete-review-app")?.has(.deploy) == false)
        #expect(pipeline.job(named: "review-app")?.has(.deploy) == true)
        #expect(pipeline.job(named: "owasp")?.kinds == [.security])
        let deploy = try #require(pipeline.job(named: "deploy"))
        #expect(deploy.has(.deploy))
        #expect(PipelineEvidence.environment(of: deploy) == nil)
    }

    @Test func whatAStepPrintsIsNotWhatItRuns() {
        // The jshttp projects' "Output Node and NPM versions" step names `npm version` without running it.
        #expect(classifier.step("echo \"Node.js version: $(node -v)\"\necho \"NPM version: $(npm -v)\"", line: 1).kinds.isEmpty)
        #expect(classifier.step("printf 'run goreleaser next\\n'; Write-Host 'kubectl apply'", line: 1).kinds.isEmpty)
        // A command beside the printing one still counts, and so do words that only contain a printing word.
        #expect(classifier.step("echo \"$TOKEN\" | docker login -u x --password-stdin && npm version patch", line: 1).kinds == [.release])
        #expect(classifier.step("./echoserver && npm version minor", line: 1).kinds == [.release])
    }

    @Test func everyEnvironmentAliasNormalises() {
        for environment in Self.catalogue.environments {
            for alias in environment.aliases {
                #expect(classifier.normalisedEnvironment(alias) == environment.name, "\(alias)")
                #expect(classifier.normalisedEnvironment("deploy-\(alias)-eu") == environment.name, "deploy-\(alias)-eu")
            }
        }
        #expect(classifier.normalisedEnvironment("pre-prod") == "staging")
        #expect(classifier.normalisedEnvironment("Deploy to pre-prod") == "staging")
        #expect(classifier.normalisedEnvironment("github-pages") == nil)
    }

    @Test func everyJobNameWordMeansItsKind() {
        for (kind, words) in Self.catalogue.jobNames {
            for word in words {
                #expect(classifier.kinds(ofName: "nightly \(word)").contains(kind), "\(word)")
            }
        }
        #expect(classifier.kinds(ofName: "deployProduction").contains(.deploy))
        #expect(classifier.kinds(ofName: "checkout").isEmpty)
    }

    /// Each CI system's `examples`: its globs take every `matches` path and no `ignores` path.
    @Test func everySystemTakesItsExamplePathsAndNoOthers() {
        for system in Self.catalogue.systems {
            #expect(!system.matchingExamples.isEmpty, "\(system.id) has no examples")
            for path in system.matchingExamples {
                #expect(system.matchesPath(path), "\(system.id) does not take \(path)")
            }
            for path in system.ignoredExamples {
                #expect(!system.matchesPath(path), "\(system.id) takes \(path)")
            }
        }
    }

    @Test func everySystemIsFoundInAFixture() throws {
        var found: Set<String> = []
        for fixture in ["ci-many", "ci-gitlab", "ci-jenkins", "service"] {
            found.formUnion(try PipelineScan.scan(fixture: fixture).pipelines.pipelines.map(\.system))
        }
        let forgejo = PipelineScan.evidence([".forgejo/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n      - run: cargo test\n"])
        found.formUnion(forgejo.pipelines.map(\.system))
        #expect(found == Set(Self.catalogue.systems.map(\.id)))
    }

    @Test func everyRunnerIsFollowedIntoItsRecipes() {
        let tree: [String: String] = [
            "Makefile": "check: lint\n\tgo test ./...\nlint:\n\tgolangci-lint run\n",
            "sub/Taskfile.yml": "version: '3'\ntasks:\n  ship:\n    cmds:\n      - helm upgrade --install app chart\n",
            "justfile": "publish:\n    cargo publish\n",
            "package.json": "{\"scripts\": {\"pretest\": \"eslint .\", \"test\": \"jest\"}}",
            ".github/workflows/ci.yml": """
                on: push
                jobs:
                  make: {steps: [{run: make check}]}
                  task: {steps: [{run: task -d sub ship}]}
                  just: {steps: [{run: just publish}]}
                  npm: {steps: [{run: npm run test}]}
                """,
        ]
        let pipeline = PipelineScan.evidence(tree).pipelines[0]
        #expect(pipeline.job(named: "make")?.kinds == [.build, .test, .lint])
        #expect(pipeline.job(named: "task")?.kinds == [.deploy])
        #expect(pipeline.job(named: "just")?.kinds == [.publish])
        #expect(pipeline.job(named: "npm")?.kinds == [.build, .test, .lint])
        #expect(Set(Self.catalogue.runners.map(\.format)) == Set(TaskRunnerFormat.allCases.map(\.rawValue)))
    }

    @Test func aMalformedCatalogueIsAProblemWithItsPosition() {
        let files = [
            RuleSourceFile(path: "catalogues/ci-bad.yml", text: "kind: ci\ncommands:\n  - {tool: x, kind: nonsense, match: [y]}\n", origin: .builtIn),
            RuleSourceFile(path: "catalogues/ci-worse.yml", text: "kind: ci\nsystems:\n  - id: x\n    parser: nope\n    paths: [a]\n", origin: .builtIn),
            RuleSourceFile(path: "catalogues/ci-broken.yml", text: "kind: ci\nrunners: [\n", origin: .builtIn),
            RuleSourceFile(path: "catalogues/iac.yml", text: "not: [ours\n", origin: .builtIn),
        ]
        let (_, problems) = PipelineCatalogue.load(files)
        #expect(problems.map(\.file) == ["catalogues/ci-bad.yml", "catalogues/ci-broken.yml", "catalogues/ci-worse.yml"])
        #expect(problems[0].description.hasPrefix("catalogues/ci-bad.yml:3:21: unknown job kind 'nonsense'"))
        #expect(problems[2].description.hasPrefix("catalogues/ci-worse.yml:4:13: unknown parser 'nope'"))
        let evidence = PipelineEvidence.collect(tree: SourceTree(files: [:]), catalogues: files)
        #expect(evidence.problems.count == 3)
    }
}

/// Releases a person must still publish, and clusters that end with the job, are not delivery.
@Suite struct DraftReleaseAndThrowawayClusterTests {
    @Test func aPipelineThatOnlyDraftsReleasesDoesNotRelease() throws {
        let tree: [String: String] = [
            ".github/workflows/release.yml": """
                on: {push: {tags: ["*"]}}
                jobs:
                  create-release: {steps: [{run: gh release create $VERSION --draft --verify-tag}]}
                  build-release: {needs: create-release, steps: [{run: cargo build --release}, {run: tar czf app.tgz target}, {run: gh release upload $VERSION app.tgz}]}
                """,
            ".github/workflows/publish.yml": """
                on: {push: {tags: ["*"]}}
                jobs:
                  release: {steps: [{uses: softprops/action-gh-release@v2}]}
                """,
        ]
        let pipelines = PipelineScan.evidence(tree).pipelines
        let drafted = try #require(pipelines.first { $0.file == ".github/workflows/release.yml" })
        #expect(drafted.jobs.allSatisfy { !$0.has(.release) })
        let published = try #require(pipelines.first { $0.file == ".github/workflows/publish.yml" })
        #expect(published.job(named: "release")?.has(.release) == true)
    }

    @Test func aDeploymentIntoAClusterTheJobStartsIsATest() throws {
        let tree: [String: String] = [
            ".github/workflows/ci.yml": """
                on: push
                jobs:
                  deployment-tests: {steps: [{uses: helm/kind-action@v1}, {run: kubectl apply -f deploy.yaml}]}
                  deploy: {steps: [{run: kubectl apply -f deploy.yaml}]}
                """,
        ]
        let ci = try #require(PipelineScan.evidence(tree).pipelines.first)
        #expect(ci.job(named: "deployment-tests")?.kinds == [.test])
        #expect(ci.job(named: "deploy")?.has(.deploy) == true)
    }
}
