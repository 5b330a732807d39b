import Foundation

/// A Groovy or Kotlin script read as text: which bytes are code (not strings or comments), every `{…}`
/// block with the word before it, and the lines. Enough to find `stage('x') { … }` blocks without running
/// anything.
///
/// Everything is found in one pass over the UTF-8 bytes, and every query afterwards costs what it returns:
/// blocks are kept in the order of their opening braces, so the blocks inside one are the ones right after
/// it, up to `end`. No recursion, so no nesting depth can overflow the stack, and twenty thousand nested
/// stages cost no more than twenty thousand stages in a row.
struct GroovyText {
    struct Block {
        /// The word before the brace (`stage` in `stage('x') {`), "" when there is none.
        let name: String
        /// The `(…)` right before the brace, without its parentheses.
        let argument: Range<Int>?
        let open: Int
        let close: Int
        /// The index (in `blocks`) just past this block's last descendant.
        let end: Int
        var body: Range<Int> { (open + 1)..<close }
        var whole: Range<Int> { open..<(close + 1) }
    }

    let bytes: [UInt8]
    /// Every block of code, in the order of its opening brace.
    let blocks: [Block]
    /// Offsets of each line's first byte, to turn offsets into line numbers.
    private let lineStarts: [Int]
    /// Argument texts longer than this are cut: a stage name or a trigger list is never that long, and a
    /// hostile file could otherwise nest arguments to make their copies quadratic.
    static let argumentLimit = 4_096

    init(_ text: String, file: String) throws(PipelineProblem) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        let count = bytes.count
        var starts = [0]
        for offset in 0..<count {
            let byte = bytes[offset]
            if byte == Self.newline || (byte == Self.carriageReturn && (offset + 1 == count || bytes[offset + 1] != Self.newline)) {
                starts.append(offset + 1)
            }
        }
        lineStarts = starts

