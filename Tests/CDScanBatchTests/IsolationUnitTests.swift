import CDScanBatch
import CDScanKit
import CDScanStore
import FixtureKit
import Foundation
import GitAccess
import Testing

@Suite struct StoreConcurrencyTests {
    /// Several openers of one new store at once (each its own connection, as two batches are): every one
    /// succeeds, writes, and closes, whoever created the schema.
    @Test func openersOfTheSameNewStoreAtOnceAllSucceed() throws {
        let scratch = try ScratchDirectory()
        for round in 0..<12 {
            let path = scratch.url.appendingPathComponent("race-\(round).db").path
            let errors = Errors()
            let group = DispatchGroup()
            let start = DispatchSemaphore(value: 0)
            for opener in 0..<4 {
                group.enter()
                Thread {
                    start.wait()
                    do {
                        let store = try ScanStore(path: path)
                        try store.insert(ScanRecord(repository: "/r/\(opener)", name: "r", failure: "x",
                                                    toolVersion: CDScanVersion.current), setup: nil)
                        try store.close()
                    } catch {
                        errors.append("\(error)")
                    }
                    group.leave()
                }.start()
            }
            for _ in 0..<4 { start.signal() }
            group.wait()
            #expect(errors.all.isEmpty, "round \(round): \(errors.all)")
            #expect(try ScanStore.openExisting(path: path).count() == 4)
        }
    }

    /// A store opened for reading is never written (no log appears beside it). (A read-only directory is
    /// covered through the binary, as another user: see BatchIsolationTests.)
    @Test func aStoreOpenedForReadingIsNotWritten() throws {
        let scratch = try ScratchDirectory()
        let directory = try scratch.directory("ro")
        let path = directory.appendingPathComponent("s.db").path
        let store = try ScanStore(path: path)
        try store.insert(ScanRecord(repository: "/r/a", name: "a", failure: "x", toolVersion: CDScanVersion.current), setup: nil)
        try store.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try ScanStore.openForReading(path: path)
        #expect(try reader.count() == 1)
        #expect(try reader.latest().map(\.record.repository) == ["/r/a"])
        #expect(throws: StoreError.self) {
            try reader.insert(ScanRecord(repository: "/r/b", name: "b", failure: "x", toolVersion: CDScanVersion.current), setup: nil)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func readingAMissingStoreOrSomethingElseFails() throws {
        let scratch = try ScratchDirectory()
        #expect(throws: StoreError.self) { try ScanStore.openForReading(path: scratch.url.appendingPathComponent("none.db").path) }
        let other = scratch.url.appendingPathComponent("other.db").path
        try Data("not a database, just text that is long enough to be read as a header\n".utf8).write(to: URL(fileURLWithPath: other))
        #expect(throws: StoreError.self) { try ScanStore.openForReading(path: other).count() }
    }
}

/// Messages collected from threads, behind a lock.
final class Errors: @unchecked Sendable {  // `items` only under `lock`
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ text: String) {
        lock.lock()
        items.append(text)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

@Suite struct RemoteURLTests {
    @Test func credentialsLeaveEveryFormShownOrStored() {
        let cases: [(String, String)] = [
            ("https://alice:s3cr3t-pass@git.example.com/org/repo.git", "https://git.example.com/org/repo.git"),
            ("https://ghp_0123456789abcdef@github.com/org/repo", "https://github.com/org/repo"),
            ("http://user:p@ss@127.0.0.1:8080/x.git", "http://127.0.0.1:8080/x.git"),
            ("https://host/path/with@sign.git", "https://host/path/with@sign.git"),
            ("ssh://git:hunter22@host/org/repo.git", "ssh://git@host/org/repo.git"),
            ("ssh://git@host/org/repo.git", "ssh://git@host/org/repo.git"),
            ("git@github.com:org/repo.git", "git@github.com:org/repo.git"),
            ("file:///srv/git/repo", "file:///srv/git/repo"),
        ]
        for (raw, display) in cases {
            #expect(RemoteURL(raw).display == display, "\(raw)")
        }
    }

    @Test func messagesQuotingTheURLOrItsSecretsAreScrubbed() {
        let remote = RemoteURL("https://alice:s3cr3t-pass@git.example.com/org/repo.git")
        #expect(remote.hasCredentials)
        #expect(remote.redact("failed to fetch https://alice:s3cr3t-pass@git.example.com/org/repo.git: 401")
            == "failed to fetch https://git.example.com/org/repo.git: 401")
        #expect(remote.redact("auth for alice:s3cr3t-pass rejected; password s3cr3t-pass") == "auth for *** rejected; password ***")
        #expect(!RemoteURL("https://host/x").hasCredentials)
    }

    @Test func aURLTargetIsKeyedNamedAndMirroredWithoutItsCredentials() {
        let target = RepositoryDiscovery.target(url: "https://bob:tok3n-value@git.example.com/org/api.git", cache: "/c")
        let plain = RepositoryDiscovery.target(url: "https://git.example.com/org/api.git", cache: "/c")
        #expect(target.key == "https://git.example.com/org/api.git")
        #expect(target.name == "org/api")
        #expect(target.path == plain.path)
        #expect(!target.path.contains("tok3n"))
        #expect(target.url == "https://bob:tok3n-value@git.example.com/org/api.git")
    }
}

@Suite struct WorkerBudgetTests {
    @Test func theBudgetGrowsWithTheHistory() {
        #expect(WorkerBudget.scan(base: 300, packBytes: 0).seconds == 300)
        #expect(WorkerBudget.scan(base: 300, packBytes: 500 << 20).seconds == 350)
        var transfer = WorkerBudget.transfer(base: 10)
        #expect(transfer.seconds == 10)
        transfer.bytes = 30 << 20
        #expect(transfer.seconds == 40)
    }

