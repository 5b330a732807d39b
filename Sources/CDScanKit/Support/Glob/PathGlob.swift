/// The one path glob of cdscan: the catalogues' paths, `.cdscan.yml`'s `exclude:`, CODEOWNERS rules and the
/// areas of work all mean the same by a pattern, which is what `.gitignore` means by it:
///
/// - A pattern is matched against whole `/`-separated file paths of the tree, from the repository root.
/// - Without a `/` (a trailing one aside) it names a file at any depth: `Dockerfile` matches `Dockerfile` and
///   `svc/Dockerfile`, `*.tf` matches `infra/main.tf`.
/// - With a `/` at its start or in its middle it is anchored at the root: `/Jenkinsfile`, `ci/*.yml`. A
///   leading `/` only anchors.
/// - A trailing `/` names a directory: the pattern matches the paths inside it (`tests/` matches
///   `a/tests/b.py`, not a file named `tests`; `.github/workflows/` only at the root).
/// - `*` is any run of characters within one name, `?` one byte of a name; neither crosses a `/`.
/// - `**` as a whole name is any number of names, none included: `**/x` is `x` at any depth, `docs/**` is
///   `docs` and everything under it, `a/**/b` matches `a/b` and `a/x/y/b`. Inside a name `**` is a `*`.
/// - `{a,b}` is either alternative (nested braces work; `[` and `\` have no special meaning).
/// - Case counts, as in git paths, unless the glob is made `ignoringCase` (ASCII letters fold): the detector
///   catalogues are, since `Dockerfile` and `dockerfile` are the same tool's file.
/// - An empty pattern, or `/`, matches nothing.
///
/// Every pattern may meet every path of a wide tree, so patterns are compiled once and matched byte-wise
/// over a `GlobPath` split once, without allocating; the last name is tried first, where most paths fail.
/// (The general `**` walk holds its positions in a word up to 63 segments, beyond that in an array.)
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    public let ignoringCase: Bool
    private let alternatives: [GlobAlternative]

    /// The literal directories a pattern starts with (`docs/` for `docs/**`, `website/docs/` for
    /// `website/docs/**/*.md`); nil when the pattern starts with a wildcard or has no `/`. Worked out once:
    /// every detection of a `root: base` entry asks.
    public let base: String?

    public init(_ pattern: String, ignoringCase: Bool = false) {
        self.init(pattern, ignoringCase: ignoringCase, expanded: GlobBraces.expand(pattern))
    }

    private init(_ pattern: String, ignoringCase: Bool, expanded: [String]) {
        self.pattern = pattern
        self.ignoringCase = ignoringCase
        alternatives = expanded.compactMap { Self.compile($0, ignoringCase: ignoringCase) }
        base = Self.base(of: pattern)
    }

    /// `problem(in:)`, and the glob when there is none, with the braces expanded once for both: a loader
    /// asks both of every glob it reads.
    static func checked(_ pattern: String, ignoringCase: Bool) -> (glob: PathGlob?, problem: String?) {
        if pattern.isEmpty { return (nil, "a path glob must not be empty") }
        guard let expanded = GlobBraces.expandWithinBudget(pattern) else { return (nil, GlobBraces.problem(in: pattern)) }
        return (PathGlob(pattern, ignoringCase: ignoringCase, expanded: expanded), nil)
    }

    public var description: String { pattern }

    /// Why `pattern` cannot be a glob of a catalogue or a configuration, or nil when it can.
    public static func problem(in pattern: String) -> String? {
        pattern.isEmpty ? "a path glob must not be empty" : GlobBraces.problem(in: pattern)
    }

    /// One alternative, with the any-depth start of an unanchored pattern written out. Nil when it has no name.
    private static func compile(_ text: String, ignoringCase: Bool) -> GlobAlternative? {
        GlobText.isASCII(text)
            ? compileASCII(Array(text.utf8), ignoringCase: ignoringCase) : compileCharacters(text, ignoringCase: ignoringCase)
    }

    /// `compile` by characters, for any text (tests hold the ASCII way to it).
    static func compileCharacters(_ text: String, ignoringCase: Bool) -> GlobAlternative? {
        let directory = text.hasSuffix("/")
        var body = Substring(text)
        while body.hasSuffix("/") { body = body.dropLast() }
        let names = body.split(separator: "/", omittingEmptySubsequences: true)
        guard !names.isEmpty else { return nil }
        let anchored = body.contains("/")
        var segments: [GlobSegment] = anchored ? [] : [.anyDepth]
        for name in names {
            segments.append(name == "**" ? .anyDepth : .name(GlobName.compile(name, ignoringCase: ignoringCase)))
        }
        return GlobAlternative(segments, directory: directory)
    }

    /// `compile` byte-wise, for the usual ASCII alternative (where every byte is a character).
    static func compileASCII(_ text: [UInt8], ignoringCase: Bool) -> GlobAlternative? {
        let slash = UInt8(ascii: "/"), asterisk = UInt8(ascii: "*")
        let directory = text.last == slash
        var body = text[...]
        while body.last == slash { body = body.dropLast() }
        let names = body.split(separator: slash, omittingEmptySubsequences: true)
        guard !names.isEmpty else { return nil }
        let anchored = body.contains(slash)
        var segments: [GlobSegment] = anchored ? [] : [.anyDepth]
        segments.reserveCapacity(names.count + 1)
        for name in names {
            let isAnyDepth = name.count == 2 && name.allSatisfy { $0 == asterisk }
            segments.append(isAnyDepth ? .anyDepth : .name(ignoringCase ? name.map(GlobName.lowercased) : Array(name)))
        }
        return GlobAlternative(segments, directory: directory)
    }

    /// Per alternative, the compiled glob its last name must match (lower-cased when ignoring case); nil for
    /// an alternative whose last name may be anything (it ends in `**`, or names a directory).
    var lastNames: [[UInt8]?] { alternatives.map(\.lastName) }

    /// Per alternative, a literal name some name of every path it matches equals (see
    /// `GlobAlternative.requiredName`); nil where there is none.
    var requiredNames: [[UInt8]?] { alternatives.map(\.requiredName) }

    private static func base(of pattern: String) -> String? {
        GlobText.isASCII(pattern) ? asciiBase(of: pattern) : characterBase(of: pattern)
    }

    /// `base(of:)` by characters, for any pattern (tests hold the ASCII way to it).
    static func characterBase(of pattern: String) -> String? {
        var literal: [String] = []
        for part in pattern.split(separator: "/") {
            if part.contains(where: { "*?{[".contains($0) }) { break }
            literal.append(String(part))
        }
        guard pattern.contains("/"), !literal.isEmpty, literal.count < pattern.split(separator: "/").count else { return nil }
        return literal.joined(separator: "/") + "/"
    }

    /// `base(of:)` byte-wise, for the usual ASCII pattern (where every byte is a character).
    static func asciiBase(of pattern: String) -> String? {
        let slash = UInt8(ascii: "/")
        let bytes = Array(pattern.utf8)
        guard bytes.contains(slash) else { return nil }  // most globs: a name at any depth
        let parts = bytes.split(separator: slash)
        let wildcards: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "[")]
        let literal = parts.prefix { part in !part.contains(where: wildcards.contains) }
        guard !literal.isEmpty, literal.count < parts.count else { return nil }
        return literal.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/") + "/"
    }

    public func matches(_ path: String) -> Bool {
        matches(GlobPath(path))
    }

    public func matches(_ path: GlobPath) -> Bool {
        alternatives.contains { $0.matches(path.names, ignoringCase: ignoringCase) }
    }
}

/// A path split into its names once, for testing it against many globs.
public struct GlobPath: Sendable {
    public let path: String
    let names: [ArraySlice<UInt8>]

    public init(_ path: String) {
        self.path = path
        names = Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    }

    /// The last name, lower-cased (ASCII): the key of indexes over globs' last names.
    var lowercasedLastName: [UInt8]? {
        names.last.map { $0.map(GlobName.lowercased) }
    }
}
