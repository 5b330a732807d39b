/// Parses git's raw commit format:
/// `tree <hex>`, `parent <hex>`*, `author …`, `committer …`, optional headers (`encoding`, `gpgsig` with
/// continuation lines …), a blank line, then the message.
enum CommitParser {
    /// `deferringText`: the people's names and the message are copied, not read (only the times are, which
    /// order the walk); `CommitInfo.withTextRead` reads them.
    static func parse(id: ObjectID, bytes: UnsafeRawBufferPointer, deferringText: Bool = false) throws(GitError) -> CommitInfo {
        var tree: ObjectID?
        var parents: [ObjectID] = []
        var author: Signature?
        var committer: Signature?
        var authorLine: Range<Int>?
        var committerLine: Range<Int>?
        var latin1 = false
        var index = 0
        let newline = UInt8(ascii: "\n")

        while index < bytes.count {
            let end = bytes.firstIndex(of: newline, from: index)
            if end == index { index += 1; break }  // blank line: the message follows
            if bytes.hasPrefix("tree ", at: index) {
                tree = ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[(index + 5)..<end]))
            } else if bytes.hasPrefix("parent ", at: index) {
                if let parent = ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[(index + 7)..<end])) {
                    parents.append(parent)
                }
            } else if bytes.hasPrefix("author ", at: index) {
                authorLine = (index + 7)..<end
                author = parseSignature(bytes, (index + 7)..<end, readingNames: !deferringText)
            } else if bytes.hasPrefix("committer ", at: index) {
                committerLine = (index + 10)..<end
                committer = parseSignature(bytes, (index + 10)..<end, readingNames: !deferringText)
            } else if bytes.hasPrefix("encoding ", at: index) {
                let name = bytes.string((index + 9)..<end).lowercased()
                latin1 = ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252"].contains(name)
            }
            index = end + 1
        }

        guard let tree else {
            throw GitError(operation: "read commit \(id.hex)", message: "commit has no tree line", kind: .corrupt)
        }
        let message = min(index, bytes.count)..<bytes.count
        var commit = CommitInfo(
            id: id, tree: tree, parents: parents,
            author: author ?? committer ?? unknownSignature, committer: committer ?? author ?? unknownSignature,
            summary: "", body: "", trailers: [], isShallowBoundary: false, changedPaths: nil)
        if deferringText {
            commit.unreadText = UnreadText(bytes, author: authorLine, committer: committerLine, message: message, isLatin1: latin1)
        } else {
            (commit.summary, commit.body, commit.trailers) = Self.message(bytes, message, isLatin1: latin1)
        }
        return commit
    }

    /// Who a commit without an author or committer line names.
    static let unknownSignature = Signature(name: "", email: "", time: GitTime(seconds: 0, offsetMinutes: 0))

    /// The summary, body and trailers of the message at `range`.
    static func message(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, isLatin1: Bool)
        -> (summary: String, body: String, trailers: [Trailer]) {
        let decode: (Range<Int>) -> String = isLatin1 ? bytes.latin1String : bytes.string
        let (summary, body, bodyRange) = splitMessage(bytes, range, decode: decode)
        return (summary, body, parseTrailers(bytes, body: bodyRange, decode: decode))
    }

    /// `Name <email> 1700000000 +0100`, tolerant of the malformed lines old tools wrote.
    /// `readingNames` false: the time alone, the name and email left empty (read later, from the same line).
    static func parseSignature(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, readingNames: Bool = true) -> Signature {
        var lt = range.lowerBound
        while lt < range.upperBound, bytes[lt] != UInt8(ascii: "<") { lt += 1 }
        var gt = range.upperBound - 1
        while gt > lt, bytes[gt] != UInt8(ascii: ">") { gt -= 1 }
        guard lt < range.upperBound, gt > lt else {
            return Signature(name: readingNames ? bytes.string(range) : "", email: "", time: GitTime(seconds: 0, offsetMinutes: 0))
        }
        var nameEnd = lt
        while nameEnd > range.lowerBound, bytes[nameEnd - 1] == UInt8(ascii: " ") { nameEnd -= 1 }
        let name = readingNames ? bytes.text(range.lowerBound..<nameEnd) : ""
        let email = readingNames ? bytes.text((lt + 1)..<gt) : ""

        // After '>': " <seconds> <±hhmm>"
        var cursor = gt + 1
        while cursor < range.upperBound, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        let secondsStart = cursor
        while cursor < range.upperBound, bytes[cursor] != UInt8(ascii: " ") { cursor += 1 }
        let seconds = bytes.integer(secondsStart..<cursor) ?? 0
        while cursor < range.upperBound, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        var offset: Int16 = 0
        if let zone = bytes.integer(cursor..<range.upperBound), abs(zone) < 10_000 {
            let minutes = (abs(zone) / 100) * 60 + abs(zone) % 100
            offset = Int16(zone < 0 ? -minutes : minutes)
        }
        return Signature(name: name, email: email, time: GitTime(seconds: seconds, offsetMinutes: offset))
    }

    /// The subject as `git log --format=%s` shows it (the first paragraph, lines joined by spaces) and
    /// the rest of the message. Works on byte ranges: only the final strings are decoded.
    static func splitMessage(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, decode: (Range<Int>) -> String
    ) -> (subject: String, body: String, bodyRange: Range<Int>) {
        let newline = UInt8(ascii: "\n")
        var start = range.lowerBound
        // Leading blank lines are not part of the subject.
        while start < range.upperBound, bytes[start] == newline { start += 1 }
        var lines: [Range<Int>] = []
        var cursor = start
        var subjectEnd = start
        while cursor < range.upperBound {
            let end = min(bytes.firstIndex(of: newline, from: cursor), range.upperBound)
            let line = trimmed(bytes, cursor..<end)
            if line.isEmpty { break }
            lines.append(line)
            subjectEnd = end
            cursor = end + 1
        }
        let subject: String
        switch lines.count {
        case 0: subject = ""
        case 1: subject = decode(lines[0])
        default: subject = lines.map(decode).joined(separator: " ")
        }
        var bodyStart = min(subjectEnd + 1, range.upperBound)
        while bodyStart < range.upperBound, bytes[bodyStart] == newline { bodyStart += 1 }
        return (subject, decode(bodyStart..<range.upperBound), bodyStart..<range.upperBound)
    }

    /// The range without leading and trailing spaces, tabs and carriage returns.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// Trailers are the message's last paragraph when every line of it is `Token: value` (or a
    /// continuation line starting with white space), as `git interpret-trailers` reads them. Parsed on
    /// the raw bytes: most commits have none, and this runs for every commit of the walk.
    static func parseTrailers(_ bytes: UnsafeRawBufferPointer, body range: Range<Int>, decode: (Range<Int>) -> String) -> [Trailer] {
        let newline = UInt8(ascii: "\n")
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == newline || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end > range.lowerBound else { return [] }
        // The last paragraph starts after the last blank line (or at the body's start).
        var start = end
        while start > range.lowerBound {
            if bytes[start - 1] == newline, start - 2 >= range.lowerBound, bytes[start - 2] == newline { break }
            start -= 1
        }
        var trailers: [Trailer] = []
        var lineStart = start
        while lineStart < end {
            let lineEnd = min(bytes.firstIndex(of: newline, from: lineStart), end)
            let first = bytes[lineStart]
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                guard let previous = trailers.popLast() else { return [] }
                let more = decode(trimmed(bytes, lineStart..<lineEnd))
                trailers.append(Trailer(key: previous.key, value: previous.value + " " + more))
            } else {
                var colon = lineStart
                while colon < lineEnd, Self.isTokenByte(bytes[colon]) { colon += 1 }
                guard colon > lineStart, colon < lineEnd, bytes[colon] == UInt8(ascii: ":") else { return [] }
                let key = bytes.string(lineStart..<colon)
                let value = decode(trimmed(bytes, (colon + 1)..<lineEnd))
                trailers.append(Trailer(key: key, value: value))
            }
            lineStart = lineEnd + 1
        }
        return trailers
    }

    @inline(__always)
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
