/// A regular expression read into a tree, before it becomes a `RegexProgram`.
indirect enum RegexNode: Sendable {
    case empty
    /// One scalar from the set (an index into the parsed sets).
    case set(Int)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?)
    case assertion(RegexAssertion)
    /// `(?=…)` or `(?!…)` over a fixed run of sets: checking it costs at most its length per position.
    case lookahead([Int], negated: Bool)
}

/// A zero-width condition on the position between two scalars.
enum RegexAssertion: UInt8, Sendable {
    /// `^` (line mode, the default of the catalogues): the start of the text or of a line.
    case lineStart
    /// `\A`, or `^` under `(?-m)`.
    case textStart
    /// `$` (line mode): before a line terminator or at the end.
    case lineEnd
    /// `\Z`, or `$` under `(?-m)`: at the end, or before a final line terminator.
    case textEndOrFinalTerminator
    /// `\z`.
    case textEnd
    case wordBoundary
    case notWordBoundary
}

/// Why a pattern is not accepted: a syntax error or a construct outside what `LinearRegex` runs in
/// linear time. `offset` counts characters (Unicode scalars) from the start of the pattern, from 0.
public struct RegexSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public let offset: Int?
    /// A valid ICU pattern that uses a construct outside the linear-time subset (or breaks a size cap),
    /// as opposed to one that is not a regular expression at all.
    public let isUnsupported: Bool

    init(message: String, offset: Int?, isUnsupported: Bool = false) {
        self.message = message
        self.offset = offset
        self.isUnsupported = isUnsupported
    }

    public var description: String {
        offset.map { "\(message) (at character \($0 + 1) of the pattern)" } ?? message
    }
}

/// The pattern flags in force at a point of the pattern.
struct RegexFlags: Sendable, Hashable {
    var caseInsensitive = false
    /// `^` and `$` at line boundaries (`(?m)`); the catalogues have always had it on.
    var multiline = true
    /// `.` also matches line terminators (`(?s)`).
    var dotAll = false
}
