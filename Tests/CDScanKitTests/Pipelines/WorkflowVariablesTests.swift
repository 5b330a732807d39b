import Testing
import YAMLReader
@testable import CDScanKit

/// Variables a workflow sets in `env:` are put into the commands that use them, so `$BUILD_CMD test` is
/// classified as the `cargo test` it runs.
@Suite struct WorkflowVariablesTests {
    static func variables(_ yaml: String) throws -> WorkflowVariables {
        WorkflowVariables().adding(try #require(try YAMLParser.parse(yaml, file: "env.yml")))
    }

    @Test func everySpellingOfAReferenceIsReplaced() throws {
        let variables = try Self.variables("CARGO: cargo\nTARGET_FLAGS: --target x86_64\n")
        #expect(variables.substitute("$CARGO test ${TARGET_FLAGS}") == "cargo test --target x86_64")
        #expect(variables.substitute("${{ env.CARGO }} build --verbose") == "cargo build --verbose")
        #expect(variables.substitute("${{env.CARGO}} test") == "cargo test")
        // Variables the workflow does not set, and what is not a reference, are left as they are.
        #expect(variables.substitute("$HOME/bin/x ${{ matrix.os }} $1 $ ${CARGOX}") == "$HOME/bin/x ${{ matrix.os }} $1 $ ${CARGOX}")
        #expect(variables.substitute("$CARGO_HOME") == "$CARGO_HOME")
    }

    @Test func anExpressionStandsForItsFallbackText() {
        #expect(WorkflowVariables.value("${{ matrix.job.use-cross && 'cross' || 'cargo' }}") == "cargo")
        #expect(WorkflowVariables.value("${{ secrets.TOKEN }}") == nil)
        #expect(WorkflowVariables.value("$HOME/.cargo") == nil)
        #expect(WorkflowVariables.value("line one\nline two") == nil)
        #expect(WorkflowVariables.value(String(repeating: "x", count: 201)) == nil)
    }

    @Test func aStepsVariablesOverrideTheJobsAndALongCommandStopsGrowing() throws {
        let job = try Self.variables("TOOL: make\n")
        let step = job.adding(try #require(try YAMLParser.parse("TOOL: just\n", file: "env.yml")))
        #expect(step.substitute("$TOOL test") == "just test")
        let long = try Self.variables("X: \(String(repeating: "y", count: 200))\n")
        let grown = long.substitute(String(repeating: "$X ", count: 10_000))
        #expect(grown.utf8.count < 30_000 + WorkflowVariables.maximumGrowth + 200)
    }

    @Test func aJobRunningItsBuildCommandThroughAVariableTests() throws {
        let workflow = """
            on: push
            env:
              CARGO: cargo
            jobs:
              build:
                runs-on: ubuntu-latest
                env:
                  BUILD_CMD: ${{ matrix.job.use-cross && 'cross' || 'cargo' }}
                steps:
                  - run: $BUILD_CMD test --locked
              msrv:
                runs-on: ubuntu-latest
                steps:
                  - run: ${{ env.CARGO }} build --verbose

            """
        let pipeline = try #require(PipelineScan.evidence([".github/workflows/ci.yml": workflow]).pipelines.first)
        #expect(pipeline.jobs.map(\.kinds) == [[.build, .test], [.build]])
    }
}
