import CDScanBatch
import CDScanKit
import CDScanOrg
import CDScanStore
import FixtureKit
import Foundation
import GitAccess
import Testing

/// One scan of a fixture, as a record.
private func record(_ fixture: String, key: String? = nil) throws -> ScanRecord {
    let path = try Fixtures.path(fixture).path
    let result = try Scanner.scan(ScanRequest(path: path))
    return ScanRecord(repository: key ?? path, name: fixture, report: ReportDocument(result, toolVersion: CDScanVersion.current))
}

@Suite struct StoreTests {
    /// A batch without packs digests the built-in rules from their text; the digest is the one loading
    /// them gives, which scans store.
    @Test func theBuiltInRulesDigestIsTheLoadedOnes() throws {
        #expect(try BatchOptions.rulesDigest([]) == (try RuleSet.load()).digest)
    }

    /// A pack's catalogue changes the evidence, so it changes what the store keys unchanged repositories
    /// on; the same pack read again gives the same digest.
    @Test func aPacksCatalogueChangesTheSetupDigest() throws {
        let scratch = try ScratchDirectory()
        func pack(_ name: String, _ files: [String: String]) throws -> String {
            for (path, text) in files {
                let url = scratch.url.appendingPathComponent(name).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            return scratch.url.appendingPathComponent(name).path
        }
        let commands = "kind: ci\ncommands:\n  - {tool: in-house push, kind: publish, match: [\"shipit push\"]}\n"
        let first = try pack("one", ["catalogues/ci-commands.yml": commands])
        let other = try pack("three", ["catalogues/ci-commands.yml": commands.replacingOccurrences(of: "shipit", with: "launch")])
        let builtIn = try BatchOptions.catalogueDigest([])
        #expect(try BatchOptions.catalogueDigest([first]) == (try BatchOptions.catalogueDigest([first])))
        #expect(try BatchOptions.catalogueDigest([first]) != (try BatchOptions.catalogueDigest([other])))
        #expect(try BatchOptions.catalogueDigest([first]) != builtIn)
    }

    @Test func aScanAndAFailureComeBackAsTheyWereStored() throws {
        let scratch = try ScratchDirectory()
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let scanned = try record("library")
        let failed = ScanRecord(repository: "/srv/broken", name: "broken", failure: "/srv/broken has no commits yet",
                                toolVersion: CDScanVersion.current)
        let setup = ScanSetup(asOfOption: "", rulesDigest: "abc")
        try store.insert(scanned, setup: setup, scannedAt: "2026-01-01T00:00:00Z")
        try store.insert(failed, setup: setup, scannedAt: "2026-01-01T00:00:01Z")

        let all = try store.all()
        #expect(all.count == 2)
        // The same JSON (finding values may come back as other number cases of the same JSON value).
        let stored = try #require(all.first { $0.record.status == .scanned })
        #expect(try JSONOutput.encode(stored.record) == (try JSONOutput.encode(scanned)))
        #expect(stored.record.outcomes == scanned.outcomes)
        #expect(stored.record.metrics == scanned.metrics)
        #expect(stored.record.level == scanned.level && stored.record.commit == scanned.commit)
        #expect(all.map(\.record).contains(failed))
        #expect(stored.setup == setup)
        #expect(stored.scannedAt == "2026-01-01T00:00:00Z")
        #expect(scanned.outcomes.count == 42)
        #expect(try store.count(status: .scanned) == 1)
        #expect(try store.count(status: .failed) == 1)

        // Reopened from the file: the same rows.
        let reopened = try ScanStore.openExisting(path: store.path)
        #expect(try reopened.all() == all)
        let input = try OrgReportInput(store: reopened)
        #expect(input.latest.count == 2)
        #expect(input.history.count == 2)
    }

    @Test func latestIsTheNewestBatchScanAndHistoryIsOldestFirst() throws {
        let scratch = try ScratchDirectory()
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let good = try record("hobby", key: "/r/hobby")
        let setup = ScanSetup(asOfOption: "", rulesDigest: "abc")
        try store.insert(good, setup: setup)
        let broken = ScanRecord(repository: "/r/hobby", name: "hobby", failure: "damaged", toolVersion: CDScanVersion.current)
        try store.insert(broken, setup: setup)
        // A history point written later is not the latest.
        try store.insert(good, kind: .history, setup: ScanSetup(asOfOption: good.asOf ?? "", rulesDigest: "abc"))
        let latest = try store.latest()
        #expect(latest.count == 1)
        #expect(latest.first?.record == broken)
        #expect(try store.all().filter { $0.kind == .history }.count == 1)
        // The last successful batch scan is still the incremental reference.
        #expect(try store.lastSuccessfulScan(of: "/r/hobby")?.commit == good.commit)
    }

    @Test func mergeAddsEachScanOnce() throws {
        let scratch = try ScratchDirectory()
        let one = try ScanStore(path: scratch.url.appendingPathComponent("1.db").path)
        let two = try ScanStore(path: scratch.url.appendingPathComponent("2.db").path)
        let setup = ScanSetup(asOfOption: "", rulesDigest: "abc")
        try one.insert(try record("hobby", key: "/r/hobby"), setup: setup, scannedAt: "2026-01-01T00:00:00Z")
        try two.insert(try record("library", key: "/r/library"), setup: setup, scannedAt: "2026-01-01T00:00:05Z")
        try two.insert(ScanRecord(repository: "/r/x", name: "x", failure: "no commits", toolVersion: "0.1.0"),
                       setup: setup, scannedAt: "2026-01-01T00:00:06Z")

        let merged = try ScanStore(path: scratch.url.appendingPathComponent("all.db").path)
        #expect(try merged.merge(from: one) == 1)
        #expect(try merged.merge(from: two) == 2)
        #expect(try merged.merge(from: two) == 0)
        #expect(try merged.count() == 3)
        #expect(Set(try merged.latest().map(\.record.repository)) == ["/r/hobby", "/r/library", "/r/x"])
        #expect(try merged.all().count == 3)
    }
}

extension StoreTests {
    @Test func theLatestScanIsByScanTimeWhateverTheOrderOfMerging() throws {
        let scratch = try ScratchDirectory()
        let setup = ScanSetup(asOfOption: "", rulesDigest: "abc")
        let newer = try ScanStore(path: scratch.url.appendingPathComponent("newer.db").path)
        try newer.insert(ScanRecord(repository: "/r/a", name: "a", failure: "broken since Tuesday", toolVersion: "0.1.0"),
                         setup: setup, scannedAt: "2026-03-01T00:00:00Z")
        let older = try ScanStore(path: scratch.url.appendingPathComponent("older.db").path)
        try older.insert(try record("hobby", key: "/r/a"), setup: setup, scannedAt: "2026-02-01T00:00:00Z")
        let merged = try ScanStore(path: scratch.url.appendingPathComponent("all.db").path)
        try merged.merge(from: newer)
        try merged.merge(from: older)
        #expect(try merged.latest().map(\.record.error) == ["broken since Tuesday"])
        #expect(try merged.lastSuccessfulScan(of: "/r/a")?.commit != nil)
        try merged.close()
    }
}

@Suite struct BatchRunnerTests {
    @Test func anUnchangedRepositoryIsNotScannedAgainUnlessForcedOrChanged() throws {
        let scratch = try ScratchDirectory()
        let repository = try scratch.repository("repos/one")
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let targets = RepositoryDiscovery.search(scratch.url.appendingPathComponent("repos").path)
        #expect(targets.count == 1)

        let first = try BatchRunner(store: store, options: BatchOptions(jobs: 2)).run(targets)
        #expect(first.scanned == 1 && first.unchanged == 0 && first.failures.isEmpty)
        let second = try BatchRunner(store: store, options: BatchOptions(jobs: 2)).run(targets)
        #expect(second.scanned == 0 && second.unchanged == 1)
        #expect(try store.count() == 1)

        let forced = try BatchRunner(store: store, options: BatchOptions(jobs: 2, force: true)).run(targets)
        #expect(forced.scanned == 1)
        // Another as-of is another question.
        let asOf = try BatchRunner(store: store, options: BatchOptions(scan: ScanOptions(asOf: 2_000_000_000))).run(targets)
        #expect(asOf.scanned == 1)

        try Data("y\n".utf8).write(to: repository.appendingPathComponent("g"))
        try Git.run(["add", "."], in: repository)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "d"], in: repository)
        let changed = try BatchRunner(store: store, options: BatchOptions()).run(targets)
        #expect(changed.scanned == 1 && changed.unchanged == 0)
        #expect(try store.count() == 4)
    }

    @Test func failuresAreRecordsWithTheirReasonAndTheBatchGoesOn() throws {
        let scratch = try ScratchDirectory()
        _ = try scratch.repository("repos/good")
        let empty = try scratch.directory("repos/empty")
        try Git.run(["init", "-q"], in: empty)
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let targets = RepositoryDiscovery.search(scratch.url.appendingPathComponent("repos").path)
            + [RepositoryDiscovery.target(path: scratch.url.appendingPathComponent("plain").path)]
        let events = EventLog()
        let summary = try BatchRunner(store: store, options: BatchOptions(jobs: 3)).run(RepositoryDiscovery.deduplicated(targets)) {
            events.append($0)
        }
        #expect(summary.scanned == 1)
        #expect(summary.failures.map(\.name).sorted() == ["empty", "plain"])
        #expect(summary.failures.first { $0.name == "empty" }?.error?.contains("no commits") == true)
        #expect(summary.failures.first { $0.name == "plain" }?.error?.contains("not a git repository") == true)
        #expect(events.count == 3)
        #expect(try store.count(status: .failed) == 2)
    }

    @Test func aStopBeforeTheStartScansNothing() throws {
        let scratch = try ScratchDirectory()
        _ = try scratch.repository("repos/one")
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let stop = StopFlag()
        stop.raise()
        let summary = try BatchRunner(store: store, options: BatchOptions()).run(
            RepositoryDiscovery.search(scratch.url.appendingPathComponent("repos").path), stop: stop)
        #expect(summary.interrupted && summary.notStarted == 1)
        #expect(try store.count() == 0)
    }
}

