import Foundation

/// Which of one catalogue's CI systems (by index) each path's globs say it may be a pipeline of, for the
/// paths one history run has met: it depends on the path alone, and the points share most paths.
/// Bounded, and safe across threads.
final class SystemsByPath: @unchecked Sendable {
    static let limit = 500_000
    private let lock = NSLock()
    private var systems: [String: [Int]] = [:]

    func systems(of path: String, _ find: () -> [Int]) -> [Int] {
        lock.lock()
        let known = systems[path]
        lock.unlock()
        if let known { return known }
        let found = find()
        lock.lock()
        if systems.count < Self.limit { systems[path] = found }
        lock.unlock()
        return found
    }
}
