/// Each commit's parents as indexes into a history, in the object's order, stored flat (a start per
/// commit into one list) so that a history of a million commits is two arrays, not a million.
/// A negative index stands for a parent the history does not hold.
public struct ParentTable: Sendable, Equatable {
    public private(set) var starts: [Int32] = [0]
    public private(set) var values: [Int32] = []

    public init() {}

    /// The table of `starts` (one more than the commits, from 0, never decreasing) and `values`; nil when
    /// they do not make one.
    public init?(starts: [Int32], values: [Int32]) {
        guard starts.first == 0, starts.last.map({ Int($0) == values.count }) == true,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.starts = starts
        self.values = values
    }

    public var count: Int { starts.count - 1 }

    public subscript(commit: Int) -> ArraySlice<Int32> {
        values[Int(starts[commit])..<Int(starts[commit + 1])]
    }

    public mutating func append<Parents: Sequence<Int32>>(_ parents: Parents) {
        values.append(contentsOf: parents)
        starts.append(Int32(values.count))
    }

    public mutating func reserveCapacity(commits: Int, parents: Int) {
        starts.reserveCapacity(commits + 1)
        values.reserveCapacity(parents)
    }
}
