import Foundation

/// A flag raised once and read from any thread: a class so that every holder sees the same flag; the state
/// sits behind a lock, which makes it `Sendable`. A batch's stop (`StopFlag`), and a process's built-in
/// rules being made (`Scanner`).
public final class RaisedFlag: @unchecked Sendable {  // `raised` only under `lock`
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
