import Foundation

/// Line-oriented helpers for the readers of whole files (Makefiles, justfiles, shell steps). Each gives
/// exactly what the `Character`-wise standard call it stands for gives, but reads UTF-8 bytes whenever
/// that cannot differ: walking a large file by grapheme clusters costs far more than the reading itself.
enum TextLines {
    /// `text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)`.
    static func all(_ text: String) -> [Substring] {
        lines(text, omittingEmpty: false)
    }

    /// `text.split(whereSeparator: \.isNewline)`: empty lines left out.
    static func nonEmpty(_ text: String) -> [Substring] {
        lines(text, omittingEmpty: true)
    }

    /// Whether `line` holds only `CharacterSet.whitespaces`, i.e. `trimmingCharacters(in: .whitespaces).isEmpty`;
    /// only spaces and tabs are told apart by byte, any other Unicode space is left to Foundation.
    static func isBlank(_ line: Substring) -> Bool {
        for byte in line.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
            return byte < 0x80 ? false : line.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return true
    }

    /// `line.firstIndex(of: character)` for an ASCII character other than a newline. A byte equal to it
    /// is that `Character` unless a non-ASCII scalar (a combining mark) may join it, so any non-ASCII
    /// byte met first, or right after, sends the search back to `Character`s.
    static func firstIndex(of character: Character, in line: Substring) -> Substring.Index? {
        guard let ascii = character.asciiValue else { return line.firstIndex(of: character) }
        let bytes = line.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x80 { return line.firstIndex(of: character) }
            if byte == ascii {
                let next = bytes.index(after: index)
                if next != bytes.endIndex, bytes[next] >= 0x80 { return line.firstIndex(of: character) }
                return index
            }
            bytes.formIndex(after: &index)
        }
        return nil
    }

    /// Splitting at `\n` bytes is splitting at newline `Character`s when the text holds no other newline
    /// (`\r`, vertical tab, form feed, U+0085, U+2028, U+2029): `\n` always stands alone as a `Character`.
    /// Any byte of those (0x85, 0xA8, 0xA9 only appear inside multi-byte scalars) sends the text the slow way.
    private static func lines(_ text: String, omittingEmpty: Bool) -> [Substring] {
        let bytes = text.utf8
        let plain = !bytes.contains { byte in
            byte == 0x0B || byte == 0x0C || byte == 0x0D || byte == 0x85 || byte == 0xA8 || byte == 0xA9
        }
        guard plain else {
            return text.split(omittingEmptySubsequences: omittingEmpty, whereSeparator: \.isNewline)
        }
        var result: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                if !omittingEmpty || start != index { result.append(text[start..<index]) }
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        if !omittingEmpty || start != bytes.endIndex { result.append(text[start..<bytes.endIndex]) }
        return result
    }
}
