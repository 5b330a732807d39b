/// Finds an ASCII character in a text among its bytes when the text is all ASCII (each character is then
/// one byte), and among its characters otherwise, where a combining mark may make one character of the
/// byte and what follows. A character search costs thousands of instructions on a path or a template;
/// the byte search a few per byte, with the same answer.
enum ASCIISearch {
    static func firstIndex<Text: StringProtocol>(of byte: UInt8, in text: Text) -> String.Index? {
        guard let offsets = byteOffsets(of: byte, in: text) else { return text.firstIndex(of: Character(Unicode.Scalar(byte))) }
        return offsets.first.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
    }

    static func lastIndex<Text: StringProtocol>(of byte: UInt8, in text: Text) -> String.Index? {
        guard let offsets = byteOffsets(of: byte, in: text) else { return text.lastIndex(of: Character(Unicode.Scalar(byte))) }
        return offsets.last.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
    }

    /// The first and last offsets of `byte` among the text's bytes (nil each when there is none); nil when
    /// the text is not all ASCII or its bytes are not at hand.
    private static func byteOffsets<Text: StringProtocol>(of byte: UInt8, in text: Text) -> (first: Int?, last: Int?)? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> (first: Int?, last: Int?)? in
            var first: Int?
            var last: Int?
            for (offset, value) in bytes.enumerated() {
                if value >= 0x80 { return nil }
                if value == byte {
                    if first == nil { first = offset }
                    last = offset
                }
            }
            return (first, last)
        } ?? nil
    }
}
