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
        var budget = maximumAlternatives
        return expand(text, budget: &budget) ?? [text]
    }

    /// Nil once more than `budget` alternatives would be made (stopping early: the work stays bounded).
    private static func expand(_ text: String, budget: inout Int) -> [String]? {
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
            guard let expanded = expand(prefix + option + suffix, budget: &budget) else { return nil }
            result += expanded
        }
        return result
    }
}
