import Testing
@testable import CDScanKit

/// The parsers on literal texts: shapes the fixtures do not show, and malformed input.
@Suite struct PipelineParsingTests {
    @Test func globsMatchWholePaths() {
        #expect(PathGlob(".github/workflows/*.yml").matches(".github/workflows/ci.yml"))
        #expect(!PathGlob(".github/workflows/*.yml").matches(".github/workflows/sub/ci.yml"))
        #expect(PathGlob("**/Jenkinsfile").matches("Jenkinsfile"))
        #expect(PathGlob("**/Jenkinsfile").matches("a/b/Jenkinsfile"))
        #expect(!PathGlob("**/Jenkinsfile").matches("a/Jenkinsfile.bak"))
        #expect(PathGlob("ci/**/*.yml").matches("ci/x/y/p.yml"))
    }

    @Test func gitHubActionsReadsTriggersReusableWorkflowsAndCompositeActions() throws {
        let evidence = PipelineScan.evidence([
            ".github/workflows/ci.yml": """
                on:
                  pull_request:
                  schedule: [{cron: "0 0 * * 1"}]
                  workflow_dispatch:
                jobs:
                  checks:
                    steps:
                      - uses: ./.github/actions/setup
                  deploy:
                    needs: checks
                    uses: ./.github/workflows/deploy.yml
                  shared:
                    uses: acme/workflows/.github/workflows/release.yml@v2
                """,
            ".github/workflows/deploy.yml": """
                on: workflow_call
                jobs:
                  apply:
                    environment: production
                    steps: [{run: terraform apply -auto-approve}]
                """,
            ".github/actions/setup/action.yml": "runs:\n  using: composite\n  steps:\n    - run: npm ci && npm test\n      shell: bash\n",
        ])
        let ci = try #require(evidence.pipelines.first { $0.file == ".github/workflows/ci.yml" })
        #expect(ci.triggerKinds == [.mergeRequest, .schedule, .manual])
        #expect(ci.job(named: "checks")?.kinds == [.build, .test])
        let deploy = try #require(ci.job(named: "deploy"))
        #expect(deploy.kinds == [.deploy])
        #expect(deploy.normalisedEnvironment == "production")
        #expect(deploy.gate == .environment)
        #expect(ci.job(named: "shared")?.kinds == [.release])
        #expect(ci.templates.map(\.kind) == [.template, .reusableWorkflow, .reusableWorkflow])
        let called = try #require(evidence.pipelines.first { $0.file == ".github/workflows/deploy.yml" })
        #expect(called.triggerKinds.isEmpty)
    }

    /// A workflow started when another completes (`workflow_run`) runs for what starts that one: a
    /// deployment after the pull-request checks runs for every merge request (an environment per change).
    @Test func aWorkflowRunFollowerIsStartedByWhatStartsTheWorkflowItFollows() throws {
        let evidence = PipelineScan.evidence([
            ".github/workflows/ci-pr.yml": "name: CI - Pull Request\non: pull_request\njobs:\n  test: {steps: [{run: go test ./...}]}\n",
            ".github/workflows/deploy-pr.yml": """
                name: Deploy - Pull Request
                on:
                  workflow_run:
                    workflows: ["CI - Pull Request"]
                    types: [completed]
                jobs:
                  preview: {environment: preview, steps: [{run: kubectl apply -f deploy.yaml}]}
                """,
            ".github/workflows/nightly.yml": "on:\n  workflow_run:\n    workflows: [Unknown]\njobs:\n  x: {steps: [{run: make}]}\n",
        ])
        let deploy = try #require(evidence.pipelines.first { $0.file == ".github/workflows/deploy-pr.yml" })
        #expect(deploy.triggerKinds == [.mergeRequest])
        #expect(deploy.triggers.first { $0.kind == .mergeRequest }?.line == 3)
        let nightly = try #require(evidence.pipelines.first { $0.file == ".github/workflows/nightly.yml" })
        #expect(nightly.triggerKinds.isEmpty)
    }

    /// A repository that is itself an action tests it with `uses: ./`: its root `action.yaml` is read for
    /// the steps (getsentry/self-hosted's integration tests install and test through it).
    @Test func theRepositorysOwnActionIsReadLikeALocalOne() throws {
        let evidence = PipelineScan.evidence([
            ".github/workflows/test.yml": "on: pull_request\njobs:\n  integration:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: './'\n",
            "action.yaml": "runs:\n  using: composite\n  steps:\n    - run: ./install.sh && pytest _integration-test\n      shell: bash\n",
        ])
        let test = try #require(evidence.pipelines.first)
        #expect(test.job(named: "integration")?.kinds == [.build, .test])
    }

    /// `push:` filtered to tags runs on pushed tags only; with a branch filter beside it, on both.
    @Test func gitHubActionsReadsPushTagFiltersAsTagTriggers() throws {
        let evidence = PipelineScan.evidence([
            ".github/workflows/release.yml": """
                on:
                  push:
                    tags: ["0.*"]
                jobs:
                  publish: {steps: [{run: cargo publish}]}
                """,
            ".github/workflows/ci.yml": """
                on:
                  push:
                    branches: [main]
                    tags: ["v*"]
                jobs:
                  test: {steps: [{run: cargo test}]}
                """,
        ])
        let release = try #require(evidence.pipelines.first { $0.file == ".github/workflows/release.yml" })
        #expect(release.triggerKinds == [.tag])
        let ci = try #require(evidence.pipelines.first { $0.file == ".github/workflows/ci.yml" })
        #expect(ci.triggerKinds == [.push, .tag])
    }

