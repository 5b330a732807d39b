/// The plain text a regular expression cannot match without: one literal per top-level alternative, so
/// that a file holding none of them is rejected by a substring search instead of running the regex
/// (on Linux every regex run first copies the whole text to UTF-16). Conservative: nil whenever the
/// pattern is case-insensitive or an alternative has no literal run of two characters or more (two bytes
/// such as `:$` already pass over most files, and the search costs far less than the regex).
enum RegexLiterals {
    /// The literals a file must hold for the pattern to match, and whether they are to be found ignoring
    /// ASCII case: a pattern that opens with a flag group holding `i` (`(?i)`, `(?im)`) is read as the
    /// rest of it, case-insensitively. Nil as `required(in:)` is, or when such literals are not ASCII.
    static func prefilter(for pattern: String) -> (literals: [String], ignoringCase: Bool)? {
        guard pattern.hasPrefix("(?"), let close = pattern.firstIndex(of: ")") else {
            return required(in: pattern).map { ($0, false) }
        }
        let flags = pattern[pattern.index(pattern.startIndex, offsetBy: 2)..<close]
        guard flags.contains("i") else { return required(in: pattern).map { ($0, false) } }
        guard flags.allSatisfy({ "ims".contains($0) }) else { return nil }
        let rest = String(pattern[pattern.index(after: close)...])
        guard let literals = required(in: rest), literals.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
        return (literals.map { $0.lowercased() }, true)
    }

    static func required(in pattern: String) -> [String]? {
        let characters = Array(pattern)
        guard !pattern.contains("(?i") else { return nil }
        var branches: [[Character]] = [[]]
        var depth = 0
        var index = 0
        // Split at top-level '|', keeping everything else.
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                branches[branches.count - 1] += [character, characters[index + 1]]
                index += 2
                continue
            }
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth -= 1 }
            if character == "|" && depth == 0 {
                branches.append([])
            } else {
                branches[branches.count - 1].append(character)
            }
            index += 1
        }
        var literals: [String] = []
        for branch in branches {
            guard let literal = longestLiteral(branch), literal.count >= 2 else { return nil }
            literals.append(literal)
        }
        return literals
    }

    /// The longest run of characters the branch must contain, read outside groups and classes.
    private static func longestLiteral(_ branch: [Character]) -> String? {
        var runs: [[Character]] = []
        var run: [Character] = []
        func end() {
            if !run.isEmpty { runs.append(run) }
            run = []
        }
        var index = 0
        while index < branch.count {
            let character = branch[index]
            switch character {
            case "\\":
                guard index + 1 < branch.count else { end(); index += 1; continue }
                let next = branch[index + 1]
                if next.isLetter || next.isNumber { end() } else { run.append(next) }
                index += 2
                continue
            case "(", "[":
                end()
                // Skip the whole group or class: its contents may be optional or alternatives.
                let open = character, close: Character = character == "(" ? ")" : "]"
                var depth = 0
                while index < branch.count {
                    if branch[index] == "\\" { index += 2; continue }
                    if branch[index] == open { depth += 1 }
                    if branch[index] == close { depth -= 1; if depth == 0 { break } }
                    index += 1
                }
            case "?", "*", "{":
                // The character before is optional (or repeated zero times): it is not required.
                if !run.isEmpty { run.removeLast() }
                end()
                if character == "{" { while index < branch.count, branch[index] != "}" { index += 1 } }
            case "+":
                end()
            case ".", "^", "$":
                end()
            default:
                run.append(character)
            }
            index += 1
        }
        end()
        return runs.max { $0.count < $1.count }.map { String($0) }
    }
}
