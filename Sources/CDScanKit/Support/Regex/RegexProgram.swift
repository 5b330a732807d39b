/// A compiled `LinearRegex`: instructions for a Thompson-style simulation, in which every instruction holds
/// at most one thread per text position. Bounded repetition is expanded, so the program's size, capped at
/// `maximumSize`, is what bounds the work per scalar of text.
struct RegexProgram: Sendable {
    static let maximumSize = 2_000

    enum Kind: UInt8, Sendable {
        /// Consume one scalar of `sets[a]`.
        case consume
        /// Go on at `a` and at `b`.
        case split
        case jump
        /// Go on only if `RegexAssertion(rawValue: a)` holds here.
        case assert
        /// Go on only if `lookaheads[a]` holds here.
        case lookahead
        case match
    }

    struct Instruction: Sendable {
        var kind: Kind
        var a: Int32
        var b: Int32
    }

    struct Lookahead: Sendable {
        let sets: [Int]
        let negated: Bool
    }

    private(set) var instructions: [Instruction] = []
    let sets: [RegexCharacterSet]
    private(set) var lookaheads: [Lookahead] = []
    /// Per instruction, the consuming instructions its closure reaches and whether it reaches `match`,
    /// when no assertion lies on the way (nil otherwise: such closures depend on the position).
    private(set) var closures: [Closure?] = []
    /// Per instruction, its set's ASCII membership when it consumes (bit per scalar below 64, and
    /// from 64), so the common step touches no set at all.
    private(set) var asciiLow: [UInt64] = []
    private(set) var asciiHigh: [UInt64] = []

    struct Closure: Sendable {
        let consuming: [Int32]
        let reachesMatch: Bool
    }

    init(_ node: RegexNode, sets: [RegexCharacterSet]) throws(RegexSyntaxError) {
        self.sets = sets
        try emit(node)
        try append(.match)
        closures = instructions.indices.map(staticClosure)
        asciiLow = instructions.map { $0.kind == .consume ? sets[Int($0.a)].asciiBits.low : 0 }
        asciiHigh = instructions.map { $0.kind == .consume ? sets[Int($0.a)].asciiBits.high : 0 }
    }

    private func staticClosure(from start: Int) -> Closure? {
        var seen = Set<Int>()
        var stack = [start]
        var consuming: [Int32] = []
        var reachesMatch = false
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            let instruction = instructions[pc]
            switch instruction.kind {
            case .consume: consuming.append(Int32(pc))
            case .match: reachesMatch = true
            case .jump: stack.append(Int(instruction.a))
            case .split: stack.append(Int(instruction.b)); stack.append(Int(instruction.a))
            case .assert, .lookahead: return nil
            }
        }
        return Closure(consuming: consuming, reachesMatch: reachesMatch)
    }

    static var tooLarge: RegexSyntaxError {
        RegexSyntaxError(
            message: "the pattern is too large once its repetitions are expanded (over \(Self.maximumSize) steps)", offset: nil, isUnsupported: true)
    }

    private mutating func append(_ kind: Kind, _ a: Int = 0, _ b: Int = 0) throws(RegexSyntaxError) {
        guard instructions.count < Self.maximumSize else { throw Self.tooLarge }
        instructions.append(Instruction(kind: kind, a: Int32(a), b: Int32(b)))
    }

    private mutating func patch(_ at: Int, a: Int? = nil, b: Int? = nil) {
        if let a { instructions[at].a = Int32(a) }
        if let b { instructions[at].b = Int32(b) }
    }

    private mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
        switch node {
        case .empty:
            break
        case .set(let index):
            try append(.consume, index)
        case .sequence(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var jumpsToEnd: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = instructions.count
                    try append(.split, split + 1)
                    try emit(branch)
                    jumpsToEnd.append(instructions.count)
                    try append(.jump)
                    patch(split, b: instructions.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumpsToEnd { patch(jump, a: instructions.count) }
        case .repetition(let body, let min, let max):
            for _ in 0..<min { try emit(body) }
            if let max {
                // Each optional copy may skip straight to the end.
                var skips: [Int] = []
                for _ in min..<max {
                    skips.append(instructions.count)
                    try append(.split, instructions.count + 1)
                    try emit(body)
                }
                for skip in skips { patch(skip, b: instructions.count) }
            } else {
                let loop = instructions.count
                try append(.split, loop + 1)
                try emit(body)
                try append(.jump, loop)
                patch(loop, b: instructions.count)
            }
        case .assertion(let assertion):
            try append(.assert, Int(assertion.rawValue))
        case .lookahead(let sets, let negated):
            lookaheads.append(Lookahead(sets: sets, negated: negated))
            try append(.lookahead, lookaheads.count - 1)
        }
    }
}
