import Foundation

/// A Groovy or Kotlin script read as text: which characters are code (not strings or comments), and
/// which braces match. Enough to find `stage('x') { … }` blocks without running anything.
struct GroovyText {
    let characters: [Character]
    /// Offsets of each line's first character, to turn offsets into line:column.
    private let lineStarts: [Int]
    /// For each `{` offset in code, the offset of its matching `}`.
    let closing: [Int: Int]

    init(_ text: String, file: String) throws(PipelineProblem) {
        let characters = Array(text)
        self.characters = characters
        var starts = [0]
        for (offset, character) in characters.enumerated() where character.isNewline { starts.append(offset + 1) }
        lineStarts = starts
        var closing: [Int: Int] = [:]
        var open: [Int] = []
        var index = 0
        let count = characters.count
        func at(_ offset: Int) -> Character? { offset < count ? characters[offset] : nil }
        while index < count {
            let character = characters[index]
            if character == "/", at(index + 1) == "/" {
                while index < count, !characters[index].isNewline { index += 1 }
                continue
            }
            if character == "/", at(index + 1) == "*" {
                index += 2
                while index < count, !(characters[index] == "*" && at(index + 1) == "/") { index += 1 }
                index += 2
                continue
            }
            if character == "'" || character == "\"" {
                let triple = at(index + 1) == character && at(index + 2) == character
                let width = triple ? 3 : 1
                index += width
                while index < count {
                    if characters[index] == "\\" { index += 2; continue }
                    if characters[index] == character, !triple || (at(index + 1) == character && at(index + 2) == character) { break }
                    if !triple, characters[index].isNewline { break }
                    index += 1
                }
                index += width
                continue
            }
            if character == "{" { open.append(index) }
            if character == "}" {
                guard let start = open.popLast() else {
                    let (line, column) = Self.position(index, starts: starts)
                    throw PipelineProblem(file: file, line: line, column: column, message: "'}' without a matching '{'")
                }
                closing[start] = index
            }
            index += 1
        }
        if let unclosed = open.last {
            let (line, column) = Self.position(unclosed, starts: starts)
            throw PipelineProblem(file: file, line: line, column: column, message: "'{' is never closed")
        }
        self.closing = closing
    }

    func line(of offset: Int) -> Int { Self.position(offset, starts: lineStarts).0 }

    private static func position(_ offset: Int, starts: [Int]) -> (Int, Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }

    /// Each `word(args) {` or `word {` block at code level: the word, its argument text, and its body range.
    func blocks(named names: Set<String>, in range: Range<Int>? = nil) -> [(name: String, argument: String, open: Int, body: Range<Int>)] {
        let bounds = range ?? 0..<characters.count
        var result: [(String, String, Int, Range<Int>)] = []
        for (open, close) in closing where bounds.contains(open) {
            // Walk back over `(…)` and blanks to the word before the brace.
            var cursor = open - 1
            while cursor >= bounds.lowerBound, characters[cursor].isWhitespace { cursor -= 1 }
            var argument = ""
            if cursor >= bounds.lowerBound, characters[cursor] == ")" {
                var depth = 0
                var end = cursor
                while cursor >= bounds.lowerBound {
                    if characters[cursor] == ")" { depth += 1 }
                    if characters[cursor] == "(" { depth -= 1; if depth == 0 { break } }
                    cursor -= 1
                }
                guard cursor >= bounds.lowerBound else { continue }
                argument = String(characters[(cursor + 1)..<end])
                end = cursor
                cursor -= 1
                while cursor >= bounds.lowerBound, characters[cursor].isWhitespace { cursor -= 1 }
            }
            var start = cursor
            while start >= bounds.lowerBound, characters[start].isLetter || characters[start].isNumber || characters[start] == "_" { start -= 1 }
            let word = start < cursor ? String(characters[(start + 1)...cursor]) : ""
            if names.contains(word) { result.append((word, argument, open, (open + 1)..<close)) }
        }
        return result.sorted { $0.2 < $1.2 }
    }

    /// The first quoted text of an argument list (`'Deploy'`, `name: "x"`), or the whole text trimmed.
    static func firstString(_ argument: String) -> String {
        let characters = Array(argument)
        if let open = characters.firstIndex(where: { $0 == "'" || $0 == "\"" }),
           let close = characters[(open + 1)...].firstIndex(of: characters[open]) {
            return String(characters[(open + 1)..<close])
        }
        return argument.trimmingCharacters(in: .whitespaces)
    }

    /// The lines of a range, each with its line number, leaving out the given sub-ranges.
    func lines(in range: Range<Int>, excluding holes: [Range<Int>]) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var current = ""
        var currentStart = range.lowerBound
        var offset = range.lowerBound
        while offset < range.upperBound {
            if let hole = holes.first(where: { $0.contains(offset) }) {
                offset = hole.upperBound
                continue
            }
            let character = characters[offset]
            if character.isNewline {
                result.append((current, line(of: currentStart)))
                current = ""
                currentStart = offset + 1
            } else {
                if current.isEmpty { currentStart = offset }
                current.append(character)
            }
            offset += 1
        }
        result.append((current, line(of: currentStart)))
        return result.map { ($0.0.trimmingCharacters(in: .whitespaces), $0.1) }.filter { !$0.0.isEmpty }
    }
}
