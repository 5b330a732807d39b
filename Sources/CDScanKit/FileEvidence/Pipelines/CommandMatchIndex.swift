/// The catalogue's command match texts indexed by their first two bytes, so a step is matched in one pass
/// over its text instead of one pass per match text (several hundred): thirty thousand steps cost
/// milliseconds, and a step of a megabyte costs one pass.
struct CommandMatchIndex: Sendable {
    private struct Needle: Sendable {
        let bytes: [UInt8]
        let command: Int
    }

    private let needles: [Needle]
    /// Needles of two bytes or more, by `first << 8 | second`.
    private let byPair: [UInt16: [Int]]
    /// Needles of one byte, by that byte.
    private let byByte: [UInt8: [Int]]
    private let commandCount: Int

    init(_ commands: [PipelineCatalogue.Command]) {
        var needles: [Needle] = []
        for (index, command) in commands.enumerated() {
            for text in command.match where !text.isEmpty { needles.append(Needle(bytes: Array(text.utf8), command: index)) }
        }
        var byPair: [UInt16: [Int]] = [:]
        var byByte: [UInt8: [Int]] = [:]
        for (index, needle) in needles.enumerated() {
            if needle.bytes.count == 1 {
                byByte[needle.bytes[0], default: []].append(index)
            } else {
                byPair[UInt16(needle.bytes[0]) << 8 | UInt16(needle.bytes[1]), default: []].append(index)
            }
        }
        self.needles = needles
        self.byPair = byPair
        self.byByte = byByte
        self.commandCount = commands.count
    }

    /// The indices of the commands with a match text in `haystack` at word edges (`StepClassifier.occurs`),
    /// in catalogue order.
    func commands(in haystack: [UInt8]) -> [Int] {
        guard !needles.isEmpty, !haystack.isEmpty else { return [] }
        var matched = [Bool](repeating: false, count: commandCount)
        func check(_ candidates: [Int], at start: Int) {
            for index in candidates {
                let needle = needles[index]
                if !matched[needle.command], Self.matches(needle.bytes, in: haystack, at: start) { matched[needle.command] = true }
            }
        }
        for start in haystack.indices {
            if let single = byByte[haystack[start]] { check(single, at: start) }
            if start + 1 < haystack.count, let candidates = byPair[UInt16(haystack[start]) << 8 | UInt16(haystack[start + 1])] {
                check(candidates, at: start)
            }
        }
        return matched.indices.filter { matched[$0] }
    }

    /// Whether `needle` stands at `start` with no letter or digit just before or after it (unless the
    /// needle itself begins or ends with something else).
    private static func matches(_ needle: [UInt8], in haystack: [UInt8], at start: Int) -> Bool {
        let end = start + needle.count
        guard end <= haystack.count else { return false }
        var offset = 0
        while offset < needle.count {
            if haystack[start + offset] != needle[offset] { return false }
            offset += 1
        }
        let before = start == 0 || !StepClassifier.isWordByte(haystack[start - 1]) || !StepClassifier.isWordByte(needle[0])
        let after = end == haystack.count || !StepClassifier.isWordByte(haystack[end]) || !StepClassifier.isWordByte(needle[needle.count - 1])
        return before && after
    }
}
