/// A path glob of the catalogues, matched case-insensitively against `/`-separated tree paths.
///
/// - A pattern without `/` names a file at any depth (`Dockerfile`, `*.tf`).
/// - A pattern with `/` is anchored at the repository root (`.github/CODEOWNERS`); `**` spans any number
///   of directories (`**/templates/*.yaml`, `docs/**`).
/// - `*` and `?` stay within one path segment; `{a,b}` is expanded into alternatives.
public struct TreePathGlob: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let alternatives: [[Segment]]

    private enum Segment: Sendable, Hashable {
        case anyDepth
        case glob([UInt8])
    }

    public init(_ text: String) {
        self.text = text
        alternatives = Self.expandBraces(text.lowercased()).map { alternative in
            var body = alternative
            if !body.contains("/") { body = "**/" + body }
            if body.hasPrefix("/") { body.removeFirst() }
            return body.split(separator: "/", omittingEmptySubsequences: true).map { part in
                part == "**" ? .anyDepth : .glob(Array(part.utf8))
            }
        }
    }

    public var description: String { text }

    /// Per alternative, the glob its last path part must match (lower-cased); nil for an alternative
    /// ending in `**`, which any last part can end.
    var lastSegments: [[UInt8]?] {
        alternatives.map { alternative in
            if case .glob(let last)? = alternative.last { return last }
            return nil
        }
    }

    /// The literal directories a pattern starts with (`docs/` for `docs/**`, `website/docs/` for
    /// `website/docs/**/*.md`); nil when the pattern starts with a wildcard.
    public var base: String? {
        var literal: [String] = []
        for part in text.split(separator: "/") {
            if part.contains(where: { "*?{[".contains($0) }) { break }
            literal.append(String(part))
        }
        guard text.contains("/"), !literal.isEmpty, literal.count < text.split(separator: "/").count else { return nil }
        return literal.joined(separator: "/") + "/"
    }

    /// Whether `path` (already lowercased, for speed when many patterns test one path) matches.
    public func matches(lowercased path: String) -> Bool {
        matches(parts: TreePathGlob.parts(of: path))
    }

    /// The segments of a lowercased path, split once so that many patterns can test it.
    public static func parts(of lowercasedPath: String) -> [[UInt8]] {
        lowercasedPath.utf8.split(separator: UInt8(ascii: "/")).map(Array.init)
    }

    public func matches(parts: [[UInt8]]) -> Bool {
        alternatives.contains { alternative in
            // Cheap rejection first: most patterns end in a file-name glob.
            if case .glob(let last)? = alternative.last, let name = parts.last, !Self.matchSegment(last, name) {
                return false
            }
            return Self.matchWithoutInnerStars(alternative, parts) ?? Self.match(alternative, parts[...])
        }
    }

    /// Most patterns have no `**` but perhaps a leading one (every pattern without `/` gets it): those are
    /// matched part against part from the end, without the general walk (a scan tests every path of the
    /// tree against hundreds of patterns). Nil for a pattern with `**` further in.
    private static func matchWithoutInnerStars(_ pattern: [Segment], _ parts: [[UInt8]]) -> Bool? {
        var first = 0
        if case .anyDepth? = pattern.first { first = 1 }
        for index in first..<pattern.count {
            if case .anyDepth = pattern[index] { return nil }
        }
        let fixed = pattern.count - first
        guard first == 0 ? parts.count == fixed : parts.count >= fixed else { return false }
        let offset = parts.count - fixed
        for index in stride(from: fixed - 1, through: 0, by: -1) {
            guard case .glob(let glob) = pattern[first + index], matchSegment(glob, parts[offset + index]) else { return false }
        }
        return true
    }

    public func matches(_ path: String) -> Bool {
        matches(lowercased: path.lowercased())
    }

    /// Steps every pattern position at once over the path's parts: `**` stays or moves on, a segment glob
    /// moves on when it accepts the part. No backtracking, so `**/**/**/…/x` costs pattern × path length.
    private static func match(_ segments: [Segment], _ parts: ArraySlice<[UInt8]>) -> Bool {
        segments.count < 64 ? run(segments, parts, SmallGlobStates.self) : run(segments, parts, LargeGlobStates.self)
    }

    private static func run<States: GlobStateSet>(_ pattern: [Segment], _ parts: ArraySlice<[UInt8]>, _: States.Type) -> Bool {
        let end = pattern.count
        func closed(_ states: States) -> States {
            var states = states
            for index in 0..<end where states.contains(index) {
                if case .anyDepth = pattern[index] { states.insert(index + 1) }
            }
            return states
        }
        var states = States(count: end + 1)
        states.insert(0)
        states = closed(states)
        for part in parts {
            var following = States(count: end + 1)
            for index in 0..<end where states.contains(index) {
                switch pattern[index] {
                case .anyDepth: following.insert(index)
                case .glob(let glob): if matchSegment(glob, part) { following.insert(index + 1) }
                }
            }
            if following.isEmpty { return false }
            states = closed(following)
        }
        return states.contains(end)
    }

    /// `*` and `?` within one segment, by the classic backtracking-on-last-star walk.
    private static func matchSegment(_ glob: [UInt8], _ text: [UInt8]) -> Bool {
        var g = 0, t = 0
        var star = -1, resume = 0
        let asterisk = UInt8(ascii: "*"), question = UInt8(ascii: "?")
        while t < text.count {
            if g < glob.count, glob[g] == question || glob[g] == text[t] {
                g += 1; t += 1
            } else if g < glob.count, glob[g] == asterisk {
                star = g; resume = t; g += 1
            } else if star >= 0 {
                g = star + 1; resume += 1; t = resume
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == asterisk { g += 1 }
        return g == glob.count
    }

    /// At most this many alternatives come out of one glob's braces: `{a,b}{a,b}…` doubles with every
    /// group, and globs may come from packs. The loaders refuse a glob beyond it (`bracesExpandTooFar`).
    static let maximumAlternatives = 256

    /// Whether the glob's braces give more than `maximumAlternatives` alternatives.
    static func bracesExpandTooFar(_ text: String) -> Bool {
        var budget = maximumAlternatives
        return expandBraces(text, budget: &budget) == nil
    }

    /// `a{b,c}d` → `abd`, `acd` (nested braces work; an unclosed brace stays literal). Beyond
    /// `maximumAlternatives` the text is kept as it is, a single literal alternative.
    static func expandBraces(_ text: String) -> [String] {
        var budget = maximumAlternatives
        return expandBraces(text, budget: &budget) ?? [text]
    }

    /// Nil once more than `budget` alternatives would be made (stopping early: the work stays bounded).
    private static func expandBraces(_ text: String, budget: inout Int) -> [String]? {
        let characters = Array(text)
        guard let open = characters.firstIndex(of: "{") else {
            budget -= 1
            return budget >= 0 ? [text] : nil
        }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<characters.count {
            switch characters[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { return [text] }
        let prefix = String(characters[..<open])
        let suffix = String(characters[(close + 1)...])
        let bounds = [open] + commas + [close]
        var options: [String] = []
        for index in 0..<(bounds.count - 1) {
            options.append(String(characters[(bounds[index] + 1)..<bounds[index + 1]]))
        }
        var result: [String] = []
        for option in options {
            guard let expanded = expandBraces(prefix + option + suffix, budget: &budget) else { return nil }
            result += expanded
        }
        return result
    }
}
