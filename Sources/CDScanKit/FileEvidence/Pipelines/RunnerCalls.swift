import Foundation

/// Where a command calls a task runner, from its words alone: `make -C t test` is the catalogue's
/// invoke `make` (by index) with the arguments `-C t test`. Which file and targets that means depends on
/// the tree, and is worked out per tree.
struct RunnerCall: Sendable {
    let invoke: Int
    let arguments: [String]
}

/// The runner calls of the commands one history run has met, for one catalogue's runners: the points
/// follow the same recipe lines into the same calls. Bounded by the bytes of the commands kept, and safe
/// across threads.
final class RunnerCalls: @unchecked Sendable {
    static let byteLimit = 32 << 20
    private let lock = NSLock()
    private var calls: [String: [RunnerCall]] = [:]
    private var bytes = 0

    func calls(in command: String, find: () -> [RunnerCall]) -> [RunnerCall] {
        lock.lock()
        let known = calls[command]
        lock.unlock()
        if let known { return known }
        let found = find()
        // A command's calls are at most its own words again.
        let size = 2 * command.utf8.count
        lock.lock()
        if bytes + size <= Self.byteLimit {
            calls[command] = found
            bytes += size
        }
        lock.unlock()
        return found
    }
}
