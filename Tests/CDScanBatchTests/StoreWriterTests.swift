@testable import CDScanBatch
import CDScanKit
import CDScanStore
import FixtureKit
import Foundation
import Testing

/// The batch's writer thread and the store calls it makes: grouped writes, the last good scans read in
/// one pass.
@Suite struct StoreWriterTests {
    private let setup = ScanSetup(asOfOption: "", rulesDigest: "abc")

    private func scanned(_ fixture: String, key: String) throws -> (ScanRecord, String) {
        let result = try Scanner.scan(ScanRequest(path: try Fixtures.path(fixture).path))
        let report = ReportDocument(result, toolVersion: CDScanVersion.current)
        return (ScanRecord(repository: key, name: fixture, report: report).withoutReport(), try ScanStore.encodedReport(report))
    }

    /// Delivered events, in the order the writer gave them.
    private final class Deliveries: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [(String, BatchOutcome, ScanRecord?)] = []

        func add(_ target: BatchTarget, _ outcome: BatchOutcome, _ failure: ScanRecord?) {
            lock.lock()
            events.append((target.key, outcome, failure))
            lock.unlock()
        }

        var all: [(String, BatchOutcome, ScanRecord?)] {
            lock.lock()
            defer { lock.unlock() }
            return events
        }
    }

    @Test func severalScansGoInOneTransactionEachWhole() throws {
        let scratch = try ScratchDirectory()
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let (one, oneJSON) = try scanned("hobby", key: "/r/one")
        let (two, twoJSON) = try scanned("library", key: "/r/two")
        let failure = ScanRecord(repository: "/r/three", name: "three", failure: "damaged", toolVersion: CDScanVersion.current)
        let ids = try store.insert([PendingScan(one, reportJSON: oneJSON, setup: setup, scannedAt: "2026-01-01T00:00:00Z"),
                                    PendingScan(failure, setup: setup, scannedAt: "2026-01-01T00:00:01Z"),
                                    PendingScan(two, reportJSON: twoJSON, setup: setup, scannedAt: "2026-01-01T00:00:02Z")])
        #expect(ids.count == 3 && ids == ids.sorted())
        let all = try store.all().sorted { $0.id < $1.id }
        #expect(all.map(\.id) == ids)
        #expect(all.map(\.record.repository) == ["/r/one", "/r/three", "/r/two"])
        #expect(all.map(\.scannedAt) == ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z"])
        #expect(all.filter { $0.record.status == .scanned }.allSatisfy { $0.record.outcomes.count == 42 })
        #expect(try store.count(status: .failed) == 1)
        // The same bytes as one insert at a time.
        let single = try ScanStore(path: scratch.url.appendingPathComponent("single.db").path)
        try single.insert(one, reportJSON: oneJSON, setup: setup, scannedAt: "2026-01-01T00:00:00Z")
        try single.insert(failure, setup: setup, scannedAt: "2026-01-01T00:00:01Z")
        try single.insert(two, reportJSON: twoJSON, setup: setup, scannedAt: "2026-01-01T00:00:02Z")
        #expect(try single.all().sorted { $0.id < $1.id } == all)
    }

    @Test func theLastGoodScansReadAtOnceAreThoseAskedOneByOne() throws {
        let scratch = try ScratchDirectory()
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let (hobby, hobbyJSON) = try scanned("hobby", key: "/r/a")
        let (library, libraryJSON) = try scanned("library", key: "/r/a")
        let other = ScanSetup(asOfOption: "2026-01-01T00:00:00Z", rulesDigest: "def")
        // Written out of time order (as `merge` may): the newest scan time wins, not the newest row.
        try store.insert(library, reportJSON: libraryJSON, setup: other, scannedAt: "2026-03-01T00:00:00Z")
        try store.insert(hobby, reportJSON: hobbyJSON, setup: setup, scannedAt: "2026-02-01T00:00:00Z")
        // Later failures and history points are not the incremental reference.
        try store.insert(ScanRecord(repository: "/r/a", name: "a", failure: "broken", toolVersion: "0.1.0"), setup: setup,
                         scannedAt: "2026-04-01T00:00:00Z")
        try store.insert(hobby, reportJSON: hobbyJSON, kind: .history, setup: setup, scannedAt: "2026-05-01T00:00:00Z")
        // The same scan time: the later row.
        try store.insert(library, reportJSON: libraryJSON, setup: other, scannedAt: "2026-01-01T00:00:00Z")
        let (b, bJSON) = try scanned("hobby", key: "/r/b")
        try store.insert(b, reportJSON: bJSON, setup: setup, scannedAt: "2026-01-01T00:00:00Z")
        try store.insert(library.relabelled("/r/b"), reportJSON: libraryJSON, setup: other, scannedAt: "2026-01-01T00:00:00Z")
        try store.insert(ScanRecord(repository: "/r/c", name: "c", failure: "no commits", toolVersion: "0.1.0"), setup: setup)

        let all = try store.lastSuccessfulScans()
        #expect(Set(all.keys) == ["/r/a", "/r/b"])
        for key in ["/r/a", "/r/b", "/r/c"] {
            let one = try store.lastSuccessfulScan(of: key)
            #expect(all[key].map { [$0.commit, $0.toolVersion] } == one.map { [$0.commit, $0.toolVersion] })
            #expect(all[key]?.setup == one?.setup)
        }
        #expect(all["/r/a"]?.setup == other && all["/r/b"]?.setup == other)
    }

    @Test func theWriterDeliversEveryResultInOrderOnceStored() throws {
        let scratch = try ScratchDirectory()
        let store = try ScanStore(path: scratch.url.appendingPathComponent("s.db").path)
        let (one, oneJSON) = try scanned("hobby", key: "/r/one")
        let deliveries = Deliveries()
        let writer = StoreWriter(store: store) { deliveries.add($0, $1, $2) }
        let targets = (0..<5).map { BatchTarget(key: "/r/\($0)", name: "\($0)", path: "/r/\($0)") }
        writer.submit(FinishedRepository(target: targets[0], result: .scanned(PendingScan(one, reportJSON: oneJSON, setup: setup))))
        writer.submit(FinishedRepository(target: targets[1], result: .unchanged))
        let failure = ScanRecord(repository: "/r/2", name: "2", failure: "damaged", toolVersion: CDScanVersion.current)
        writer.submit(FinishedRepository(target: targets[2], result: .failed(PendingScan(failure, setup: setup))))
        writer.submit(FinishedRepository(target: targets[3], result: .scanned(PendingScan(one, reportJSON: oneJSON, setup: setup))))
        // Nothing is delivered before it is written; finishing writes what waits.
        writer.finish()
        let events = deliveries.all
        #expect(events.map(\.0) == ["/r/0", "/r/1", "/r/2", "/r/3"])
        #expect(events[0].1 == .scanned(level: one.level) && events[1].1 == .unchanged && events[2].1 == .failed("damaged"))
        #expect(events[2].2 == failure && events[0].2 == nil)
        #expect(try store.count(status: .scanned) == 2)
        #expect(try store.count(status: .failed) == 1)
    }

    @Test func aResultThatCannotBeStoredFailsAloneWithTheStoresReason() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.url.appendingPathComponent("s.db").path
        try ScanStore(path: path).close()
        let readOnly = try ScanStore.openForReading(path: path)
        let (one, oneJSON) = try scanned("hobby", key: "/r/one")
        let deliveries = Deliveries()
        let writer = StoreWriter(store: readOnly) { deliveries.add($0, $1, $2) }
        let failure = ScanRecord(repository: "/r/two", name: "two", failure: "damaged", toolVersion: CDScanVersion.current)
        writer.submit(FinishedRepository(target: BatchTarget(key: "/r/one", name: "one", path: "/r/one"),
                                         result: .scanned(PendingScan(one, reportJSON: oneJSON, setup: setup))))
        writer.submit(FinishedRepository(target: BatchTarget(key: "/r/two", name: "two", path: "/r/two"),
                                         result: .failed(PendingScan(failure, setup: setup))))
        writer.finish()
        let events = deliveries.all
        #expect(events.count == 2)
        guard case .failed(let reason) = events.first?.1 else {
            Issue.record("the scan that could not be stored is not a failure: \(String(describing: events.first?.1))")
            return
        }
        #expect(reason.contains("cannot write the scan of /r/one"))
        #expect(events[0].2?.commit == one.commit && events[0].2?.error == reason)
        // A failure that cannot be stored keeps its own reason.
        #expect(events[1].1 == .failed("damaged") && events[1].2 == failure)
    }
}

private extension ScanRecord {
    /// The same scan under another repository key.
    func relabelled(_ key: String) throws -> ScanRecord {
        let data = try JSONEncoder().encode(self)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["repository"] = key
        return try JSONDecoder().decode(ScanRecord.self, from: JSONSerialization.data(withJSONObject: object))
    }
}
