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
final class RunnerCalls: Sendable {
    static let byteLimit = 32 << 20
    private let memo = BoundedMemo<String, [RunnerCall]>(budget: byteLimit)

    func calls(in command: String, find: () -> [RunnerCall]) -> [RunnerCall] {
        // A command's calls are at most its own words again.
        memo.value(for: command, cost: { _ in 2 * command.utf8.count }, make: find)
    }
}
