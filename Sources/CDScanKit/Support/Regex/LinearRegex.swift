/// A regular expression matched in time linear in the text: a Pike-style simulation of the compiled
/// program over the text's UTF-8, one step per Unicode scalar, at most one thread per instruction. No
/// backtracking, so a pattern like `(x+x+)+y` costs the same per character as `xy`.
///
/// It answers what the catalogues ask: is there a match, and where does the leftmost one start (the same
/// start ICU's `NSRegularExpression.firstMatch` reports). Syntax: the ICU subset `RegexParser` reads; by
/// default `^` and `$` match at line boundaries, as the catalogues always had.
public struct LinearRegex: Sendable {
    public static let maximumPatternLength = 1_000

    public let pattern: String
    let program: RegexProgram
    /// Bytes a match can start with (conservative); nil when every position must be tried.
    private let startBytes: [Bool]?
    /// Whether every match starts at the start of a line (`^…` in every alternative), or of the text.
    private let anchor: Anchor

    enum Anchor: Sendable { case none, line, text }

    public init(_ pattern: String) throws(RegexSyntaxError) {
        try Self.checkLength(pattern)
        self.pattern = pattern
        let (node, sets) = try RegexParser.parse(pattern)
        program = try RegexProgram(node, sets: sets)
        (startBytes, anchor) = Self.startAnalysis(program)
    }

    /// Throws what `init` would throw for `pattern`, in the same order, without compiling it: the
    /// length, the syntax, then the program's size, counted from the tree instead of emitted.
    public static func check(_ pattern: String) throws(RegexSyntaxError) {
        try checkLength(pattern)
        let (node, _) = try RegexParser.parse(pattern, keepingSets: false)
        try RegexProgram.checkSize(of: node)
    }

    private static func checkLength(_ pattern: String) throws(RegexSyntaxError) {
        let length = pattern.unicodeScalars.count
        guard length <= Self.maximumPatternLength else {
            throw RegexSyntaxError(message: "the pattern is \(length) characters long; at most \(Self.maximumPatternLength) are allowed", offset: nil, isUnsupported: true)
        }
        guard length > 0 else { throw RegexSyntaxError(message: "an empty pattern matches everywhere", offset: nil) }
    }

    /// What one search found. `gaveUp` when the step budget ran out first.
    public enum Outcome: Sendable, Equatable {
        case match(start: Int)
        case noMatch
        case gaveUp
    }

    /// The UTF-8 offset where the leftmost match starts, or nil.
    public func firstMatchStart(in text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { firstMatchStart(in: $0) }
    }

    public func matches(_ text: String) -> Bool { firstMatchStart(in: text) != nil }

    public func firstMatchStart(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var unlimited = Int.max
        if case .match(let start) = firstMatch(in: text, budget: &unlimited) { return start }
        return nil
    }

    /// The leftmost match, spending at most `budget` thread steps (one per live thread per scalar; the
    /// work is that count times a small constant). What was spent is taken off `budget`.
    public func firstMatch(in text: UnsafeBufferPointer<UInt8>, budget: inout Int) -> Outcome {
        var runner = RegexRunner(program: program, text: text)
        return runner.run(startBytes: startBytes, anchor: anchor, budget: &budget)
    }

    /// Which bytes can begin a match, following the program from its start through every split, jump
    /// and assertion (assertions are assumed to hold: the table only has to be a superset).
    private static func startAnalysis(_ program: RegexProgram) -> ([Bool]?, Anchor) {
        let instructions = program.instructions
        var seen = Set<Int>()
        var stack = [(0, Anchor.none)]
        var table = [Bool](repeating: false, count: 256)
        var anchors: Set<String> = []
        while let (pc, anchor) = stack.popLast() {
            guard seen.insert(pc * 3 + (anchor == .none ? 0 : anchor == .line ? 1 : 2)).inserted else { continue }
            let instruction = instructions[pc]
            switch instruction.kind {
            case .match:
                return (nil, .none)  // an empty match is possible: every position counts
            case .jump:
                stack.append((Int(instruction.a), anchor))
            case .split:
                stack.append((Int(instruction.b), anchor))
                stack.append((Int(instruction.a), anchor))
            case .lookahead:
                stack.append((pc + 1, anchor))
            case .assert:
                var next = anchor
                switch RegexAssertion(rawValue: UInt8(instruction.a)) {
                case .textStart?: next = .text
                case .lineStart? where anchor == .none: next = .line
                default: break
                }
                stack.append((pc + 1, next))
            case .consume:
                anchors.insert(anchor == .none ? "none" : anchor == .line ? "line" : "text")
                let set = program.sets[Int(instruction.a)]
                for byte in 0..<128 where set.contains(UInt32(byte)) { table[byte] = true }
                // Any scalar beyond ASCII may be in the set unless it is a plain list of ASCII ranges.
                let asciiOnly = !set.negated && !set.foldsCase && set.properties.isEmpty && set.ranges.allSatisfy { $0.upperBound < 128 }
                if !asciiOnly { for byte in 0xC0..<0x100 { table[byte] = true } }
            }
        }
        let anchor: Anchor = anchors == ["text"] ? .text : (anchors.isSubset(of: ["line", "text"]) && !anchors.isEmpty ? .line : .none)
        return (table, anchor)
    }
}

