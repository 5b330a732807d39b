import Foundation

/// Where a command calls a task runner, from its words alone: `make -C t test` is the catalogue's
/// invoke `make` (by index) with the arguments `-C t test`. Which file and targets that means depends on
/// the tree, and is worked out per tree.
struct RunnerCall: Sendable {
    let invoke: Int
    let arguments: [String]
}

/// The runner calls of the commands one history run has met, for one catalogue's runners: the points
/// follow the same recipe lines into the same calls. Bounded, and safe across threads.
final class RunnerCalls: @unchecked Sendable {
    static let limit = 200_000
    private let lock = NSLock()
    private var calls: [String: [RunnerCall]] = [:]

    func calls(in command: String, find: () -> [RunnerCall]) -> [RunnerCall] {
        lock.lock()
        let known = calls[command]
        lock.unlock()
        if let known { return known }
        let found = find()
        lock.lock()
        if calls.count < Self.limit { calls[command] = found }
        lock.unlock()
        return found
    }
}
