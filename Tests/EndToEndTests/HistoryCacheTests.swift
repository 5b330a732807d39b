import Foundation
import Testing
import CDScanStore
import FixtureKit

/// `scan --cache DIR`: a cached scan prints the same bytes as a scan without a cache, on every fixture,
/// after new commits, after a rewritten history, and after options change between runs; a damaged
/// cache is ignored, never trusted.
@Suite struct HistoryCacheTests {
    /// A scratch folder holding a cache and, when a test changes history, a clone of a fixture.
    final class Scratch {
        let root: URL
        var cache: String { root.appendingPathComponent("cache").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-cache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// A clone of the fixture the test may change (its commit ids are the fixture's).
        func clone(_ fixture: String) throws -> URL {
            let target = root.appendingPathComponent("repo")
            _ = try Git.run(["clone", "-q", try Fixtures.path(fixture).path, target.path], in: root)
            return target
        }
    }

    static let json = ["--format", "json"]

    /// Scans with and without the cache, expects the same status and bytes, and returns the cached run's
    /// verbose notes.
    @discardableResult
    /// A file of the repository's cache folder (one repository per cache in these tests): `outcomes`,
    /// `tags`, `trees`, `tip`.
    static func cacheFile(_ name: String, in cache: String) throws -> URL {
        let folders = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("repo-") }
        try #require(folders.count == 1)
        return URL(fileURLWithPath: cache).appendingPathComponent(folders[0]).appendingPathComponent(name)
    }

    /// Scans `path` with the cache twice: both reports are the uncached one, and the second scan leaves the
    /// cache folder's `name` file as the first wrote it. Returns the file and its bytes.
    static func expectFileAtRest(_ name: String, scanning path: String, cache: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws -> (file: URL, bytes: Data) {
        _ = try expectSameReport(path, cache: cache, sourceLocation: sourceLocation)
        let file = try cacheFile(name, in: cache)
        let bytes = try Data(contentsOf: file)
        _ = try expectSameReport(path, cache: cache, sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: file) == bytes, "nothing new: the file is left as it is", sourceLocation: sourceLocation)
        return (file, bytes)
    }

    static func expectSameReport(_ path: String, cache: String, _ options: [String] = [],
                                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let plain = try CDScanBinary.run(["scan", path] + json + options)
        let cached = try CDScanBinary.run(["scan", path] + json + options + ["--cache", cache, "--verbose"])
        #expect(cached.status == plain.status, "\(cached.stderr)", sourceLocation: sourceLocation)
        #expect(cached.stdout == plain.stdout, "the cached report differs for \(path) \(options)", sourceLocation: sourceLocation)
        return cached.stderr
    }

    /// How many commits the cache knew and how many were read: the "N commits remembered, M read" note of
    /// a walk, or the "N commits replayed from the cached history, M read" note of a replay (whose N
    /// counts the M new ones too).
    static func commitCounts(_ notes: String) -> (remembered: Int, read: Int)? {
        for line in notes.split(separator: "\n") {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard numbers.count >= 2 else { continue }
            if line.contains("commits remembered") { return (numbers[0], numbers[1]) }
            if line.contains("commits replayed") { return (numbers[0] - numbers[1], numbers[1]) }
        }
        return nil
    }

    /// Whether the scan replayed the cached history rather than walking it.
    static func replayed(_ notes: String) -> Bool {
        notes.contains("commits replayed from the cached history")
    }

    static func commit(_ message: String, file: String, in repository: URL, day: Int) throws {
        try Data("\(message)\n".utf8).write(to: repository.appendingPathComponent(file))
        let date = String(format: "2031-01-%02dT12:00:00Z", day)
        let identity = ["GIT_AUTHOR_NAME": "Cache Tester", "GIT_AUTHOR_EMAIL": "cache@example.com", "GIT_AUTHOR_DATE": date,
                        "GIT_COMMITTER_NAME": "Cache Tester", "GIT_COMMITTER_EMAIL": "cache@example.com", "GIT_COMMITTER_DATE": date]
        _ = try Git.run(["add", file], in: repository, environment: identity)
        _ = try Git.run(["commit", "-q", "-m", message], in: repository, environment: identity)
    }

    @Test(arguments: try Fixtures.names())
    func everyFixtureGivesTheSameReportColdAndWarm(_ fixture: String) throws {
        let scratch = try Scratch()
        let path = try Fixtures.path(fixture).path
        let cold = try Self.expectSameReport(path, cache: scratch.cache)
        let warm = try Self.expectSameReport(path, cache: scratch.cache)
        if let counts = Self.commitCounts(warm), let first = Self.commitCounts(cold) {
            #expect(counts.read == 0, "a second scan of an unchanged repository reads no commit: \(warm)")
            #expect(counts.remembered == first.remembered + first.read)
        }
    }

