/// Which of one catalogue's CI systems (by index) each path's globs say it may be a pipeline of, for the
/// paths one history run has met: it depends on the path alone, and the points share most paths.
/// Bounded, and safe across threads.
final class SystemsByPath: Sendable {
    static let limit = 500_000
    private let memo = BoundedMemo<String, [Int]>(budget: limit)

    func systems(of path: String, _ find: () -> [Int]) -> [Int] {
        memo.value(for: path, cost: { _ in 1 }, make: find)
    }
}
