import CDScanBatch
import CDScanKit
import FixtureKit
import Foundation
import Testing

/// A scratch directory removed at the end of the test.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func directory(_ relative: String) throws -> URL {
        let child = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: child, withIntermediateDirectories: true)
        return child
    }

    /// A working tree with one commit.
    func repository(_ relative: String) throws -> URL {
        let child = try directory(relative)
        try Git.run(["init", "-q", "-b", "main"], in: child)
        try Data("x\n".utf8).write(to: child.appendingPathComponent("f"))
        try Git.run(["add", "."], in: child)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "c"], in: child)
        return child
    }
}

@Suite struct DiscoveryTests {
    @Test func findsNestedWorkingTreesBareMirrorsAndLinkedWorktreesAndReachesEachOnce() throws {
        let scratch = try ScratchDirectory()
        let root = try scratch.directory("org")
        let top = try scratch.repository("org/top")
        _ = try scratch.repository("org/team/deep/service")
        // A repository nested inside another's working tree is found too; the outer one's .git is not entered.
        _ = try scratch.repository("org/top/vendor/inner")
        try Git.run(["clone", "-q", "--mirror", top.path, root.appendingPathComponent("mirrors/top.git").path], in: root)
        // A linked worktree: its .git is a file.
        try Git.run(["worktree", "add", "-q", root.appendingPathComponent("linked").path, "-b", "side"], in: top)
        _ = try scratch.directory("org/plain/empty-dir")
        // A link back up the tree and one to a repository found under its own path: not followed, and said so.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("team/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("alias").path, withDestinationPath: top.path)

        let result = RepositoryDiscovery.find(under: root.path)
        let found = result.targets
        #expect(Set(found.map(\.name)) == ["linked", "mirrors/top.git", "team/deep/service", "top", "top/vendor/inner"])
        #expect(found.allSatisfy { $0.problem == nil && $0.url == nil })
        #expect(found == found.sorted())
        #expect(found == RepositoryDiscovery.search(root.path))
        #expect(result.skipped == [
            SkippedLink(path: root.appendingPathComponent("alias").path, reason: .sameRepository(as: top.path)),
            SkippedLink(path: root.appendingPathComponent("team/loop").path, reason: .cycle(directory: root.path)),
        ])
    }

    /// A directory of links to repositories elsewhere (the issue's case): each repository is found once,
    /// under the link's name, and every link not followed is reported with its reason.
    @Test func followsLinksToRepositoriesOnceAndReportsTheOthers() throws {
        let scratch = try ScratchDirectory()
        let api = try scratch.repository("elsewhere/api")
        let web = try scratch.repository("elsewhere/web")
        let hidden = try scratch.repository("elsewhere/hidden")
        try Git.run(["clone", "-q", "--bare", api.path, scratch.url.appendingPathComponent("elsewhere/api-mirror.git").path],
                    in: scratch.url)
        let plain = try scratch.directory("elsewhere/plain")
        // A link inside a working tree is the repository's content: never followed, never reported.
        try FileManager.default.createSymbolicLink(atPath: web.appendingPathComponent("sibling").path, withDestinationPath: hidden.path)
        let links = try scratch.directory("links")
        func link(_ name: String, _ destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: links.appendingPathComponent(name).path, withDestinationPath: destination)
        }
        try link("api", api.path)
        try link("api-again", "../elsewhere/api")          // the same repository through another link
        try link("mirror", "../elsewhere/api-mirror.git")  // a bare repository
        try link("web", web.path)
        try link("web-git", web.appendingPathComponent(".git").path)  // a working tree's .git: the same repository
        try link("gone", "../elsewhere/deleted")
        try link("ping", "pong")
        try link("pong", "ping")
        try link("here", ".")
        try link("up", "../..")                            // a directory above the searched one
        try link("plain", plain.path)
        try link("file", "../elsewhere/api/f")             // a link to a file: ignored, as files are

        let result = RepositoryDiscovery.find(under: links.path)
        #expect(result.targets.map(\.name) == ["api", "mirror", "web"])
        #expect(result.targets.map(\.key) == [api, scratch.url.appendingPathComponent("elsewhere/api-mirror.git"), web]
            .map { $0.resolvingSymlinksInPath().path })
        #expect(result.targets.allSatisfy { $0.problem == nil && $0.path.hasPrefix(links.path + "/") })
        func path(_ name: String) -> String { links.appendingPathComponent(name).path }
        #expect(result.skipped == [
            SkippedLink(path: path("api-again"), reason: .sameRepository(as: path("api"))),
            SkippedLink(path: path("gone"), reason: .dangling(destination: "../elsewhere/deleted")),
            SkippedLink(path: path("here"), reason: .cycle(directory: links.path)),
            SkippedLink(path: path("ping"), reason: .linkLoop),
            SkippedLink(path: path("plain"), reason: .notRepository),
            SkippedLink(path: path("pong"), reason: .linkLoop),
            SkippedLink(path: path("up"), reason: .cycle(directory: scratch.url.resolvingSymlinksInPath().deletingLastPathComponent().path)),
            SkippedLink(path: path("web-git"), reason: .sameRepository(as: path("web"))),
        ])
        #expect(result.skipped.first?.description
            == "\(path("api-again")): a symbolic link to a repository found already (as \(path("api")))")
    }

    /// A link that sorts before the real directory it leads to does not take its place: the real path is
    /// walked first, and the link is the one reported.
    @Test func theRealPathWinsOverALinkToIt() throws {
        let scratch = try ScratchDirectory()
        let real = try scratch.repository("org/zz-real")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("org/aa-link").path,
                                                   withDestinationPath: real.path)
        let result = RepositoryDiscovery.find(under: scratch.url.appendingPathComponent("org").path)
        #expect(result.targets.map(\.name) == ["zz-real"])
        #expect(result.skipped.map(\.reason) == [.sameRepository(as: real.path)])
    }

    @Test func aBatchOfNothingSaysWhy() throws {
        let scratch = try ScratchDirectory()
        let empty = try scratch.directory("empty")
        let dangling = try scratch.directory("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.appendingPathComponent("repo").path, withDestinationPath: "../nowhere")
        let list = scratch.url.appendingPathComponent("repos.txt")
        try Data("# nothing yet\n".utf8).write(to: list)
        let nothing = try BatchSources(directories: [empty.path, dangling.path], lists: [list.path], cache: "/c").discover()
        #expect(nothing.targets.isEmpty)
        #expect(nothing.emptyDirectories == [empty.path, dangling.path])
        #expect(nothing.skipped.map(\.reason) == [.dangling(destination: "../nowhere")])
        #expect(nothing.nothingToScan
            == "no repository to scan: none found under \(empty.path), \(dangling.path); none listed in \(list.path); 1 symbolic link skipped")

        let repository = try scratch.repository("one")
        let some = try BatchSources(directories: [empty.path, repository.path], cache: "/c").discover()
        #expect(some.targets.map(\.name) == ["one"])
        #expect(some.emptyDirectories == [empty.path])
        #expect(some.nothingToScan == nil)
    }

    @Test func aRootThatIsARepositoryOrMissing() throws {
        let scratch = try ScratchDirectory()
        let repository = try scratch.repository("only")
        #expect(RepositoryDiscovery.search(repository.path).map(\.name) == ["only"])
        let missing = RepositoryDiscovery.search(scratch.url.appendingPathComponent("missing").path)
        #expect(missing.count == 1)
        #expect(missing.first?.problem?.contains("no such directory") == true)
    }

    @Test func listFilesTakePathsAsTheyAreWithCommentsAndRelativePaths() throws {
        let scratch = try ScratchDirectory()
        let a = try scratch.repository("a")
        let list = scratch.url.appendingPathComponent("repos.txt")
        try Data("# my repositories\n\n\(a.path)\n  b  \n# the end\n".utf8).write(to: list)
        let targets = try RepositoryDiscovery.list(file: list.path)
        #expect(targets.map(\.path) == [a.path, scratch.url.appendingPathComponent("b").path])
        #expect(throws: DiscoveryError.self) { try RepositoryDiscovery.list(file: scratch.url.appendingPathComponent("nope").path) }
    }

    @Test func duplicatesAreFoundOnce() throws {
        let scratch = try ScratchDirectory()
        let a = try scratch.repository("a")
        let targets = RepositoryDiscovery.search(scratch.url.path) + [RepositoryDiscovery.target(path: a.path + "/./")]
        #expect(RepositoryDiscovery.deduplicated(targets).count == 1)
    }

    @Test func mirrorDirectoriesAreStableAndDistinct() {
        let one = MirrorCache.directory(for: "https://example.com/a/api.git", in: "/cache")
        let two = MirrorCache.directory(for: "https://example.com/b/api.git", in: "/cache")
        #expect(one != two)
        #expect(one == MirrorCache.directory(for: "https://example.com/a/api.git", in: "/cache"))
        #expect(one.hasPrefix("/cache/a_api-") && one.hasSuffix(".git"))
        #expect(MirrorCache.displayName("git@example.com:org/repo.git") == "org/repo")
    }
}

