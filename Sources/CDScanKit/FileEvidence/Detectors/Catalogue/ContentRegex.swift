/// A regular expression over a file's text (the ICU subset `LinearRegex` reads; `(?i)` for
/// case-insensitive; `^` and `$` at line boundaries). Matched in linear time: catalogues may come from
/// rule packs, and packs from the scanned repositories themselves.
///
/// Checked when made (a bad pattern fails its catalogue's load, with the message and position compiling
/// it gives), compiled on its first match: most of the catalogues' patterns meet no file in a scan, and
/// every process used to compile them all before reading anything.
public struct ContentRegex: Sendable {
    public let text: String
    private let compiled: OnFirstUse<CompiledContentRegex>

    public init(_ text: String) throws(RegexSyntaxError) {
        try LinearRegex.check(text)
        self.text = text
        compiled = OnFirstUse { CompiledContentRegex(checked: text) }
    }

    /// A pattern of the embedded catalogues, not checked here: a test compiles every one of them, so
    /// one that is never run costs nothing at all.
    init(uncheckedEmbedded text: String) {
        self.text = text
        compiled = OnFirstUse { CompiledContentRegex(checked: text) }
    }

    public var regex: LinearRegex { compiled.value.regex }

    /// Whether the first match has compiled the pattern yet.
    var isCompiled: Bool { compiled.isMade }

    /// The 1-based line of the first match, or nil.
    public func firstMatchLine(in content: String) -> Int? {
        var unlimited = Int.max
        if case .line(let line) = firstMatch(in: content, budget: &unlimited) { return line }
        return nil
    }

    public enum Outcome: Sendable, Equatable {
        case line(Int)
        case noMatch
        /// The step budget ran out before the search ended.
        case gaveUp
    }

    /// The line of the first match, spending at most `budget` steps of `LinearRegex` (taken off it).
    public func firstMatch(in content: String, budget: inout Int) -> Outcome {
        let compiled = compiled.value
        var content = content
        return content.withUTF8 { bytes -> Outcome in
            if let requiredLiterals = compiled.requiredLiterals,
               !requiredLiterals.contains(where: { ByteSearch.contains(bytes, $0) }) { return .noMatch }
            if let requiredLiteralsIgnoringCase = compiled.requiredLiteralsIgnoringCase,
               !requiredLiteralsIgnoringCase.contains(where: { ByteSearch.mayContainIgnoringCase(bytes, $0) }) { return .noMatch }
            switch compiled.regex.firstMatch(in: bytes, budget: &budget) {
            case .noMatch: return .noMatch
            case .gaveUp: return .gaveUp
            case .match(let start):
                var line = 1
                for index in 0..<start where bytes[index] == UInt8(ascii: "\n") { line += 1 }
                return .line(line)
            }
        }
    }
}

/// What matching a `ContentRegex` needs: the program, and the literals that rule a text out cheaply.
private struct CompiledContentRegex: Sendable {
    let regex: LinearRegex
    /// Texts one of which any match contains (see `RegexLiterals`); nil when none can be told.
    let requiredLiterals: [ByteSearch.Needle]?
    /// The same for a case-insensitive pattern: lower-cased, to be found in any ASCII case.
    let requiredLiteralsIgnoringCase: [[UInt8]]?

    /// `text` passed `LinearRegex.check`, which throws whatever compiling it would, or is an embedded
    /// catalogue's, which `LazyContentRegexTests` compiles.
    init(checked text: String) {
        do {
            regex = try LinearRegex(text)
        } catch {
            preconditionFailure("a checked or embedded pattern failed to compile: \(error)")
        }
        let prefilter = RegexLiterals.prefilter(for: text)
        requiredLiterals = prefilter.flatMap { $0.ignoringCase ? nil : $0.literals.map(ByteSearch.Needle.init) }
        requiredLiteralsIgnoringCase = prefilter.flatMap { $0.ignoringCase ? $0.literals.map { Array($0.utf8) } : nil }
    }
}