/// One run of a program over one text. The thread lists are kept in order of their match start, so the
/// first thread to reach `match` has the leftmost start among those still running, and every thread
/// behind it can be dropped.
private struct RegexRunner {
    let program: RegexProgram
    let text: UnsafeBufferPointer<UInt8>
    private var current: ThreadList
    private var following: ThreadList
    private var stack: [Int32] = []
    private var best: Int?

    init(program: RegexProgram, text: UnsafeBufferPointer<UInt8>) {
        self.program = program
        self.text = text
        current = ThreadList(capacity: program.instructions.count)
        following = ThreadList(capacity: program.instructions.count)
        stack.reserveCapacity(program.instructions.count)
    }

    /// Where, between `previous` and `next` (nil at either end of the text), a thread stands.
    struct Position {
        var offset: Int
        var previous: UInt32?
        var next: UInt32?
        var nextLength: Int
    }

    mutating func run(startBytes: [Bool]?, anchor: LinearRegex.Anchor, budget: inout Int) -> LinearRegex.Outcome {
        var position = Position(offset: 0, previous: nil, next: nil, nextLength: 0)
        (position.next, position.nextLength) = decode(at: 0)
        while true {
            if current.isEmpty {
                if let best { return .match(start: best) }
                guard let start = candidate(from: position.offset, startBytes: startBytes, anchor: anchor) else { return .noMatch }
                if start != position.offset {
                    position.offset = start
                    position.previous = start == 0 ? nil : decodeBackward(before: start)
                    (position.next, position.nextLength) = decode(at: start)
                }
            }
            if best == nil { add(toFollowing: false, pc: 0, start: position.offset, at: position) }
            guard let scalar = position.next else { return best.map { .match(start: $0) } ?? .noMatch }
            budget -= current.count
            if budget < 0 { return .gaveUp }
            var after = Position(offset: position.offset + position.nextLength, previous: scalar, next: nil, nextLength: 0)
            (after.next, after.nextLength) = decode(at: after.offset)
            step(scalar, to: after)
            swap(&current, &following)
            following.clear()
            position = after
        }
    }

    /// Moves every thread that accepts `scalar` on to the next position.
    private mutating func step(_ scalar: UInt32, to after: Position) {
        let instructions = program.instructions, asciiLow = program.asciiLow, asciiHigh = program.asciiHigh
        var index = 0
        while index < current.count {
            let start = current.starts[index]
            if let best, start >= best { break }
            let pc = Int(current.pcs[index])
            index += 1
            guard instructions[pc].kind == .consume else { continue }
            let accepted: Bool
            if scalar < 64 {
                accepted = asciiLow[pc] & (1 << UInt64(scalar)) != 0
            } else if scalar < 128 {
                accepted = asciiHigh[pc] & (1 << UInt64(scalar - 64)) != 0
            } else {
                accepted = program.sets[Int(instructions[pc].a)].contains(scalar)
            }
            guard accepted else { continue }
            if let closure = program.closures[pc + 1] {
                for target in closure.consuming { _ = following.insert(target, start: start, consuming: true) }
                if closure.reachesMatch, best.map({ start < $0 }) ?? true { best = start }
            } else {
                add(toFollowing: true, pc: Int32(pc + 1), start: start, at: after)
            }
        }
    }
    /// The next offset, from `offset` on, where a match could start; nil when none can.
    private func candidate(from offset: Int, startBytes: [Bool]?, anchor: LinearRegex.Anchor) -> Int? {
        let count = text.count
        switch anchor {
        case .text:
            return offset == 0 ? 0 : nil
        case .line, .none:
            guard let startBytes else { return offset }
            var at = offset
            while at < count {
                let byte = text[at]
                if startBytes[Int(byte)], anchor == .none || at == 0 || Self.mayEndLine(text[at - 1]) { return at }
                at += 1
            }
            return nil
        }
    }

    /// The last byte of a line terminator, or a continuation byte that may end NEL, LS or PS.
    private static func mayEndLine(_ byte: UInt8) -> Bool {
        (byte >= 10 && byte <= 13) || byte == 0x85 || byte == 0xA8 || byte == 0xA9
    }

