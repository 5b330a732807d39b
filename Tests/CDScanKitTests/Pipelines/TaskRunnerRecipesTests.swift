import Testing
@testable import CDScanKit

/// The one reader of task-runner recipes, which the pipelines and the detectors' build targets share.
@Suite struct TaskRunnerRecipesTests {
    @Test func makefileRulesNotVariables() {
        let text = ".PHONY: all\nX := 1\nY ::= 2\nZ = a:b\nall:: build\n\t@echo all\nbuild test: deps ; go vet\n\tgo build\n%.o: %.c\n"
        let targets = TaskRunnerRecipes.makefile(text)
        #expect(targets.map(\.name) == ["all", "build", "test"])
        #expect(targets.first == RunnerTarget(name: "all", dependencies: ["build"], lines: ["echo all"]))
        #expect(targets.last == RunnerTarget(name: "test", dependencies: ["deps"], lines: ["go vet", "go build"]))
        #expect(TaskRunnerRecipes.makefile("a: b\r\n\tmake c\r\n").first?.lines == ["make c"])
    }

    @Test func justRecipesNotSettings() {
        let text = "set shell := [\"bash\", \"-c\"]\nalias t := test\nexport A := \"1\"\n[private]\n@lint:\n  cargo clippy\ntest arg='x': lint\n  cargo test\n"
        let targets = TaskRunnerRecipes.justfile(text)
        #expect(targets == [RunnerTarget(name: "lint", dependencies: [], lines: ["cargo clippy"]),
                            RunnerTarget(name: "test", dependencies: ["lint"], lines: ["cargo test"])])
    }

    @Test func taskfileTasksAndNpmScripts() {
        let taskfile = "version: '3'\ntasks:\n  build:\n    deps: [gen]\n    cmds: [go build, {task: lint}]\n  gen: go generate\n"
        #expect(TaskRunnerRecipes.taskfile(taskfile, file: "Taskfile.yml") == [
            RunnerTarget(name: "build", dependencies: ["lint", "gen"], lines: ["go build"]),
            RunnerTarget(name: "gen", dependencies: [], lines: ["go generate"]),
        ])
        let package = #"{"name":"x","scripts":{"pretest":"lint","test":"jest","odd":1}}"#
        #expect(TaskRunnerRecipes.npmScripts(package) == [
            RunnerTarget(name: "pretest", dependencies: [], lines: ["lint"]),
            RunnerTarget(name: "test", dependencies: ["pretest"], lines: ["jest"]),
        ])
        #expect(TaskRunnerRecipes.npmScripts("not json").isEmpty)
    }

    @Test func buildTargetsAreTheRecipesNames() {
        for format in TaskRunnerFormat.allCases {
            let text = ["makefile": "b:\na:\nb:\n", "justfile": "b:\na:\n", "taskfile": "tasks: {b: x, a: y}\n",
                        "npm-scripts": #"{"scripts": {"b": "x", "a": "y"}}"#,
                        "pre-commit": "repos: [{repo: local, hooks: [{id: b}, {id: a}]}]\n"][format.rawValue]!
            // pre-commit's `default` is what `pre-commit run` alone runs.
            let expected = format == .preCommit ? ["a", "b", "default"] : ["a", "b"]
            #expect(TaskRunnerRecipes.names(in: text, format: format, file: "f") == expected, "\(format)")
        }
    }

    @Test func shellTextIsSplitIntoSimpleCommands() {
        #expect(TaskRunners.commands(in: "a\nmake test && make lint;x | y\n\n  b  \r\nc || d") ==
                ["a", "make test", "make lint", "x", "y", "b", "c", "d"])
        #expect(TaskRunners.commands(in: "  \n;;\n") == [])
    }
}
