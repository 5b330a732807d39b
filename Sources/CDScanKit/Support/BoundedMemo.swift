import Foundation

/// Values worked out once per key and kept for the rest of a run, within a budget (of entries or bytes,
/// as each user counts them): past it, values are still worked out but no longer kept. Safe across
/// threads; the work itself runs outside the lock, so two threads may both work out a missing value.
final class BoundedMemo<Key: Hashable, Value>: @unchecked Sendable {
    let budget: Int
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private var spent = 0

    init(budget: Int) {
        self.budget = budget
    }

    func value(for key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    /// Keeps `value` when its `cost` still fits the budget (a key kept already is not charged again).
    func keep(_ value: Value, for key: Key, cost: Int) {
        lock.lock()
        defer { lock.unlock() }
        if values[key] == nil {
            guard spent + cost <= budget else { return }
            spent += cost
        }
        values[key] = value
    }

    /// The kept value, or `make()`'s, kept at `cost(value)`.
    func value(for key: Key, cost: (Value) -> Int, make: () -> Value) -> Value {
        if let known = value(for: key) { return known }
        let made = make()
        keep(made, for: key, cost: cost(made))
        return made
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return values.count
    }
}
