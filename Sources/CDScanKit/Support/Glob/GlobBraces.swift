/// `{a,b}` alternatives of a glob, expanded before compiling.
enum GlobBraces {
    /// At most this many alternatives come out of one glob's braces: `{a,b}{a,b}…` doubles with every
    /// group, and globs may come from packs and scanned repositories. Loaders refuse a glob beyond it.
    static let maximumAlternatives = 256

    /// Whether the glob's braces give more than `maximumAlternatives` alternatives.
    static func expandsTooFar(_ text: String) -> Bool {
        var budget = maximumAlternatives
        return expand(text, budget: &budget) == nil
    }

    /// The loaders' one wording for a glob whose braces expand too far; nil for one that does not.
    static func problem(in text: String) -> String? {
        expandsTooFar(text) ? "the braces of '\(text.prefix(80))' expand to more than \(maximumAlternatives) alternatives" : nil
    }

    /// `a{b,c}d` → `abd`, `acd` (nested braces work; an unclosed brace stays literal). Beyond
    /// `maximumAlternatives` the text is kept as it is, a single literal alternative.
    static func expand(_ text: String) -> [String] {
        expandWithinBudget(text) ?? [text]
    }

    /// The alternatives, or nil when there are more than `maximumAlternatives` (what `problem(in:)` tells).
    static func expandWithinBudget(_ text: String) -> [String]? {
        var budget = maximumAlternatives
        return expand(text, budget: &budget)
    }

    /// Nil once more than `budget` alternatives would be made (stopping early: the work stays bounded).
    private static func expand(_ text: String, budget: inout Int) -> [String]? {
        // Most globs have no brace at all (no '{' byte, so no '{' character), and the rest are ASCII, where
        // bytes are characters: neither needs the text split into graphemes.
        guard GlobText.contains(text, byte: UInt8(ascii: "{")) else {
            budget -= 1
            return budget >= 0 ? [text] : nil
        }
        if GlobText.isASCII(text) {
            return expandASCII(Array(text.utf8), budget: &budget)?.map { String(decoding: $0, as: UTF8.self) }
        }
        return expandCharacters(text, budget: &budget)
    }

    /// `expand` by characters, for any text (tests hold the ASCII way to it).
    static func expandCharacters(_ text: String, budget: inout Int) -> [String]? {
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
            guard let expanded = expandCharacters(prefix + option + suffix, budget: &budget) else { return nil }
            result += expanded
        }
        return result
    }

    /// `expand` over the bytes of an ASCII text: the same steps, byte for character.
    static func expandASCII(_ bytes: [UInt8], budget: inout Int) -> [[UInt8]]? {
        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), comma = UInt8(ascii: ",")
        guard let open = bytes.firstIndex(of: openBrace) else {
            budget -= 1
            return budget >= 0 ? [bytes] : nil
        }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<bytes.count {
            switch bytes[index] {
            case openBrace: depth += 1
            case closeBrace:
                depth -= 1
                if depth == 0 { close = index }
            case comma where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { return [bytes] }
        let bounds = [open] + commas + [close]
        var result: [[UInt8]] = []
        for index in 0..<(bounds.count - 1) {
            let option = bytes[..<open] + bytes[(bounds[index] + 1)..<bounds[index + 1]] + bytes[(close + 1)...]
            guard let expanded = expandASCII(Array(option), budget: &budget) else { return nil }
            result += expanded
        }
        return result
    }
}
