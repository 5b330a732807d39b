import Testing
@testable import CDScanKit

/// The candidate index is only a filter: a path some glob of an entry accepts must always find that entry
/// among its candidates. Checked against the built-in catalogue and test conventions by brute force, over
/// the catalogue's own examples and paths made of the folder and file names its globs care about, in
/// both cases.
@Suite struct CandidateEntriesTests {
    static let catalogue = CatalogueExampleTests.catalogue

    static let paths: [String] = {
        let folders = ["", "docs/", "doc/api/", "svc/e2e/", "src/test/java/", "src/Tests/", "a/tests/unit/",
                       ".github/ISSUE_TEMPLATE/", ".github/workflows/", "changelog.d/", "App.IntegrationTests/x/",
                       "deploy/k8s/", "scripts/", "script/ci/", "perf/", "runbooks/", "postmortems/2024/",
                       ".husky/", "infra/modules/net/", "charts/app/templates/", "architecture/decisions/", "t/"]
        let files = ["README.md", "Dockerfile", "x.py", "test_x.py", "conftest.py", "x_test.go", "main.go",
                     "FooTest.java", "FooIT.java", "a.spec.ts", "main.tf", "values.yaml", "ci.yml",
                     "bug_incident.md", "pre-commit", "Jenkinsfile", "x.sh", "t0001-basic.sh", "Makefile",
                     "package.json", "Chart.yaml", "deploy.yaml", "0001-record.md", "CONTRIBUTING.md"]
        var paths = folders.flatMap { folder in files.map { folder + $0 } }
        paths += paths.map { $0.uppercased() }
        paths += catalogue.entries.flatMap { $0.matchingExamples.map(\.path) + $0.ignoredExamples.map(\.path) }
        return paths
    }()

    @Test func everyEntryThatAcceptsAPathIsACandidate() {
        let index = CandidateEntries(Self.catalogue.entries)
        var accepted = 0
        for path in Self.paths {
            let globPath = GlobPath(path)
            let candidates = Set(index.candidates(for: globPath))
            for (number, entry) in Self.catalogue.entries.enumerated() where entry.acceptingGlob(globPath) != nil {
                accepted += 1
                #expect(candidates.contains(number), "\(entry.id) accepts \(path) but is not a candidate")
            }
        }
        #expect(accepted > 200)
    }

    @Test func everyConventionThatTakesAPathIsACandidate() {
        let conventions = Self.catalogue.testConventions
        let index = TestInventory.candidateIndex(of: conventions)
        var roles = 0
        for path in Self.paths {
            let globPath = GlobPath(path)
            let brute = TestInventory.role(globPath, conventions: conventions)
            roles += brute == nil ? 0 : 1
            #expect(TestInventory.role(globPath, conventions: conventions, candidates: index.candidates(for: globPath)) == brute,
                    "\(path)")
        }
        #expect(roles > 100)
    }

    @Test func everyPipelineSystemThatTakesAPathIsACandidate() {
        let systems = PipelineCatalogueTests.catalogue.systems
        let index = CandidateEntries(globs: systems.map(\.paths))
        let paths = Self.paths + systems.flatMap { $0.matchingExamples + $0.ignoredExamples }
        var taken = 0
        for path in paths + paths.map({ $0.uppercased() }) {
            let candidates = Set(index.candidates(for: GlobPath(path)))
            for (number, system) in systems.enumerated() where system.matchesPath(path) {
                taken += 1
                #expect(candidates.contains(number), "\(system.id) takes \(path) but is not a candidate")
            }
        }
        #expect(taken > 50)
    }

    @Test func aPathTheCodeownersPipelineGlobsTakeIsACandidate() {
        let globs = Self.catalogue.codeownersPipelinePaths
        let index = CandidateEntries(globs: [globs])
        var taken = 0
        for path in Self.paths + Self.paths.map({ $0.uppercased() }) + [".github/workflows/ci.yml", ".gitlab-ci.yml"] {
            let globPath = GlobPath(path)
            guard globs.contains(where: { $0.matches(globPath) }) else { continue }
            taken += 1
            #expect(index.candidates(for: globPath) == [0], "\(path)")
        }
        #expect(taken > 5)
    }

    @Test func folderGlobsAreIndexedByTheFolderTheyName() {
        let entries = [["**/e2e/**"], ["docs/**"], ["*test*"], [".github/ISSUE_TEMPLATE/*"]]
        let index = CandidateEntries(globs: entries.map { $0.map { PathGlob($0, ignoringCase: true) } })
        #expect(index.candidates(for: GlobPath("svc/E2E/run.sh")) == [0, 2])
        #expect(index.candidates(for: GlobPath("docs/a.md")) == [1, 2])
        #expect(index.candidates(for: GlobPath(".github/ISSUE_TEMPLATE/bug.md")) == [2, 3])
        #expect(index.candidates(for: GlobPath("src/main.go")) == [2])
    }
}
