import Testing
@testable import CDScanKit

/// Which recipe lines a command leads to: calls found by a runner's word, by a path ending in it, by
/// make's own variable, in a line with non-ASCII text beside one, and none in lines that name no runner.
@Suite struct TaskRunnerFollowingTests {
    static let makefile = """
        all: build

        build:
        \t@echo building
        \t$(MAKE) -C sub test
        \t/usr/bin/make lint

        lint:
        \tgolangci-lint run

        docs:
        \techo "café" && make lint
        \techo "thé" | tee makefile.log

        """

    static func runners() -> TaskRunners {
        TaskRunners(runners: LoadedCatalogues.builtIn.pipelines.runners,
                    tree: SourceTree(files: ["Makefile": makefile, "sub/Makefile": "test:\n\tgo test ./...\n"]))
    }

    @Test func callsAreFollowedThroughRecipesWhereverTheRunnerIsNamed() {
        #expect(Self.runners().recipeLines(of: "make all") == [
            "echo building", "$(MAKE) -C sub test", "go test ./...", "/usr/bin/make lint", "golangci-lint run",
        ])
        #expect(Self.runners().recipeLines(of: "make docs") == [
            "echo \"café\" && make lint", "golangci-lint run", "echo \"thé\" | tee makefile.log",
        ])
    }

    @Test func linesThatNameNoRunnerLeadNowhere() {
        let runners = Self.runners()
        for line in ["echo building", "go test ./...", "cat makefile.log", "echo \"café\"", ""] {
            #expect(runners.recipeLines(of: line).isEmpty, "\(line)")
            #expect(runners.targetNames(in: line).isEmpty, "\(line)")
        }
        #expect(runners.targetNames(in: "cd x && /opt/bin/make -f Makefile lint docs") == ["lint", "docs"])
    }
}
