extension RegexProgram {
    /// Throws what `init(node, sets:)` throws for a tree too large, without emitting it: `emit` appends
    /// exactly `instructionCount(of:)` instructions, then `match`, and fails on the one past `maximumSize`.
    static func checkSize(of node: RegexNode) throws(RegexSyntaxError) {
        guard instructionCount(of: node) + 1 <= maximumSize else { throw tooLarge }
    }

    /// How many instructions `emit` appends for `node`, saturating just past `maximumSize` (bounded
    /// repetitions multiply, and a nest of them would overflow).
    static func instructionCount(of node: RegexNode) -> Int {
        let cap = maximumSize + 1
        switch node {
        case .empty:
            return 0
        case .set, .assertion, .lookahead:
            return 1
        case .sequence(let items):
            return items.reduce(0) { min($0 + instructionCount(of: $1), cap) }
        case .alternation(let branches):
            // A split and a jump around every branch but the last.
            return min(branches.reduce(0) { min($0 + instructionCount(of: $1), cap) } + 2 * (branches.count - 1), cap)
        case .repetition(let body, let low, let high):
            let once = instructionCount(of: body)
            let required = min(low * once, cap)
            // Each optional copy has its split; an unbounded loop is a split, the body and a jump.
            let optional = high.map { min(($0 - low) * (once + 1), cap) } ?? once + 2
            return min(required + optional, cap)
        }
    }
}