    @Test func newCommitsAreTheOnlyOnesRead() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("trunk")
        let before = try #require(Self.commitCounts(try Self.expectSameReport(repository.path, cache: scratch.cache)))
        try Self.commit("feat: add a page", file: "page.txt", in: repository, day: 1)
        try Self.commit("fix: correct the page", file: "page.txt", in: repository, day: 2)
        try Self.commit("ci: run the tests on every push", file: "notes.txt", in: repository, day: 3)
        let notes = try Self.expectSameReport(repository.path, cache: scratch.cache)
        let after = try #require(Self.commitCounts(notes))
        #expect(after.read == 3)
        #expect(after.remembered == before.remembered + before.read)
        #expect(Self.replayed(notes), "a rescan replays the cached history: \(notes)")
    }

    @Test func aRewrittenHistoryIsWalkedAgainAndSaysSo() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("trunk")
        try Self.commit("feat: first try", file: "a.txt", in: repository, day: 1)
        try Self.commit("feat: second try", file: "b.txt", in: repository, day: 2)
        try Self.expectSameReport(repository.path, cache: scratch.cache)
        _ = try Git.run(["reset", "-q", "--hard", "HEAD~2"], in: repository)
        try Self.commit("feat: the rewritten change", file: "c.txt", in: repository, day: 4)
        let notes = try Self.expectSameReport(repository.path, cache: scratch.cache)
        #expect(notes.contains("2 remembered commits are no longer in the history"), "\(notes)")
        #expect(Self.commitCounts(notes)?.read == 1)
        // The dropped commits are gone from the cache: a third scan remembers every commit and reads none.
        let third = try Self.expectSameReport(repository.path, cache: scratch.cache)
        #expect(Self.commitCounts(third)?.read == 0)
        #expect(!third.contains("no longer in the history"))
    }

    @Test func changedOptionsBetweenRunsGiveTheirOwnReport() throws {
        let scratch = try Scratch()
        let path = try Fixtures.path("gitflow").path
        try Self.expectSameReport(path, cache: scratch.cache)
        try Self.expectSameReport(path, cache: scratch.cache, ["--changed-paths", "3"])
        try Self.expectSameReport(path, cache: scratch.cache, ["--changed-paths", "none"])
        try Self.expectSameReport(path, cache: scratch.cache, ["--changed-paths", "all"])
        try Self.expectSameReport(path, cache: scratch.cache, ["--max-file-size", "64"])
        try Self.expectSameReport(path, cache: scratch.cache, ["--as-of", "2030-01-01"])
        try Self.expectSameReport(path, cache: scratch.cache, ["--no-declared"])
        try Self.expectSameReport(path, cache: scratch.cache, ["--revision", "HEAD~1"])
        try Self.expectSameReport(path, cache: scratch.cache)
    }

    @Test func aRulePackThatReadsMessagesDifferentlyIsNotGivenOldClassifications() throws {
        let scratch = try Scratch()
        let path = try Fixtures.path("service").path
        let pack = scratch.root.appendingPathComponent("pack/catalogues")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        // Only feat: counts as a Conventional Commit in this pack's eyes.
        try Data("""
        kind: commits
        conventional-commits:
          types: [feat]
          shapes: ["{type}: *", "{type}(*): *"]
        """.utf8).write(to: pack.appendingPathComponent("commits.yml"))
        try Self.expectSameReport(path, cache: scratch.cache)
        let packed = ["--rules", pack.deletingLastPathComponent().path]
        let notes = try Self.expectSameReport(path, cache: scratch.cache, packed)
        #expect(notes.contains("the rules that read commit messages changed"), "\(notes)")
        let withPack = try CDScanBinary.run(["scan", path] + Self.json + packed + ["--cache", scratch.cache])
        let without = try CDScanBinary.run(["scan", path] + Self.json + ["--cache", scratch.cache])
        #expect(withPack.stdout != without.stdout, "the pack changes the report, cached or not")
        try Self.expectSameReport(path, cache: scratch.cache)
    }

    @Test func aDamagedCacheIsIgnoredAndRebuilt() throws {
        let scratch = try Scratch()
        let path = try Fixtures.path("service").path
        try Self.expectSameReport(path, cache: scratch.cache)
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.cache).first)
        let directory = URL(fileURLWithPath: scratch.cache).appendingPathComponent(folder)
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix("segment-") })
        for name in [segment, "tip"] {
            let file = directory.appendingPathComponent(name)
            var bytes = try Data(contentsOf: file)
            bytes.removeLast(bytes.count / 2)
            try bytes.write(to: file)
        }
        let notes = try Self.expectSameReport(path, cache: scratch.cache)
        #expect(notes.contains("was not used"), "\(notes)")
        #expect(notes.contains("the cached history was not replayed: it cannot be read"), "\(notes)")
        #expect(Self.commitCounts(notes)?.remembered == 0)
        let again = try Self.expectSameReport(path, cache: scratch.cache)
        #expect(Self.commitCounts(again)?.read == 0, "the cache was rebuilt: \(again)")
        #expect(Self.replayed(again))
    }

    @Test func aCacheFolderThatCannotBeWrittenOnlyWarns() throws {
        let scratch = try Scratch()
        let blocker = scratch.root.appendingPathComponent("file")
        try Data("not a folder".utf8).write(to: blocker)
        let path = try Fixtures.path("service").path
        let plain = try CDScanBinary.run(["scan", path] + Self.json)
        let cached = try CDScanBinary.run(["scan", path] + Self.json + ["--cache", blocker.path])
        #expect(cached.status == plain.status)
        #expect(cached.stdout == plain.stdout)
        #expect(cached.stderr.contains("history cache: not saved"), "\(cached.stderr)")
        // Said plainly, once per file kind: no Foundation error dump.
        #expect(cached.stderr.contains("cannot create \(blocker.path)/repo-") && cached.stderr.contains("Not a directory"),
                "\(cached.stderr)")
        #expect(!cached.stderr.contains("NSCocoaErrorDomain") && !cached.stderr.contains("UserInfo"), "\(cached.stderr)")
    }
}

