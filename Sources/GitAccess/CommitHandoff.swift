import Foundation

/// Hands walked commits, in order and in batches, from the thread that walks (reading objects, diffing
/// trees) to one thread that visits them, so that what a visitor does per commit (recording it, the
/// history observer's bookkeeping) runs beside the walk instead of after each commit of it. Bounded: the
/// walk waits when `maximumQueued` batches are not yet visited, so memory does not grow with the history.
/// The bound is wide because a visitor may start late (a scan's observer waits for the file detectors):
/// the walk goes on meanwhile, up to some 32,000 commits (tens of MB), rather than waiting for it.
typealias CommitHandoff = BatchHandoff<CommitInfo>

/// Batches handed in order from one thread to another, bounded as `CommitHandoff` says.
final class BatchHandoff<Element>: @unchecked Sendable {  // every field only under `condition`
    static var batchSize: Int { 512 }
    static var maximumQueued: Int { 64 }

    private let condition = NSCondition()
    private var queued: [[Element]] = []
    private var head = 0
    private var isFinished = false
    private var isStopped = false

    /// Queues a batch; false when the visitor has stopped (it threw), so the walk should stop too.
    func put(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queued.count - head >= Self.maximumQueued, !isStopped { condition.wait() }
        guard !isStopped else { return false }
        if !batch.isEmpty { queued.append(batch) }
        condition.broadcast()
        return true
    }

    /// No more batches will come.
    func finish() {
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for it; nil once the walk has finished and every batch was taken.
    func take() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while head == queued.count, !isFinished { condition.wait() }
        guard head < queued.count else { return nil }
        let batch = queued[head]
        queued[head] = []
        head += 1
        if head > 64 {  // drop what was taken now and then, not on every take
            queued.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return batch
    }

    /// The visitor gives up: the walk's next `put` says so.
    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The visiting side of a handoff: a thread that takes batches and visits each commit in order, keeping
/// the visitor's first error (after which it visits nothing more).
final class CommitVisitor: @unchecked Sendable {  // `error` is written by the thread, read after `join`
    private let handoff: CommitHandoff
    /// Dropped once the thread is done: a walk lends its non-escaping visitor only until `join` returns.
    private var visit: ((CommitInfo) throws -> Void)?
    private let done = DispatchSemaphore(value: 0)
    private(set) var error: (any Error)?

    init(handoff: CommitHandoff, visit: @escaping (CommitInfo) throws -> Void) {
        self.handoff = handoff
        self.visit = visit
    }

    func start() {
        let thread = Thread { [self] in
            if let visit { run(visit) }
            visit = nil
            done.signal()
        }
        thread.stackSize = 8 << 20  // a visitor may recurse as deep as on the main thread
        thread.start()
    }

    /// Waits until every batch is visited (or the visitor failed).
    func join() {
        done.wait()
    }

    private func run(_ visit: (CommitInfo) throws -> Void) {
        while let batch = handoff.take() {
            do {
                for commit in batch { try visit(commit.withTextRead()) }
            } catch {
                self.error = error
                handoff.stop()
                while handoff.take() != nil {}
                return
            }
        }
    }
}
