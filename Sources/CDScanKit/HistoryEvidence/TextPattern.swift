/// A small, fast shape for matching commit messages, branch and tag names, written in the catalogues.
/// Literal text matches case-insensitively (ASCII); the tokens are:
///   `*`      any run of characters (possibly none)
///   `{n}`    one or more ASCII digits
///   `{key}`  an issue-tracker key: an upper-case ASCII letter then upper-case letters or digits (case-sensitive)
///   `{word}` one or more letters, digits, `-`, `_`, `.`, `/` or `@`
/// The whole text must match; start or end a pattern with `*` to search inside it. Patterns run on every
/// commit of the walk, so they work on UTF-8 bytes without allocating (a regular expression per message
/// costs more than the walk itself on large histories).
public struct TextPattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case literal([UInt8])
        case anything
        case digits
        case key
        case word
    }

    public let source: String
    let tokens: [Token]
    /// The longest literal every match must contain (lower-cased): a text without it is rejected by a
    /// plain scan before any backtracking. Most patterns fail on most commit messages.
    let requiredLiteral: [UInt8]
    /// The literal a match must start with, when the pattern starts with one (lower-cased): most
    /// anchored patterns (`feat: *`, `Revert *`) are rejected by their first byte, without any search.
    let leadingLiteral: [UInt8]
    /// The pattern as an automaton over bytes, stepped when backtracking would cost more than a few steps
    /// per byte: rule packs (from the scanned repository too) bring patterns such as `*a*a*a*a*b`, and a
    /// backtracking walk over a long commit body would take the power of the stars in time.
    let automaton: [AutomatonStep]

    /// One position of the automaton: a byte class, read once or any number of times.
    struct AutomatonStep: Sendable, Hashable {
        enum Class: Sendable, Hashable {
            case literal(UInt8)
            case any, digit, upper, upperOrDigit, word
        }

        let accepts: Class
        let repeats: Bool

        func accepts(_ byte: UInt8) -> Bool {
            switch accepts {
            case .literal(let literal): return TextPattern.lower(byte) == literal
            case .any: return true
            case .digit: return TextPattern.isDigit(byte)
            case .upper: return TextPattern.isUpper(byte)
            case .upperOrDigit: return TextPattern.isUpper(byte) || TextPattern.isDigit(byte)
            case .word: return TextPattern.isWord(byte)
            }
        }
    }

    public init(_ source: String) throws(PatternError) {
        self.source = source
        var tokens: [Token] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)); literal = [] }
        }
        let bytes = Array(source.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*") {
                flush()
                if tokens.last != .anything { tokens.append(.anything) }
                index += 1
            } else if byte == UInt8(ascii: "{") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw PatternError(message: "'{' without '}' in pattern \"\(source)\"")
                }
                let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                flush()
                switch name {
                case "n": tokens.append(.digits)
                case "key": tokens.append(.key)
                case "word": tokens.append(.word)
                default: throw PatternError(message: "unknown token {\(name)} in pattern \"\(source)\" (known: {n}, {key}, {word})")
                }
                index = close + 1
            } else {
                literal.append(Self.lower(byte))
                index += 1
            }
        }
        flush()
        guard !tokens.isEmpty else { throw PatternError(message: "an empty pattern matches nothing useful") }
        self.tokens = tokens
        requiredLiteral = tokens.compactMap { token -> [UInt8]? in
            if case .literal(let bytes) = token { return bytes }
            return nil
        }.max { $0.count < $1.count } ?? []
        if case .literal(let first) = tokens[0] { leadingLiteral = first } else { leadingLiteral = [] }
        var steps: [AutomatonStep] = []
        for token in tokens {
            switch token {
            case .literal(let bytes): steps += bytes.map { AutomatonStep(accepts: .literal($0), repeats: false) }
            case .anything: steps.append(AutomatonStep(accepts: .any, repeats: true))
            case .digits: steps += [AutomatonStep(accepts: .digit, repeats: false), AutomatonStep(accepts: .digit, repeats: true)]
            case .key: steps += [AutomatonStep(accepts: .upper, repeats: false), AutomatonStep(accepts: .upperOrDigit, repeats: false),
                                 AutomatonStep(accepts: .upperOrDigit, repeats: true)]
            case .word: steps += [AutomatonStep(accepts: .word, repeats: false), AutomatonStep(accepts: .word, repeats: true)]
            }
        }
        automaton = steps
    }

    public var description: String { source }

    public func matches(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { matches(bytes: $0) }
    }

    public func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.withLowered(bytes) { matches(bytes: bytes, lowered: $0) }
    }

    /// Calls `body` with `bytes` lower-cased in scratch memory (on the stack for a short text): tens of
    /// thousands of merged branch names are matched one by one, and an array each cost more than the match.
    static func withLowered<Result>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
            for index in 0..<bytes.count { scratch[index] = lower(bytes[index]) }
            return body(UnsafeBufferPointer(scratch))
        }
    }

    /// With the text already lower-cased once (a pattern set tests many patterns on one text).
    func matches(bytes: UnsafeBufferPointer<UInt8>, lowered: UnsafeBufferPointer<UInt8>) -> Bool {
        if !leadingLiteral.isEmpty {
            guard lowered.count >= leadingLiteral.count else { return false }
            for offset in 0..<leadingLiteral.count where lowered[offset] != leadingLiteral[offset] { return false }
        }
        guard Self.contains(lowered, requiredLiteral) else { return false }
        var budget = 64 + 8 * bytes.count
        let found = match(tokenIndex: 0, bytes: bytes, at: 0, budget: &budget)
        return budget >= 0 ? found : automatonMatches(bytes)
    }

    /// Whole-text match by stepping every automaton position at once: pattern length times text length.
    func automatonMatches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        automaton.count < 64 ? run(bytes, SmallGlobStates.self) : run(bytes, LargeGlobStates.self)
    }

    private func run<States: GlobStateSet>(_ bytes: UnsafeBufferPointer<UInt8>, _: States.Type) -> Bool {
        let end = automaton.count
        // A repeated step may be read no times: standing on it is standing on the next one too.
        func closed(_ states: States) -> States {
            var states = states
            for index in 0..<end where states.contains(index) && automaton[index].repeats { states.insert(index + 1) }
            return states
        }
        var states = States(count: end + 1)
        states.insert(0)
        states = closed(states)
        for byte in bytes {
            var following = States(count: end + 1)
            for index in 0..<end where states.contains(index) && automaton[index].accepts(byte) {
                following.insert(automaton[index].repeats ? index : index + 1)
            }
            if following.isEmpty { return false }
            states = closed(following)
        }
        return states.contains(end)
    }

    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            for index in 0..<bytes.count { buffer[index] = lower(bytes[index]) }
            count = bytes.count
        }
    }

    /// Whether the lower-cased `text` holds `needle` (lower-cased too).
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        ByteSearch.contains(text, needle)
    }

    /// Where the first `{n}` of a match of a literal-then-digits pattern ends is not needed; matching is
    /// a plain backtracking walk over tokens, cheap for the short texts and few stars of the catalogues.
    /// Each step spends `budget`; once it is below zero the walk gives up (returns false) and the caller
    /// steps the automaton instead.
    private func match(tokenIndex: Int, bytes: UnsafeBufferPointer<UInt8>, at start: Int, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        var position = start
        var tokenIndex = tokenIndex
        while tokenIndex < tokens.count {
            switch tokens[tokenIndex] {
            case .literal(let literal):
                guard position + literal.count <= bytes.count else { return false }
                budget -= literal.count
                for offset in 0..<literal.count where Self.lower(bytes[position + offset]) != literal[offset] {
                    return false
                }
                position += literal.count
            case .anything:
                if tokenIndex == tokens.count - 1 { return true }
                // Jump straight to places where a following literal could start.
                if case .literal(let next) = tokens[tokenIndex + 1] {
                    let first = next[0]
                    var candidate = position
                    while candidate + next.count <= bytes.count {
                        budget -= 1
                        if budget < 0 { return false }
                        if Self.lower(bytes[candidate]) == first,
                           match(tokenIndex: tokenIndex + 1, bytes: bytes, at: candidate, budget: &budget) { return true }
                        candidate += 1
                    }
                    return false
                }
                for candidate in position...bytes.count
                where match(tokenIndex: tokenIndex + 1, bytes: bytes, at: candidate, budget: &budget) {
                    return true
                }
                return false
            case .digits, .key, .word:
                let kind = tokens[tokenIndex]
                var end = position
                if kind == .key {
                    guard end < bytes.count, Self.isUpper(bytes[end]) else { return false }
                    end += 1
                    while end < bytes.count, Self.isUpper(bytes[end]) || Self.isDigit(bytes[end]) { end += 1 }
                    guard end - position >= 2 else { return false }
                } else {
                    while end < bytes.count, kind == .digits ? Self.isDigit(bytes[end]) : Self.isWord(bytes[end]) { end += 1 }
                    guard end > position else { return false }
                }
                budget -= end - position
                if budget < 0 { return false }
                // Runs are greedy, but give back characters when what follows needs them.
                if tokenIndex == tokens.count - 1 { return end == bytes.count }
                var cut = end
                while cut > position {
                    if match(tokenIndex: tokenIndex + 1, bytes: bytes, at: cut, budget: &budget) { return true }
                    cut -= 1
                    if kind == .key, cut - position < 2 { break }
                }
                return false
            }
            tokenIndex += 1
        }
        return position == bytes.count
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    static func isWord(_ byte: UInt8) -> Bool {
        isDigit(byte) || isUpper(byte) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95 || byte == 46 || byte == 47 || byte == 64
    }
}