    /// Follows splits, jumps and assertions from `pc`, adding each consuming instruction (and noting a match).
    private mutating func add(toFollowing: Bool, pc: Int32, start: Int, at position: Position) {
        // Moved out and back (no copy): the closure reads `self` while it fills the list.
        var list = ThreadList(capacity: 0)
        if toFollowing { swap(&list, &following) } else { swap(&list, &current) }
        add(to: &list, pc: pc, start: start, at: position)
        if toFollowing { swap(&list, &following) } else { swap(&list, &current) }
    }

    private mutating func add(to list: inout ThreadList, pc: Int32, start: Int, at position: Position) {
        stack.append(pc)
        while let pc = stack.popLast() {
            let instruction = program.instructions[Int(pc)]
            guard list.insert(pc, start: start, consuming: instruction.kind == .consume) else { continue }
            switch instruction.kind {
            case .consume:
                continue
            case .match:
                if best.map({ start < $0 }) ?? true { best = start }
            case .jump:
                stack.append(instruction.a)
            case .split:
                stack.append(instruction.b)
                stack.append(instruction.a)
            case .assert:
                if holds(RegexAssertion(rawValue: UInt8(instruction.a))!, at: position) { stack.append(pc + 1) }
            case .lookahead:
                if lookaheadHolds(program.lookaheads[Int(instruction.a)], at: position.offset) { stack.append(pc + 1) }
            }
        }
    }

    private func holds(_ assertion: RegexAssertion, at position: Position) -> Bool {
        let previous = position.previous, next = position.next
        let crlfMiddle = previous == 13 && next == 10
        switch assertion {
        case .textStart:
            return position.offset == 0
        case .lineStart:
            guard let previous else { return true }
            return next != nil && RegexCharacterSet.isLineTerminator(previous) && !crlfMiddle
        case .lineEnd:
            guard let next else { return true }
            return RegexCharacterSet.isLineTerminator(next) && !crlfMiddle
        case .textEndOrFinalTerminator:
            guard let next else { return true }
            guard RegexCharacterSet.isLineTerminator(next), !crlfMiddle else { return false }
            let end = position.offset + position.nextLength
            if end == text.count { return true }
            return next == 13 && end + 1 == text.count && text[end] == 10
        case .textEnd:
            return next == nil
        case .wordBoundary, .notWordBoundary:
            let before = previous.map(RegexCharacterSet.isWord) ?? false
            let after = next.map(RegexCharacterSet.isWord) ?? false
            return (before != after) == (assertion == .wordBoundary)
        }
    }

    private func lookaheadHolds(_ lookahead: RegexProgram.Lookahead, at offset: Int) -> Bool {
        var at = offset
        var all = true
        for set in lookahead.sets {
            let (scalar, length) = decode(at: at)
            guard let scalar, program.sets[set].contains(scalar) else { all = false; break }
            at += length
        }
        return all != lookahead.negated
    }

    /// The scalar at `offset` and its length in bytes; nil at the end. Malformed UTF-8 reads as U+FFFD,
    /// one byte at a time (texts from Swift strings are always well formed).
    private func decode(at offset: Int) -> (UInt32?, Int) {
        let count = text.count
        guard offset < count else { return (nil, 0) }
        let lead = UInt32(text[offset])
        if lead < 0x80 { return (lead, 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, offset + length <= count else { return (0xFFFD, 1) }
        var value = lead & (0x7F >> UInt32(length))
        for index in 1..<length {
            let byte = UInt32(text[offset + index])
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | (byte & 0x3F)
        }
        return (value, length)
    }

    private func decodeBackward(before offset: Int) -> UInt32? {
        var start = offset - 1
        while start > 0, offset - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
        let (scalar, length) = decode(at: start)
        return start + length == offset ? scalar : 0xFFFD
    }
}

/// The threads at one text position: a sparse set of instructions, each with the start of its match.
private struct ThreadList {
    private(set) var pcs: [Int32]
    private(set) var starts: [Int]
    private var slots: [Int32]
    private(set) var count = 0
    /// How many of the entries consume a scalar (splits, jumps and assertions are kept only so that a
    /// loop is followed once); none means the list is dead.
    var consuming = 0

    init(capacity: Int) {
        pcs = [Int32](repeating: 0, count: capacity)
        starts = [Int](repeating: 0, count: capacity)
        slots = [Int32](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { consuming == 0 }

    /// False when the instruction already has a thread (which started no later).
    @inline(__always)
    mutating func insert(_ pc: Int32, start: Int, consuming isConsuming: Bool) -> Bool {
        let slot = Int(slots[Int(pc)])
        if slot < count, pcs[slot] == pc { return false }
        slots[Int(pc)] = Int32(count)
        pcs[count] = pc
        starts[count] = start
        count += 1
        if isConsuming { consuming += 1 }
        return true
    }

    mutating func clear() {
        count = 0
        consuming = 0
    }
}
