import Foundation
import Testing
import FixtureKit

/// Issue 13, recipe 5 and item 8: patterns from a repository's own configuration and rule packs are input
/// from strangers. Each run goes through the built binary and must end quickly with a clear outcome.
@Suite struct HostilePatternTests {
    func scratch(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-hostile-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `cdscan` and returns the run with its wall-clock time.
    func timed(_ arguments: [String]) throws -> (CDScanBinary.Run, Duration) {
        let began = ContinuousClock.now
        let run = try CDScanBinary.run(arguments)
        return (run, ContinuousClock.now - began)
    }

    @Test func aStarredExcludeOnADeepTreeIsCheap() throws {
        let directory = try scratch("exclude")
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostilePatterns.deepTreeWithStarredExclude(at: directory)
        let (run, elapsed) = try timed(["scan", directory.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        // Minutes before the glob automaton; the release binary takes 0.2 s, the tests' debug build a few.
        #expect(elapsed < .seconds(HostileFileTests.timeLimit), "took \(elapsed)")
        #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil)
    }

    @Test func aNestedQuantifierInARepositoryPackRunsInLinearTime() throws {
        let directory = try scratch("pack")
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostilePatterns.packWithNestedQuantifier(at: directory)
        let (run, elapsed) = try timed(["scan", directory.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(!run.stdout.contains("data/xs.txt"), "no y, so the entry must not match")
    }

    @Test func theSamePackMatchesWhenTheTextDoes() throws {
        let directory = try scratch("pack-y")
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostilePatterns.packWithNestedQuantifier(at: directory, endsWithY: true)
        let (run, elapsed) = try timed(["scan", directory.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(run.stdout.contains("data/xs.txt"), "the pack's entry found the file")
    }

    @Test(arguments: [
        ("(x)\\1", "hasBuildScripts", "pack/catalogues/hostile.yml:7:16: pattern not supported: backreferences are not supported"),
        ("(x", "hasBuildScripts", "pack/catalogues/hostile.yml:7:16: not a valid regular expression: (x"),
        ("x+", "hasBuildScipts", "pack/catalogues/hostile.yml:5:12: entry 'hostile-pattern' feeds 'hasBuildScipts', which no probe reads"),
    ])
    func aPackCatalogueThatDoesNotLoadStopsTheScanWithItsLocation(_ pattern: String, _ feeds: String, _ message: String) throws {
        let directory = try scratch("bad-pack")
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostilePatterns.packThatDoesNotLoad(at: directory, contains: pattern, feeds: feeds)
        let (run, elapsed) = try timed(["scan", directory.path])
        #expect(run.status == 64, "like a malformed .cdscan.yml: \(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test func aCommandLinePackIsCheckedBeforeTheScan() throws {
        let directory = try scratch("cli-pack")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pack = directory.appendingPathComponent("pack/catalogues")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try Data("kind: detectors\nentries:\n  - {id: p, tool: P, feeds: [hasBuildScripts], paths: ['*.txt'], contains: ['(?<=a)b']}\n".utf8)
            .write(to: pack.appendingPathComponent("p.yml"))
        let packPath = directory.appendingPathComponent("pack").path
        let scan = try CDScanBinary.run(["scan", try Fixtures.path("hobby").path, "--rules", packPath])
        #expect(scan.status == 64)
        #expect(scan.stderr.contains("\(packPath)/catalogues/p.yml:3:"), "\(scan.stderr)")
        #expect(scan.stderr.contains("lookbehind is not supported"), "\(scan.stderr)")
        let validate = try CDScanBinary.run(["rules", "validate", packPath])
        #expect(validate.status == 64, "a catalogue that cannot be used is a usage error")
        #expect(validate.stderr.contains("lookbehind is not supported"), "\(validate.stderr)")
    }
}
