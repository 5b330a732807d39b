import Foundation

/// Worker processes started before a batch's first job, for its lanes to take: each worker's start-up
/// (its libraries, libgit2, the built-in rules) then overlaps the batch's own set-up (the store, the rules
/// digest, the order of the repositories) instead of following it. Without isolation nothing is started.
public final class PrestartedLanes: @unchecked Sendable {  // `slots` only under `lock`
    private let lock = NSLock()
    private var slots: [WorkerSlot]

    /// Starts `count` workers (none without isolation).
    public init(_ isolation: WorkerIsolation?, count: Int) {
        slots = isolation.map { isolation in
            (0..<max(0, count)).map { _ in
                let slot = WorkerSlot(isolation)
                slot.prestart()
                return slot
            }
        } ?? []
    }

    /// A started lane; nil once every one was taken.
    func take() -> WorkerSlot? {
        lock.lock()
        defer { lock.unlock() }
        return slots.popLast()
    }

    /// Ends the workers no lane took (a batch with fewer repositories than lanes, or an interrupted one).
    func closeUntaken() {
        lock.lock()
        let untaken = slots
        slots = []
        lock.unlock()
        for slot in untaken { slot.close() }
    }
}
