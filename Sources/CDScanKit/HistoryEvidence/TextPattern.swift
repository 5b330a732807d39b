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
    }

    public var description: String { source }

    public func matches(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { matches(bytes: $0) }
    }

    public func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lowered = Self.lowered(bytes)
        return lowered.withUnsafeBufferPointer { matches(bytes: bytes, lowered: $0) }
    }

    /// With the text already lower-cased once (a pattern set tests many patterns on one text).
    func matches(bytes: UnsafeBufferPointer<UInt8>, lowered: UnsafeBufferPointer<UInt8>) -> Bool {
        if !leadingLiteral.isEmpty {
            guard lowered.count >= leadingLiteral.count else { return false }
            for offset in 0..<leadingLiteral.count where lowered[offset] != leadingLiteral[offset] { return false }
        }
        guard Self.contains(lowered, requiredLiteral) else { return false }
        return match(tokenIndex: 0, bytes: bytes, at: 0)
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
    private func match(tokenIndex: Int, bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var position = start
        var tokenIndex = tokenIndex
        while tokenIndex < tokens.count {
            switch tokens[tokenIndex] {
            case .literal(let literal):
                guard position + literal.count <= bytes.count else { return false }
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
                        if Self.lower(bytes[candidate]) == first,
                           match(tokenIndex: tokenIndex + 1, bytes: bytes, at: candidate) { return true }
                        candidate += 1
                    }
                    return false
                }
                for candidate in position...bytes.count
                where match(tokenIndex: tokenIndex + 1, bytes: bytes, at: candidate) {
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
                // Runs are greedy, but give back characters when what follows needs them.
                if tokenIndex == tokens.count - 1 { return end == bytes.count }
                var cut = end
                while cut > position {
                    if match(tokenIndex: tokenIndex + 1, bytes: bytes, at: cut) { return true }
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
        let lowered = TextPattern.lowered(bytes)
        return lowered.withUnsafeBufferPointer { low in
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
