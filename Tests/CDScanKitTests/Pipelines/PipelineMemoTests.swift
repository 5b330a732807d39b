import Testing
import GitAccess
@testable import CDScanKit

/// What the pipelines keep from one tree to the next of a history run (a `FileEvidenceMemo` part: the
/// recipes of each task-runner blob, the runner calls of each command, the systems of each path): the
/// evidence is the one collecting without it gives, however the task-runner files change.
@Suite struct PipelineMemoTests {
    static let workflow = "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: make test\n      - run: make -C sub check\n      - run: make\n"

    static func makefile(_ recipe: String) -> String {
        "all: lint\n\nlint:\n\t./lint.sh\n\ntest:\n\t\(recipe)\n"
    }

    static func collect(_ files: [String: String], memo: FileEvidenceMemo.Part?) -> PipelineEvidence {
        let loaded = LoadedCatalogues.builtIn
        return PipelineEvidence.collect(tree: SourceTree(files: files), catalogue: loaded.pipelines, problems: loaded.pipelineProblems,
                                        memo: memo)
    }

    static func summary(_ evidence: PipelineEvidence) -> String {
        "\(evidence.pipelines)\n\(evidence.problems)\n\(evidence.notes)\n\(evidence.files)\n\(evidence.budgetNote ?? "")\n\(evidence.unparsedFiles)"
    }

    @Test func treeAfterTreeTheMemoGivesWhatCollectingAloneGives() throws {
        let memo = try #require(FileEvidenceMemo().part(for: .builtIn, sizeCap: 1 << 20))
        let trees: [[String: String]] = [
            [".github/workflows/ci.yml": Self.workflow, "Makefile": Self.makefile("go test ./..."), "sub/Makefile": "check:\n\tpytest\n"],
            [".github/workflows/ci.yml": Self.workflow, "Makefile": Self.makefile("go test ./..."), "sub/Makefile": "check:\n\tpytest\n"],
            // The Makefile changes: its new recipes are followed.
            [".github/workflows/ci.yml": Self.workflow, "Makefile": Self.makefile("kubectl apply -f k8s/"), "sub/Makefile": "check:\n\tpytest\n"],
            // `make -C sub check` finds no Makefile any more: the same command calls nothing in this tree.
            [".github/workflows/ci.yml": Self.workflow, "Makefile": Self.makefile("kubectl apply -f k8s/")],
        ]
        let alone = trees.map { Self.summary(Self.collect($0, memo: nil)) }
        // The trees give different evidence, so that a stale memo would show.
        #expect(alone[0] != alone[2] && alone[2] != alone[3])
        for (index, tree) in trees.enumerated() {
            #expect(Self.summary(Self.collect(tree, memo: memo)) == alone[index], "tree \(index)")
        }
    }

    @Test func aMakefileReadForThePipelinesIsNotReadAgainForItsTargets() throws {
        let memo = try #require(FileEvidenceMemo().part(for: .builtIn, sizeCap: 1 << 20))
        let text = Self.makefile("go test ./...")
        _ = Self.collect([".github/workflows/ci.yml": Self.workflow, "Makefile": text], memo: memo)
        let blob = ObjectID.blobID(of: Array(text.utf8))
        let kept = memo.recipes.targets(of: blob, format: .makefile, file: "Makefile") { nil }
        #expect(kept == TaskRunnerRecipes.read(text, format: .makefile, file: "Makefile"))
        // The detectors' make-targets extractor takes the same targets.
        let file = CandidateFile(path: "Makefile", size: text.utf8.count, blob: blob)
        var reads = 0
        let result = DetectionScanner(catalogue: try LoadedCatalogues.builtIn.detectors.get(), recipes: memo.recipes).scan([file]) { _ in
            reads += 1
            return .text(text)
        }
        #expect(reads == 1)
        #expect(result.buildTargets == TaskRunnerRecipes.names(in: text, format: .makefile, file: "Makefile"))
    }
}