@Suite struct ShardTests {
    @Test func everyRepositoryIsInExactlyOneShard() throws {
        let targets = (0..<500).map { RepositoryDiscovery.target(path: "/srv/git/team-\($0 % 17)/repo-\($0)") }
        for count in [1, 2, 3, 7, 16] {
            let shards = try (0..<count).map { try Shard(index: $0, count: count) }
            var seen: [String: Int] = [:]
            for shard in shards {
                for target in shard.select(targets) { seen[target.key, default: 0] += 1 }
            }
            #expect(seen.count == targets.count)
            #expect(seen.values.allSatisfy { $0 == 1 })
            if count > 1 {
                // Roughly balanced: no shard empty.
                #expect(shards.allSatisfy { !$0.select(targets).isEmpty })
            }
        }
    }

    @Test func shardsAreStableAndParsed() throws {
        let shard = try Shard(parsing: "2/5")
        #expect(shard.index == 2 && shard.count == 5)
        // FNV-1a of a fixed key: the same on every machine.
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        for bad in ["5/5", "-1/2", "1", "a/b", "0/0"] {
            #expect(throws: DiscoveryError.self) { try Shard(parsing: bad) }
        }
    }
}

@Suite struct HistoryPointTests {
    @Test func monthBoundariesAreTheFirstOfEachMonth() {
        let start = Timestamp.parse("2023-11-15T10:00:00Z")!
        let end = Timestamp.parse("2024-02-01T00:00:00Z")!
        #expect(HistoryInterval.month.boundaries(after: start, through: end).map(Timestamp.iso8601)
                == ["2023-12-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"])
    }

    @Test func weekBoundariesAreMondays() {
        let start = Timestamp.parse("2024-01-03T00:00:00Z")!  // a Wednesday
        let end = Timestamp.parse("2024-01-20T00:00:00Z")!
        #expect(HistoryInterval.week.boundaries(after: start, through: end).map(Timestamp.day) == ["2024-01-08", "2024-01-15"])
        #expect(HistoryInterval(argument: "10-days") == .days(10))
        #expect(HistoryInterval(argument: "fortnight") == nil)
    }

    @Test func eachBoundaryTakesTheNewestFirstParentCommitAtOrBeforeIt() {
        let day: Int64 = 86_400
        let base = Timestamp.parse("2024-01-10T00:00:00Z")!
        // Newest first; one commit with a clock skew (older than its parent).
        let chain: [(commit: String, time: Int64)] = [
            ("e", base + 70 * day), ("d", base + 40 * day), ("c", base + 45 * day), ("b", base + 10 * day), ("a", base),
        ]
        let points = RepositoryHistory.points(chain: chain, every: .month)
        // Feb 1: b (Jan 20); Mar 1: d is after… d = Feb 19 ≤ Mar 1, first in chain order at or before Mar 1 → d.
        #expect(points.map(\.commit) == ["b", "d", "e"])
        #expect(points.last?.boundary == base + 70 * day)
    }
}

@Suite struct DistinctNameTests {
    @Test func sharedNamesTakeMoreOfTheirPath() {
        let targets = [
            BatchTarget(key: "/m/git+git/repo", name: "repo", path: "/m/git+git/repo"),
            BatchTarget(key: "/m/fd/repo", name: "repo", path: "/m/fd/repo"),
            BatchTarget(key: "/a/x/service", name: "service", path: "/a/x/service"),
            BatchTarget(key: "/b/x/service", name: "service", path: "/b/x/service"),
            BatchTarget(key: "/c/unique", name: "unique", path: "/c/unique"),
        ]
        let names = RepositoryDiscovery.deduplicated(targets).map(\.name)
        #expect(names == ["a/x/service", "b/x/service", "unique", "fd/repo", "git+git/repo"])
    }
}