/// `batch` keeps the history cache beside its store: a repository whose HEAD moved is scanned again from
/// its new commits, and the stored report is the one a batch without the cache stores.
@Suite struct BatchHistoryCacheTests {
    @Test func aMovedHeadIsRescannedFromTheCacheWithTheSameReport() throws {
        let scratch = try HistoryCacheTests.Scratch()
        let repository = try scratch.clone("gitflow")
        let cached = scratch.root.appendingPathComponent("cached.db").path
        let plain = scratch.root.appendingPathComponent("plain.db").path
        let first = try CDScanBinary.run(["batch", repository.path, "--db", cached, "--jobs", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: cached + ".history"), "the cache sits beside the store")
        try HistoryCacheTests.commit("feat: a change after the first batch", file: "after.txt", in: repository, day: 5)
        let second = try CDScanBinary.run(["batch", repository.path, "--db", cached, "--jobs", "1"])
        #expect(second.status == 0, "\(second.stderr)")
        let full = try CDScanBinary.run(["batch", repository.path, "--db", plain, "--jobs", "1", "--no-history-cache"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plain + ".history"))
        let records = try [cached, plain].map { database in try #require(try ScanStore.openExisting(path: database).latest().first?.record) }
        #expect(records[0].commit == records[1].commit)
        #expect(records[0].report != nil)
        #expect(records[0].report == records[1].report)
    }

    @Test func aRerunWithOptionsThatChangeTheReportScansAgain() throws {
        let scratch = try HistoryCacheTests.Scratch()
        let repository = try Fixtures.path("service").path
        let database = scratch.root.appendingPathComponent("store.db").path
        func batch(_ options: [String]) throws -> String {
            let run = try CDScanBinary.run(["batch", repository, "--db", database, "--jobs", "1"] + options)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stderr
        }
        #expect(try batch([]).contains("1 scanned, 0 unchanged"))
        #expect(try batch([]).contains("0 scanned, 1 unchanged"))
        #expect(try batch(["--changed-paths", "5"]).contains("1 scanned, 0 unchanged"))
        #expect(try batch(["--changed-paths", "5"]).contains("0 scanned, 1 unchanged"))
        #expect(try batch(["--changed-paths", "5", "--max-file-size", "100"]).contains("1 scanned, 0 unchanged"))
        #expect(try batch(["--changed-paths", "5", "--max-file-size", "100", "--no-declared"]).contains("1 scanned, 0 unchanged"))
        #expect(try batch(["--changed-paths", "5", "--max-file-size", "100", "--no-declared", "--no-history-cache"])
            .contains("0 scanned, 1 unchanged"), "the history cache does not change a report")
    }
}
