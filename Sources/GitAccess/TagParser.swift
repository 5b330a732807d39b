/// Reads an annotated tag object: `object <hex>`, `type …`, `tag <name>`, `tagger …`, a blank line,
/// the message. Only what peeling and the tag listing need.
enum TagParser {
    struct Tag {
        /// The object the tag names; nil when the tag has no valid `object` line.
        let object: ObjectID?
        let tagger: Signature?
        /// The message's first line.
        let message: String
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> Tag {
        var object: ObjectID?
        var tagger: Signature?
        var index = 0
        while index < bytes.count {
            let end = bytes.firstIndex(of: UInt8(ascii: "\n"), from: index)
            if end == index { index += 1; break }
            if bytes.hasPrefix("object ", at: index), end - index == 47 {
                object = ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[(index + 7)..<end]))
            } else if bytes.hasPrefix("tagger ", at: index) {
                tagger = CommitParser.parseSignature(bytes, (index + 7)..<end)
            }
            index = end + 1
        }
        let summary = CommitParser.splitMessage(bytes, min(index, bytes.count)..<bytes.count, decode: bytes.string).subject
        return Tag(object: object, tagger: tagger, message: summary)
    }
}