    @Test func theJobCapIsAFewPerCore() {
        #expect(BatchOptions.maximumJobs == ProcessInfo.processInfo.activeProcessorCount * BatchOptions.jobsPerCore)
    }

    @Test func jobsAndMessagesSurviveTheirLines() throws {
        let settings = WorkerScanSettings(ScanOptions(asOf: 1_700_000_000, changedPaths: .all, fileSizeCap: 4096, revision: "abc"),
                                          rulePackDirectories: ["/p"], configFile: nil, useDeclared: false, toolVersion: "9")
        let job = WorkerJob.scan("/r", as: "/r", named: "r", settings: settings, unchangedIfHead: "0123")
        let decoded = try JSONDecoder().decode(WorkerJob.self, from: JSONEncoder().encode(job))
        #expect(decoded == job)
        #expect(decoded.settings?.changedPathsLimit == Int.max)
        for message in [WorkerMessage.stage("scanning"), .received(12), .memoryExhausted,
                        .done(.failed(reason: "line\nbreak", commit: nil)), .done(.chain([ChainLink(commit: "a", time: 1)]))] {
            let line = message.line()
            #expect(line.last == 0x0A && line.dropLast().firstIndex(of: 0x0A) == nil)
            #expect(WorkerMessage.parse(line.dropLast()) == message)
        }
    }
}

@Suite struct MirrorIsolationTests {
    /// The mirror's configuration holds the URL to show (credentials stripped), while the transfer uses
    /// the URL as given; a fetch puts the shown URL back over one an older version stored.
    @Test func theConfigurationKeepsTheStoredURLWhileTheTransferUsesTheGivenOne() throws {
        let scratch = try ScratchDirectory()
        let source = try scratch.repository("source")
        let cache = try scratch.directory("cache")
        let mirror = cache.appendingPathComponent("source.git").path
        let shown = "https://git.example.invalid/org/source.git"
        let received = Errors()
        #expect(try GitMirror.update(url: "file://" + source.path, storedAs: shown, directory: mirror,
                                     progress: { received.append(String($0)) }) == .cloned)
        let config = { try Git.run(["config", "remote.origin.url"], in: URL(fileURLWithPath: mirror)).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(try config() == shown)
        // The transfer's progress is heard (the worker streams it to stretch a clone's budget).
        #expect(!received.all.isEmpty)
        let refs = { (path: String) in try Git.run(["for-each-ref", "--format=%(refname) %(objectname)"], in: URL(fileURLWithPath: path)) }
        #expect(try refs(mirror) == (try refs(source.path)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["source.git"])

        try Git.run(["config", "remote.origin.url", "https://alice:old-secret@git.example.invalid/org/source.git"],
                    in: URL(fileURLWithPath: mirror))
        try Data("z\n".utf8).write(to: source.appendingPathComponent("z"))
        try Git.run(["add", "."], in: source)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "z"], in: source)
        #expect(try GitMirror.update(url: "file://" + source.path, storedAs: shown, directory: mirror) == .fetched)
        #expect(try config() == shown)
        #expect(try refs(mirror) == (try refs(source.path)))
    }

    @Test func aPartialCloneOfAProcessThatIsGoneIsRemovedAndOneThatFailsLeavesNothing() throws {
        let scratch = try ScratchDirectory()
        let source = try scratch.repository("source")
        let cache = try scratch.directory("cache")
        let mirror = cache.appendingPathComponent("m.git").path
        let abandoned = GitMirror.partialDirectory(for: mirror, pid: 999_999_999)
        try FileManager.default.createDirectory(atPath: abandoned + "/objects", withIntermediateDirectories: true)
        #expect(throws: GitError.self) {
            try GitMirror.update(url: "file://" + scratch.url.appendingPathComponent("missing").path, directory: mirror)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).isEmpty)
        // A directory in the mirror's place that is not a whole mirror is cloned over.
        try FileManager.default.createDirectory(atPath: mirror + "/objects", withIntermediateDirectories: true)
        #expect(try GitMirror.update(url: "file://" + source.path, directory: mirror) == .cloned)
        #expect(try GitRepository(path: mirror).head().branch == "main")
    }
}
