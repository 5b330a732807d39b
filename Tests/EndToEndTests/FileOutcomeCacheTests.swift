import Foundation
import Testing
import FixtureKit

/// `scan --cache DIR` keeps the file detectors' outcomes of the tree it scanned (the cache folder's
/// `outcomes` file): a rescan reads only the files whose blobs are new, and prints the same bytes as a
/// scan without a cache; outcomes made under other catalogues are not taken, and a damaged file is
/// refused and written anew.
@Suite struct FileOutcomeCacheTests {
    typealias Scratch = HistoryCacheTests.Scratch

    /// The `N of this tree's M file outcomes reused, K read` note: (reused, read).
    static func outcomeCounts(_ notes: String) -> (reused: Int, read: Int)? {
        for line in notes.split(separator: "\n") where line.contains("file outcomes reused") {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard numbers.count >= 3 else { return nil }
            return (numbers[0], numbers[2])
        }
        return nil
    }

    /// The repository's cache folder's outcomes file (one repository per cache in these tests).
    static func outcomesFile(_ cache: String) throws -> URL {
        try HistoryCacheTests.cacheFile("outcomes", in: cache)
    }

    /// Writes `files` (path: text) into the clone and commits them.
    static func commit(_ files: [String: String], in repository: URL, message: String) throws {
        for (path, text) in files {
            let url = repository.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        _ = try Git.run(["add", "-A"], in: repository)
        _ = try Git.run(["-c", "user.name=Cache Tester", "-c", "user.email=cache@example.com", "commit", "-q", "-m", message],
                        in: repository)
    }

    /// A repository pack (`.cdscan.yml` `rules:`) whose entry finds `notes/word.txt` when it holds `word`.
    static func pack(_ word: String) -> [String: String] {
        [".cdscan.yml": "rules: [pack/]\n", "pack/catalogues/words.yml": """
            kind: detectors
            entries:
              - id: pack-word
                tool: Word
                feeds: [hasBuildScripts]
                paths: ["notes/word.txt"]
                contains: ['\(word)']

            """]
    }

    static func findsTheWord(_ repository: URL, cache: String) throws -> Bool {
        let run = try CDScanBinary.run(["scan", repository.path, "--format", "json", "--cache", cache])
        return run.stdout.contains("\"path\" : \"notes/word.txt\"")
    }

    @Test(arguments: try Fixtures.names())
    func coldWarmAndUncachedReportsAreTheSame(_ fixture: String) throws {
        let scratch = try Scratch()
        let path = try Fixtures.path(fixture).path
        let cold = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        let warm = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        // Every other format too, warm.
        for format in ["text", "markdown", "sarif", "codequality"] {
            let plain = try CDScanBinary.run(["scan", path, "--format", format])
            let cached = try CDScanBinary.run(["scan", path, "--format", format, "--cache", scratch.cache])
            #expect(cached.status == plain.status && cached.stdout == plain.stdout, "\(format) differs for \(fixture)")
        }
        guard let first = Self.outcomeCounts(cold) else { return }  // a repository that cannot be scanned
        let second = try #require(Self.outcomeCounts(warm), "\(warm)")
        #expect(first.reused == 0)
        #expect(second.read == 0 && second.reused == first.read, "a warm rescan reads no file again: \(warm)")
        #expect(!warm.contains("file outcomes cache: saved"), "nothing new, nothing written: \(warm)")
    }

    @Test func aChangedFileIsReadAgainAndItsNewDetectionShows() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("trunk")
        try Self.commit(Self.pack("beta").merging(["notes/word.txt": "alpha\n"]) { $1 }, in: repository, message: "a pack")
        try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(try !Self.findsTheWord(repository, cache: scratch.cache))
        // The same path, a new blob that holds the word.
        try Self.commit(["notes/word.txt": "beta\n"], in: repository, message: "the word")
        let notes = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(Self.outcomeCounts(notes)?.read == 1, "only the changed file is read: \(notes)")
        #expect(try Self.findsTheWord(repository, cache: scratch.cache))
    }

    /// The file's blob stays, the word changes with the repository's pack: the outcome made under the old
    /// pack is not taken.
    @Test func aChangedRulePackDoesNotReuse() throws {
        let scratch = try Scratch()
        let repository = try scratch.clone("trunk")
        try Self.commit(Self.pack("alpha").merging(["notes/word.txt": "beta\n"]) { $1 }, in: repository, message: "pack alpha")
        try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(try !Self.findsTheWord(repository, cache: scratch.cache))
        try Self.commit(Self.pack("beta"), in: repository, message: "pack beta")
        let notes = try HistoryCacheTests.expectSameReport(repository.path, cache: scratch.cache)
        #expect(notes.contains("file outcomes cache was not used: it was made with other catalogues"), "\(notes)")
        #expect(Self.outcomeCounts(notes)?.reused == 0, "\(notes)")
        #expect(try Self.findsTheWord(repository, cache: scratch.cache))
    }

    @Test func anotherFileSizeCapDoesNotReuse() throws {
        let scratch = try Scratch()
        let path = try Fixtures.path("service").path
        try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        let notes = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache, ["--max-file-size", "100"])
        #expect(notes.contains("file outcomes cache was not used: it was made with another --max-file-size"), "\(notes)")
        #expect(Self.outcomeCounts(notes)?.reused == 0)
    }

    @Test(arguments: ["flip", "cut", "foreign", "empty"])
    func aDamagedOutcomesFileIsRefusedAndRebuilt(_ damage: String) throws {
        let scratch = try Scratch()
        let path = try Fixtures.path("service").path
        let cold = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        let read = try #require(Self.outcomeCounts(cold)).read
        let file = try Self.outcomesFile(scratch.cache)
        var bytes = [UInt8](try Data(contentsOf: file))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x5A
        case "cut": bytes = Array(bytes.prefix(bytes.count - 7))
        case "foreign": bytes = Array("segment-0.bin\n".utf8)
        default: bytes = []
        }
        try Data(bytes).write(to: file)
        let notes = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        #expect(notes.contains("file outcomes cache was not used: it cannot be read"), "\(notes)")
        #expect(Self.outcomeCounts(notes)?.read == read, "every file is read again: \(notes)")
        #expect(notes.contains("file outcomes cache: saved"))
        // Rebuilt: the next scan takes it.
        let again = try HistoryCacheTests.expectSameReport(path, cache: scratch.cache)
        #expect(Self.outcomeCounts(again)?.read == 0, "\(again)")
        #expect(!again.contains("was not used"))
    }
}
