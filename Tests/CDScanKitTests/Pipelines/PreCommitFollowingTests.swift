import Testing
@testable import CDScanKit

/// A pipeline that runs pre-commit runs the repository's hooks: `pre-commit run` alone runs the commit
/// stage's hooks, `pre-commit run ID` one of them, and an action that runs pre-commit does the same, so a
/// job running `terraform_validate` through pre-commit checks infrastructure code.
@Suite struct PreCommitFollowingTests {
    static let configuration = """
        default_stages: [pre-commit]
        repos:
          - repo: https://github.com/antonbabenko/pre-commit-terraform
            rev: v1.105.0
            hooks:
              - id: terraform_fmt
              - id: terraform_validate
              - id: terraform_docs
          - repo: local
            hooks:
              - id: unit-tests
                name: unit tests
                entry: pytest -q
                language: system
              - id: slow-checks
                entry: make integration
                language: system
                stages: [manual]

        """

    static let makefile = "integration:\n\tgo test -tags integration ./...\n"

    static func runners(configuration: String = configuration) -> TaskRunners {
        TaskRunners(runners: LoadedCatalogues.builtIn.pipelines.runners,
                    tree: SourceTree(files: [".pre-commit-config.yaml": configuration, "Makefile": makefile]))
    }

    @Test func runningPreCommitRunsTheCommitStagesHooks() {
        let lines = Self.runners().recipeLines(of: "pre-commit run --all-files --show-diff-on-failure")
        #expect(lines == ["terraform_fmt", "terraform_validate", "terraform_docs", "unit-tests", "pytest -q"])
    }

    @Test func aNamedHookRunsAloneAndFilesAreNotHooks() {
        let runners = Self.runners()
        #expect(runners.recipeLines(of: "pre-commit run terraform_validate --files main.tf") == ["terraform_validate"])
        // `--files` names the files every hook of the stage runs on.
        #expect(runners.recipeLines(of: "pre-commit run --files unit-tests").count == 5)
        // A manual-stage hook runs when named, through the Makefile target its entry calls.
        #expect(runners.recipeLines(of: "pre-commit run slow-checks") == [
            "slow-checks", "make integration", "go test -tags integration ./...",
        ])
        #expect(runners.recipeLines(of: "pre-commit install").isEmpty)
    }

    @Test func aConfigurationPreCommitCannotReadRunsNothing() {
        for broken in ["repos: [", "repos: 3", "- a\n- b\n", ""] {
            #expect(Self.runners(configuration: broken).recipeLines(of: "pre-commit run -a").isEmpty, "\(broken)")
        }
    }

    @Test func actionsThatRunPreCommitAreKnownByName() {
        for uses in ["pre-commit/action@v3.0.1", "clowdhaus/terraform-composite-actions/pre-commit@v1.14.0",
                     "cloudposse/github-action-pre-commit@v4"] {
            #expect(GitHubActionsParser.runsPreCommit(uses), "\(uses)")
        }
        for uses in ["pre-commit-ci/lite-action@v1.1.0", "actions/checkout@v5", "pre-commit", "./pre-commit"] {
            #expect(!GitHubActionsParser.runsPreCommit(uses), "\(uses)")
        }
    }

    @Test func aJobRunningTerraformHooksThroughAnActionChecksInfrastructureCode() throws {
        let workflow = """
            on: pull_request
            jobs:
              checks:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v5
                  - uses: clowdhaus/terraform-composite-actions/pre-commit@v1.14.0
                    with:
                      args: 'terraform_validate --color=always --files $(ls *.tf)'

            """
        let files = [".github/workflows/checks.yml": workflow, ".pre-commit-config.yaml": Self.configuration]
        let evidence = PipelineScan.evidence(files)
        let job = try #require(evidence.pipelines.first?.jobs.first)
        #expect(job.kinds.contains(.build) && job.kinds.contains(.lint))
        #expect(job.steps.flatMap(\.tools).contains("terraform validate"))
    }
}