/// Events from the workers, behind a lock.
final class EventLog: @unchecked Sendable {  // the array is only touched under the lock
    private let lock = NSLock()
    private var events: [BatchEvent] = []

    func append(_ event: BatchEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return events.count
    }
}

@Suite struct MirrorTests {
    @Test func aURLIsClonedAsABareMirrorThenFetched() throws {
        let scratch = try ScratchDirectory()
        let source = try scratch.repository("source")
        try Git.run(["tag", "v1"], in: source)
        try Git.run(["branch", "feature"], in: source)
        let mirror = scratch.url.appendingPathComponent("cache/source.git").path
        try FileManager.default.createDirectory(atPath: scratch.url.appendingPathComponent("cache").path, withIntermediateDirectories: true)
        #expect(try GitMirror.update(url: "file://" + source.path, directory: mirror) == .cloned)

        let refs = { (path: String) in try Git.run(["for-each-ref", "--format=%(refname) %(objectname)"], in: URL(fileURLWithPath: path)) }
        #expect(try refs(mirror) == (try refs(source.path)))
        #expect(try Git.run(["rev-parse", "--is-bare-repository"], in: URL(fileURLWithPath: mirror)).hasPrefix("true"))
        #expect(try GitRepository(path: mirror).head().branch == "main")

        try Data("z\n".utf8).write(to: source.appendingPathComponent("z"))
        try Git.run(["add", "."], in: source)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "z"], in: source)
        try Git.run(["branch", "-D", "feature"], in: source)
        #expect(try GitMirror.update(url: "file://" + source.path, directory: mirror) == .fetched)
        #expect(try refs(mirror) == (try refs(source.path)))
    }

    @Test func aCloneThatFailsLeavesNothingBehind() throws {
        let scratch = try ScratchDirectory()
        let mirror = scratch.url.appendingPathComponent("m.git").path
        #expect(throws: GitError.self) {
            try GitMirror.update(url: "file://" + scratch.url.appendingPathComponent("missing").path, directory: mirror)
        }
        #expect(!FileManager.default.fileExists(atPath: mirror))
    }
}
