/// Byte questions the glob code asks of a pattern's text, answered over its contiguous UTF-8 when it has
/// one (a native string always does): walking `String.UTF8View` generically costs several times more.
enum GlobText {
    /// Whether every byte is ASCII, so that bytes and characters are the same thing.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
            ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func contains(_ text: String, byte: UInt8) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains(byte) } ?? text.utf8.contains(byte)
    }
}