    /// A job that takes an environment only for its secrets (an integration test against a forge) does
    /// not deploy; a job whose environment names a stage of delivery does.
    @Test func anEnvironmentDeploysOnlyWhenItNamesAStageOfDelivery() throws {
        let evidence = PipelineScan.evidence([
            ".github/workflows/integration.yml": """
                on: {pull_request: {}, workflow_dispatch: {}}
                jobs:
                  integration:
                    environment: gitlab
                    steps: [{run: go test ./e2e/...}]
                  e2e:
                    environment: test
                    steps: [{run: go test ./e2e/...}]
                  ship:
                    environment: staging
                    steps: [{run: ./scripts/rollout.sh}]
                """,
        ])
        let pipeline = try #require(evidence.pipelines.first)
        #expect(pipeline.job(named: "integration")?.kinds.contains(.deploy) == false)
        #expect(pipeline.job(named: "e2e")?.kinds.contains(.deploy) == false)
        #expect(pipeline.job(named: "ship")?.kinds.contains(.deploy) == true)
    }

    @Test func aMalformedFileIsAProblemAndTheOthersStillCount() {
        let evidence = PipelineScan.evidence([
            ".gitlab-ci.yml": "test:\n  script: [pytest\n",
            "Jenkinsfile": "pipeline {\n  stages {\n    stage('x') {\n  }\n",
            ".github/workflows/ok.yml": "on: push\njobs:\n  t: {steps: [{run: go test ./...}]}\n",
            ".github/workflows/list.yml": "- not a workflow\n",
            ".circleci/config.yml": "version: 2.1\njobs: {}\nworkflows: {}\n",
        ])
        #expect(evidence.problems.map(\.file) == [".github/workflows/list.yml", ".gitlab-ci.yml", "Jenkinsfile"])
        #expect(evidence.problems[2].description == "Jenkinsfile:2:10: '{' is never closed")
        #expect(evidence.problems[1].line == 3)
        #expect(evidence.pipelines.map(\.file) == [".circleci/config.yml", ".github/workflows/ok.yml"])
        #expect(evidence.files.count == 5)
    }

    /// A Jenkinsfile that is only a shared-library call (the Jenkins plugin ecosystem's `buildPlugin()`)
    /// or a scripted `node {}` without stages is one job made of its lines.
    @Test func aJenkinsfileWithoutStagesIsOneJob() throws {
        let evidence = PipelineScan.evidence([
            "Jenkinsfile": "/* see the pipeline library */\nbuildPlugin(\n  forkCount: '1C',\n  configurations: [[platform: 'linux', jdk: 21]])\n",
            "other/Jenkinsfile": "node {\n  checkout scm\n  sh 'go test ./...'\n}\n",
        ])
        let library = try #require(evidence.pipelines.first { $0.file == "Jenkinsfile" })
        #expect(library.jobs.count == 1)
        let kinds = library.jobs.first?.kinds ?? []
        #expect(kinds.contains(.build) && kinds.contains(.test))
        let scripted = try #require(evidence.pipelines.first { $0.file == "other/Jenkinsfile" })
        #expect(scripted.jobs.first?.kinds.contains(.test) == true)
    }

    @Test func jenkinsBracesInStringsAndCommentsDoNotCount() throws {
        let evidence = PipelineScan.evidence([
            "Jenkinsfile": """
                // a comment with a { brace
                pipeline {
                  stages {
                    stage("Publish") {
                      steps {
                        sh 'echo "}" && npm publish'
                        sh '''
                          twine upload dist/*
                        '''
                      }
                    }
                  }
                }
                """,
        ])
        #expect(evidence.problems.isEmpty)
        let job = try #require(evidence.pipelines.first?.job(named: "Publish"))
        #expect(job.kinds == [.publish])
        #expect(job.line == 4)
    }

    @Test func gitLabExtendsAndStagesOrderJobs() throws {
        let evidence = PipelineScan.evidence([
            ".gitlab-ci.yml": """
                stages: [test, deploy]
                .base: {script: [kubectl apply -f k8s/]}
                test: {script: [go test ./...]}
                review:
                  extends: .base
                  stage: deploy
                  environment: {name: review/$CI_COMMIT_REF_SLUG}
                  only: [merge_requests]
                """,
        ])
        let pipeline = try #require(evidence.pipelines.first)
        let review = try #require(pipeline.job(named: "review"))
        #expect(review.kinds == [.deploy])
        #expect(review.environment == "review/$CI_COMMIT_REF_SLUG")
        #expect(review.normalisedEnvironment == "preview")
        #expect(pipeline.runs(try #require(pipeline.job(named: "test")), before: review))
        #expect(pipeline.triggerKinds == [.push, .mergeRequest])
    }

    @Test func theSameTreeGivesTheSameEvidence() {
        let files = [".drone.yml": "kind: pipeline\nsteps:\n  - {name: a, image: golang, commands: [go build]}\n  - {name: b, image: plugins/docker}\n"]
        let first = PipelineScan.evidence(files)
        let second = PipelineScan.evidence(files)
        #expect(first.pipelines == second.pipelines)
        #expect(first.pipelines.first?.jobs.map(\.needs) == [[], ["a"]])
    }
}
