import CDScanStore
import Foundation

/// One repository of a batch once its work is done, on its way to the store and the tally.
struct FinishedRepository: Sendable {
    enum Result: Sendable {
        /// Scanned: the record without its report, and the report's JSON, as the worker sent them.
        case scanned(PendingScan)
        case unchanged
        /// Failed with the record's reason; stored too, so that the org report lists it.
        case failed(PendingScan)
    }

    let target: BatchTarget
    let result: Result
}

/// Writes a batch's results on a thread of its own, so that a lane hands its worker the next repository
/// as soon as a scan is answered instead of waiting for the store. Results that finish close together
/// are written in one transaction (each scan whole): one commit then writes the pages they share once.
/// A result waits at most `gatherDelay` seconds (or until `groupLimit` are waiting) before it is written,
/// so a killed batch loses at most that much finished work besides the scans in progress; the store stays
/// consistent either way. `deliver` hears each result after its write, one call at a time, in order.
final class StoreWriter: @unchecked Sendable {  // `waiting`, `closed` and `done` only under `condition`
    typealias Delivery = @Sendable (_ target: BatchTarget, _ outcome: BatchOutcome, _ failure: ScanRecord?) -> Void

    static let gatherDelay = 0.1
    static let groupLimit = 32

    private let store: ScanStore
    private let deliver: Delivery
    private let condition = NSCondition()
    private var waiting: [FinishedRepository] = []
    private var oldest = Date.distantFuture
    private var closed = false
    private var done = false

    init(store: ScanStore, deliver: @escaping Delivery) {
        self.store = store
        self.deliver = deliver
        let thread = Thread { [self] in run() }
        thread.start()
    }

    /// Hands a finished repository over; returns at once.
    func submit(_ finished: FinishedRepository) {
        condition.lock()
        if waiting.isEmpty { oldest = Date() }
        waiting.append(finished)
        if waiting.count >= Self.groupLimit { condition.broadcast() }
        condition.unlock()
    }

    /// Writes what is still waiting and returns once everything handed over is written and delivered.
    func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while let group = nextGroup() {
            write(group)
        }
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next results to write: every one waiting once the oldest has waited `gatherDelay`, enough are
    /// waiting, or the batch is over; nil when the batch is over and nothing waits.
    private func nextGroup() -> [FinishedRepository]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if closed || waiting.count >= Self.groupLimit {
                break
            }
            if waiting.isEmpty {
                condition.wait()
            } else {
                let due = oldest.addingTimeInterval(Self.gatherDelay)
                if Date() >= due { break }
                _ = condition.wait(until: due)
            }
        }
        guard !waiting.isEmpty else { return nil }
        defer { waiting.removeAll(keepingCapacity: true) }
        return waiting
    }

    /// Writes a group in one transaction; when that fails, each result alone, so that each failure is its
    /// own repository's.
    private func write(_ group: [FinishedRepository]) {
        let pending = group.compactMap(\.pending)
        if pending.count > 1, (try? store.insert(pending)) != nil {
            for finished in group { deliver(finished.target, finished.outcome, finished.failure) }
            return
        }
        for finished in group {
            guard let scan = finished.pending else {
                deliver(finished.target, finished.outcome, finished.failure)
                continue
            }
            do {
                try store.insert([scan])
                deliver(finished.target, finished.outcome, finished.failure)
            } catch {
                if case .failed = finished.result {
                    // A failure that cannot even be stored is still listed in the summary.
                    deliver(finished.target, finished.outcome, finished.failure)
                } else {
                    let record = scan.record
                    deliver(finished.target, .failed(error.description),
                            ScanRecord(repository: record.repository, name: record.name, failure: error.description,
                                       toolVersion: record.toolVersion, commit: record.commit))
                }
            }
        }
    }
}

extension FinishedRepository {
    /// What goes to the store, if anything.
    var pending: PendingScan? {
        switch result {
        case .scanned(let scan), .failed(let scan): return scan
        case .unchanged: return nil
        }
    }

    /// The outcome once written.
    var outcome: BatchOutcome {
        switch result {
        case .scanned(let scan): return .scanned(level: scan.record.level)
        case .unchanged: return .unchanged
        case .failed(let scan): return .failed(scan.record.error ?? "failed")
        }
    }

    /// The failure record the summary lists.
    var failure: ScanRecord? {
        if case .failed(let scan) = result { return scan.record }
        return nil
    }
}
