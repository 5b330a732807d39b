import Foundation

/// A value worked out on a thread of its own from the moment it is made; `value` waits for it (from any
/// thread, any number of times). How a scan reads its files while its history walk begins, and how a
/// rescan diffs half its commits on a second thread.
public final class BackgroundValue<Value>: @unchecked Sendable {  // `result` only under `condition`
    private let condition = NSCondition()
    private var result: Value?

    public init(_ make: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let made = make()
            condition.lock()
            result = made
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20  // parsers and tree diffs may recurse as deep as on the main thread
        thread.start()
    }

    /// The value if it is ready, without waiting.
    public var valueIfReady: Value? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }

    public var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
