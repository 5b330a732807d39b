import Foundation
import Testing
import YAMLReader
@testable import FixtureKit

/// The fixture set: every fixture builds, builds the same twice, and matches its expected.yml.
@Suite struct FixtureSetTests {
    /// The foundation's documented fixtures; later work adds more (ci-*, det-*, hist-*), all checked here.
    static let coreNames = [
        "cloud-native", "empty", "gitflow", "hobby", "library", "mirror", "oddities", "service", "shallow", "trunk",
    ]
    static let allNames = (try? Fixtures.names()) ?? []

    /// The keys every expected.yml must have.
    static let requiredKeys = [
        "head", "commits", "merges", "authors", "branches", "remote-branches", "tags", "annotated-tags",
        "default-branch", "bare", "shallow", "detached", "files", "symlinks", "submodules",
        "first-commit", "last-commit",
    ]

    @Test func theSetIsTheDocumentedOne() throws {
        #expect(Set(try Fixtures.names()).isSuperset(of: Self.coreNames))
        #expect(FileManager.default.fileExists(atPath: Fixtures.testReposDirectory.appendingPathComponent("README.md").path))
    }

    @Test(arguments: allNames)
    func buildsTwiceToTheExpectedHead(name: String) throws {
        let spec = try Fixtures.spec(name)
        let scratch = try temporaryDirectory("twice-\(name)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var heads: [String?] = []
        for run in 1...2 {
            let directory = scratch.appendingPathComponent("run\(run)")
            try FixtureBuilder().build(spec: spec, into: directory)
            heads.append(try? Git.run(["rev-parse", "--verify", "--quiet", "HEAD"], in: directory)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(heads[0] == heads[1])
        let expected = try Fixtures.expected(name)
        #expect(heads[0] == expected["head"]?.string, "\(name): HEAD differs from expected.yml")
    }

    @Test(arguments: allNames)
    func matchesExpectedFigures(name: String) throws {
        let repository = try Fixtures.path(name)
        let figures = try Figures(repository: repository)
        if let directory = ProcessInfo.processInfo.environment["CDSCAN_WRITE_FIGURES"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try figures.yaml.write(toFile: "\(directory)/\(name).yml", atomically: true, encoding: .utf8)
        }
        let expected = try Fixtures.expected(name)
        for key in Self.requiredKeys {
            #expect(expected[key] != nil, "\(name)/expected.yml has no '\(key)'")
        }
        func check(_ key: String, _ actual: String?) {
            guard let node = expected[key] else { return }
            #expect(node.string == actual, "\(name): \(key)")
        }
        func check(_ key: String, _ actual: Int) {
            guard let node = expected[key] else { return }
            #expect(node.int == actual, "\(name): \(key)")
        }
        func check(_ key: String, _ actual: Bool) {
            guard let node = expected[key] else { return }
            #expect(node.bool == actual, "\(name): \(key)")
        }
        func check(_ key: String, _ actual: [String]) {
            guard let node = expected[key] else { return }
            #expect(node.items != nil, "\(name): \(key) should be a list")
            #expect(node.stringList.sorted() == actual.sorted(), "\(name): \(key)")
        }
        check("head", figures.head)
        check("commits", figures.commits)
        check("merges", figures.merges)
        check("authors", figures.authors)
        check("branches", figures.branches)
        check("remote-branches", figures.remoteBranches)
        check("remote-head", figures.remoteHead)
        check("tags", figures.tags)
        check("annotated-tags", figures.annotatedTags)
        check("default-branch", figures.defaultBranch)
        check("bare", figures.bare)
        check("shallow", figures.shallow)
        check("detached", figures.detached)
        check("files", figures.files)
        check("executables", figures.executables)
        check("symlinks", figures.symlinks)
        check("submodules", figures.submodules)
        check("first-commit", figures.firstCommit)
        check("last-commit", figures.lastCommit)

        // The work tree of a non-bare fixture is checked out and clean.
        if !figures.bare, figures.head != nil {
            let status = try Git.run(["status", "--porcelain", "--ignored=no"], in: repository)
            #expect(status.isEmpty, "\(name): work tree not clean:\n\(status)")
            for file in figures.files.prefix(5) {
                #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent(file).path))
            }
        }
        if figures.bare {
            #expect(!FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git").path))
        }
    }

    @Test func pathIsBuiltOnceAndSharedAcrossThreads() async throws {
        let paths = try await withThrowingTaskGroup(of: URL.self) { group in
            for _ in 0..<8 {
                group.addTask { try Fixtures.path("mirror") }
            }
            return try await group.reduce(into: [URL]()) { $0.append($1) }
        }
        #expect(Set(paths).count == 1)
        #expect(try Fixtures.path("mirror") == paths[0])
    }

    @Test func unknownFixtureIsAnError() {
        #expect(throws: FixtureError.self) { try Fixtures.path("no-such-fixture") }
    }

    /// Builds the whole set from scratch, sources included, and reports the time (no assertion on it).
    @Test func buildingTheWholeSetIsFast() throws {
        let scratch = try temporaryDirectory("all")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let start = Date()
        let names = try Fixtures.names()
        let specs = try names.map { try Fixtures.spec($0) }
        // Plain histories first, then the clones of them (from this run's builds, not the cache).
        let ordered = specs.filter { $0.source == nil } + specs.filter { $0.source != nil }
        let builder = FixtureBuilder(resolveSource: { scratch.appendingPathComponent($0) })
        var commits = 0
        for spec in ordered {
            let directory = scratch.appendingPathComponent(spec.name)
            try builder.build(spec: spec, into: directory)
            commits += Int((try? Git.run(["rev-list", "--count", "HEAD"], in: directory))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "0") ?? 0
        }
        let seconds = Date().timeIntervalSince(start)
        print("FixtureKit: built \(names.count) fixtures (\(commits) commits) in "
            + String(format: "%.2f", seconds) + " s")
    }
}

func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        .appendingPathComponent("fixturekit-\(prefix)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