        // Blocks are built in opening order; their closing offset and end are filled in when they close.
        var names: [String] = []
        var arguments: [Range<Int>?] = []
        var opens: [Int] = []
        var closes: [Int] = []
        var ends: [Int] = []
        var openBlocks: [Int] = []
        var openParens: [Int] = []
        var lastParens: (open: Int, close: Int)?
        func at(_ offset: Int) -> UInt8? { offset < count ? bytes[offset] : nil }
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/"), at(index + 1) == UInt8(ascii: "/") {
                while index < count, !Self.isLineEnd(bytes[index]) { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "/"), at(index + 1) == UInt8(ascii: "*") {
                index += 2
                while index < count, !(bytes[index] == UInt8(ascii: "*") && at(index + 1) == UInt8(ascii: "/")) { index += 1 }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                let triple = at(index + 1) == byte && at(index + 2) == byte
                let width = triple ? 3 : 1
                index += width
                while index < count {
                    if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                    if bytes[index] == byte, !triple || (at(index + 1) == byte && at(index + 2) == byte) { break }
                    if !triple, Self.isLineEnd(bytes[index]) { break }
                    index += 1
                }
                index += width
                continue
            }
            switch byte {
            case UInt8(ascii: "("):
                openParens.append(index)
            case UInt8(ascii: ")"):
                if let open = openParens.popLast() { lastParens = (open, index) }
            case UInt8(ascii: "{"):
                let (name, argument) = Self.word(before: index, in: bytes, lastParens: lastParens)
                openBlocks.append(opens.count)
                names.append(name)
                arguments.append(argument)
                opens.append(index)
                closes.append(-1)
                ends.append(-1)
            case UInt8(ascii: "}"):
                guard let block = openBlocks.popLast() else {
                    let (line, column) = Self.position(index, starts: starts, bytes: bytes)
                    throw PipelineProblem(file: file, line: line, column: column, message: "'}' without a matching '{'")
                }
                closes[block] = index
                ends[block] = opens.count
            default:
                break
            }
            index += 1
        }
        if let unclosed = openBlocks.last {
            let (line, column) = Self.position(opens[unclosed], starts: starts, bytes: bytes)
            throw PipelineProblem(file: file, line: line, column: column, message: "'{' is never closed")
        }
        blocks = opens.indices.map {
            Block(name: names[$0], argument: arguments[$0], open: opens[$0], close: closes[$0], end: ends[$0])
        }
    }

    /// The word before a brace, over blanks and over the `(…)` that closed just before it (found in the
    /// same pass, so no walk back through the arguments).
    private static func word(before brace: Int, in bytes: [UInt8], lastParens: (open: Int, close: Int)?) -> (String, Range<Int>?) {
        var cursor = brace - 1
        while cursor >= 0, isBlank(bytes[cursor]) { cursor -= 1 }
        var argument: Range<Int>?
        if cursor >= 0, bytes[cursor] == UInt8(ascii: ")") {
            guard let parens = lastParens, parens.close == cursor else { return ("", nil) }
            argument = (parens.open + 1)..<parens.close
            cursor = parens.open - 1
            while cursor >= 0, isBlank(bytes[cursor]) { cursor -= 1 }
        }
        var start = cursor
        while start >= 0, isWordByte(bytes[start]) { start -= 1 }
        let name = start < cursor ? String(decoding: bytes[(start + 1)...cursor], as: UTF8.self) : ""
        return (name, argument)
    }

    func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    private static func position(_ offset: Int, starts: [Int], bytes: [UInt8]) -> (Int, Int) {
        let line = starts.lastIndex { $0 <= offset } ?? 0
        // The column in characters, as an editor counts them.
        let column = String(decoding: bytes[starts[line]..<offset], as: UTF8.self).count + 1
        return (line + 1, column)
    }

    /// The text of a range of bytes.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// A block's argument text (cut at `argumentLimit` bytes), "" when it has none.
    func argument(of block: Block) -> String {
        guard let range = block.argument else { return "" }
        return text(range.lowerBound..<min(range.upperBound, range.lowerBound + Self.argumentLimit))
    }

    /// The blocks named one of `names` inside the block at `container` (anywhere in the text when nil),
    /// leaving out those inside another found one: the outermost, in order, never overlapping.
    func outermost(named names: Set<String>, inside container: Int? = nil) -> [Int] {
        var result: [Int] = []
        var index = container.map { $0 + 1 } ?? 0
        let limit = container.map { blocks[$0].end } ?? blocks.count
        while index < limit {
            if names.contains(blocks[index].name) {
                result.append(index)
                index = blocks[index].end
            } else {
                index += 1
            }
        }
        return result
    }

    /// The index of the block whose brace opens at `offset`.
    func block(openingAt offset: Int) -> Int? {
        var low = 0
        var high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle].open < offset { low = middle + 1 } else { high = middle }
        }
        return low < blocks.count && blocks[low].open == offset ? low : nil
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

    /// The lines of a range, each with its line number, leaving out the given sub-ranges (in order, not
    /// overlapping: `outermost` blocks). Each byte of the range is looked at once.
    func lines(in range: Range<Int>, excluding holes: [Range<Int>] = []) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var current: [UInt8] = []
        var currentStart = range.lowerBound
        var offset = range.lowerBound
        var hole = 0
        func finish() {
            let line = String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !line.isEmpty { result.append((line, self.line(of: currentStart))) }
            current.removeAll(keepingCapacity: true)
        }
        while offset < range.upperBound {
            while hole < holes.count, holes[hole].upperBound <= offset { hole += 1 }
            if hole < holes.count, holes[hole].contains(offset) {
                offset = holes[hole].upperBound
                continue
            }
            let byte = bytes[offset]
            if Self.isLineEnd(byte) {
                finish()
                if byte == Self.carriageReturn, offset + 1 < range.upperBound, bytes[offset + 1] == Self.newline { offset += 1 }
                currentStart = offset + 1
            } else {
                if current.isEmpty { currentStart = offset }
                current.append(byte)
            }
            offset += 1
        }
        finish()
        return result
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func isLineEnd(_ byte: UInt8) -> Bool { byte == newline || byte == carriageReturn }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Letters, digits and `_`; bytes of non-ASCII characters count as letters.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