/// A pattern that cannot be read; the catalogue loader adds the file and position.
public struct PatternError: Error, Sendable, Hashable {
    public let message: String
}

/// Several patterns; a text matches the set when it matches any of them.
public struct PatternSet: Sendable, Hashable {
    public let patterns: [TextPattern]

    public init(_ patterns: [TextPattern]) {
        self.patterns = patterns
    }

    public static let empty = PatternSet([])

    public func matches(_ text: String) -> Bool {
        guard !patterns.isEmpty else { return false }
        var copy = text
        return copy.withUTF8 { matches(bytes: $0) }
    }

    public func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !patterns.isEmpty else { return false }
        return TextPattern.withLowered(bytes) { low in
            patterns.contains { $0.matches(bytes: bytes, lowered: low) }
        }
    }

    /// A text prepared once for all the sets that test it (a commit's summary meets a dozen).
    func matches(_ text: PreparedText) -> Bool {
        guard !patterns.isEmpty else { return false }
        return text.bytes.withUnsafeBufferPointer { bytes in
            text.lowered.withUnsafeBufferPointer { low in
                patterns.contains { $0.matches(bytes: bytes, lowered: low) }
            }
        }
    }

    /// The first pattern that matches, for tests and explanations.
    public func firstMatch(_ text: String) -> TextPattern? {
        patterns.first { $0.matches(text) }
    }
}

/// A text's UTF-8 bytes and their ASCII lower-case, made once so that many pattern sets can test it
/// without each copying and lower-casing it again.
struct PreparedText {
    let bytes: [UInt8]
    let lowered: [UInt8]

    init(_ text: String) {
        var copy = text
        bytes = copy.withUTF8 { Array($0) }
        lowered = bytes.withUnsafeBufferPointer { TextPattern.lowered($0) }
    }
}
