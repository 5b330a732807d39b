import Foundation
import Testing
import FixtureKit

/// `scan --cache DIR` keeps each tag reference's peel (the cache folder's `tags` file): a rescan reads
/// no tag object it peeled before, prints the same bytes as a scan without a cache, sees tags added and
/// removed since, and refuses a damaged file (writing it anew).
@Suite struct TagPeelCacheTests {
    typealias Scratch = HistoryCacheTests.Scratch

    static func tagsFile(_ cache: String) throws -> URL {
        try HistoryCacheTests.cacheFile("tags", in: cache)
    }

    private func tag(_ arguments: [String], in repository: URL) throws {
        _ = try Git.run(["-c", "user.name=Tag Tester", "-c", "user.email=tags@example.com", "tag"] + arguments, in: repository,
                        environment: ["GIT_COMMITTER_DATE": "2024-02-01T10:00:00Z"])
    }

    @Test func tagsAddedRemovedAndRetaggedShowAsInAScanWithoutCache() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("library")
        let (file, first) = try HistoryCacheTests.expectFileAtRest("tags", scanning: repository.path, cache: scratch.cache)

        // An annotated tag, a lightweight one, a tag of a tag, a tag of a tree; one tag removed, one moved.
        try tag(["-a", "v0.4.0", "-m", "ringbuf 0.4.0"], in: repository)
        try tag(["v0.4.0-light", "HEAD~1"], in: repository)
        try tag(["-a", "v0.4.0-signed-off", "-m", "a tag of a tag", "v0.4.0"], in: repository)
        try tag(["-a", "tree-snapshot", "-m", "a tree", "HEAD^{tree}"], in: repository)
        try tag(["-d", "v0.2.1"], in: repository)
        try tag(["-f", "-a", "v0.1.0", "-m", "ringbuf 0.1.0, tagged again", "HEAD~2"], in: repository)
        _ = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(try Data(contentsOf: file) != first, "the new peels are kept, the removed one dropped")
        _ = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
    }

    @Test func everyTagRemovedLeavesNoPeelAndTheFileAtRest() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("library")
        _ = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        let file = try Self.tagsFile(scratch.cache)
        let tagged = try Data(contentsOf: file)
        for name in try Git.run(["tag", "--list"], in: repository).split(separator: "\n") {
            try tag(["-d", String(name)], in: repository)
        }
        _ = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        let untagged = try Data(contentsOf: file)
        #expect(untagged.count < tagged.count, "the removed tags' peels are dropped")
        _ = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(try Data(contentsOf: file) == untagged)
    }

    @Test func aDamagedOrForeignTagsFileIsRefusedAndWrittenAgain() throws {
        try Self.expectDamageRefused(file: { try Self.tagsFile($0) })
    }

    /// Scans the library fixture with a cache, then damages the cache file `file` names (a flipped byte,
    /// a cut, foreign bytes, nothing): each scan prints the report without a cache and writes the file anew.
    static func expectDamageRefused(file name: (String) throws -> URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        let path = try Fixtures.path("library").path
        _ = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        let file = try name(scratch.cache)
        let good = try Data(contentsOf: file)
        var damaged = good
        damaged[damaged.count / 2] ^= 0x20
        for bytes in [damaged, good.prefix(good.count / 2), Data("not a cache file".utf8), Data()] {
            try bytes.write(to: file)
            _ = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache, sourceLocation: sourceLocation)
            #expect(try Data(contentsOf: file) == good, "refused and written anew", sourceLocation: sourceLocation)
        }
    }
}

/// `scan --cache DIR` keeps the trees of the tree it listed (the cache folder's `trees` file): a rescan
/// after files were added, changed, moved and removed prints the same bytes as a scan without a cache, and
/// a damaged file is refused and written anew.
@Suite struct KnownTreeCacheTests {
    typealias Scratch = HistoryCacheTests.Scratch

    static func treesFile(_ cache: String) throws -> URL {
        try HistoryCacheTests.cacheFile("trees", in: cache)
    }

    @Test func changedTreesListAsWithoutCache() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("service")
        let (file, first) = try HistoryCacheTests.expectFileAtRest("trees", scanning: repository.path, cache: scratch.cache)
        try FileOutcomeCacheTests.commit(["deploy/k8s/extra.yaml": "kind: Namespace\n", "README.md": "changed\n",
                                          ".github/workflows/new.yml": "on: push\njobs: {}\n"],
                                         in: repository, message: "chore: move things")
        _ = try Git.run(["rm", "-q", "-r", "--ignore-unmatch", "docs"], in: repository)
        _ = try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "docs gone"],
                        in: repository)
        _ = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(try Data(contentsOf: file) != first)
    }

    @Test func aDamagedTreesFileIsRefusedAndWrittenAgain() throws {
        try TagPeelCacheTests.expectDamageRefused(file: { try Self.treesFile($0) })
    }
}
