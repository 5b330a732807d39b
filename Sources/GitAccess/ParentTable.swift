/// Each commit's parents as indexes into a history, in the object's order, stored flat (a start per
/// commit into one list) so that a history of a million commits is two arrays, not a million.
/// A negative index stands for a parent the history does not hold.
public struct ParentTable: Sendable, Equatable {
    // Inlinable accessors below: the table is filled and read once per commit from other modules, where
    // an unspecialised generic call would cost more than the work.
    @usableFromInline var storedStarts: [Int32] = [0]
    @usableFromInline var storedValues: [Int32] = []

    public init() {}

    /// The table of `starts` (one more than the commits, from 0, never decreasing) and `values`; nil when
    /// they do not make one.
    public init?(starts: [Int32], values: [Int32]) {
        guard starts.first == 0, starts.last.map({ Int($0) == values.count }) == true,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        storedStarts = starts
        storedValues = values
    }

    public var starts: [Int32] { storedStarts }
    public var values: [Int32] { storedValues }
    public var count: Int { storedStarts.count - 1 }

    @inlinable
    public subscript(commit: Int) -> ArraySlice<Int32> {
        storedValues[Int(storedStarts[commit])..<Int(storedStarts[commit + 1])]
    }

    @inlinable
    public mutating func append<Parents: Sequence<Int32>>(_ parents: Parents) {
        storedValues.append(contentsOf: parents)
        storedStarts.append(Int32(storedValues.count))
    }

    public mutating func reserveCapacity(commits: Int, parents: Int) {
        storedStarts.reserveCapacity(commits + 1)
        storedValues.reserveCapacity(parents)
    }
}
