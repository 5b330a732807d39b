import Foundation

/// A value made the first time it is asked for, once, whichever thread asks first; other threads asking
/// meanwhile wait for it. For work a process may never need (a catalogue pattern no scanned file reaches).
final class OnFirstUse<Value: Sendable>: @unchecked Sendable {  // `made` only under `lock`
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }

    /// Whether the value has been made yet (for tests).
    var isMade: Bool {
        lock.lock()
        defer { lock.unlock() }
        return made != nil
    }
}
