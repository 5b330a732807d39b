import Foundation

/// A value worked out on a thread of its own from the moment it is made; `value` waits for it (from any
/// thread, any number of times). How a scan reads its files while its history walk begins.
final class BackgroundValue<Value>: @unchecked Sendable {  // `result` only under `condition`
    private let condition = NSCondition()
    private var result: Value?

    init(_ make: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let made = make()
            condition.lock()
            result = made
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20  // the detectors' parsers may recurse as deep as on the main thread
        thread.start()
    }

    /// The value if it is ready, without waiting.
    var valueIfReady: Value? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }

    var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
