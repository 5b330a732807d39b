/// The set of pattern positions a glob automaton stands on while it reads a path: globs from packs and
/// `.cdscan.yml` are matched by stepping every position at once (no backtracking), so a pattern of many
/// `*` or `**` costs pattern length times path length at worst. Up to 64 positions fit a word and need no
/// allocation, which keeps the per-path cost of the common short globs what it was.
protocol GlobStateSet {
    init(count: Int)
    func contains(_ position: Int) -> Bool
    mutating func insert(_ position: Int)
    var isEmpty: Bool { get }
}

struct SmallGlobStates: GlobStateSet {
    private var bits: UInt64 = 0

    init(count: Int) {}

    @inline(__always) func contains(_ position: Int) -> Bool { bits & (1 << UInt64(position)) != 0 }
    @inline(__always) mutating func insert(_ position: Int) { bits |= 1 << UInt64(position) }
    var isEmpty: Bool { bits == 0 }
}

struct LargeGlobStates: GlobStateSet {
    private var flags: [Bool]
    private(set) var isEmpty = true

    init(count: Int) { flags = [Bool](repeating: false, count: count) }

    func contains(_ position: Int) -> Bool { flags[position] }
    mutating func insert(_ position: Int) {
        flags[position] = true
        isEmpty = false
    }
}
