import Foundation
import Testing
@testable import CDScanKit

/// `TextLines` stands for `Character`-wise standard calls: it must give exactly what they give, on plain
/// text (its byte path) and on text with other newlines, combining marks and Unicode spaces (its way back).
@Suite struct TextLinesTests {
    static let texts: [String] = [
        "", "\n", "\n\n", "a", "a\n", "a\nb", "a\n\nb\n", "all: x\n\ttest\n",
        "a\r\nb", "a\rb\n", "a\u{0B}b\u{0C}c", "a\u{85}b", "a\u{2028}b\u{2029}c", "é\nü\n",
        "x:\u{301} y\nz", "\t \n \u{A0}\n\u{3000}x\n",
    ]

    @Test func linesAreTheStandardSplit() {
        for text in Self.texts {
            #expect(TextLines.all(text) == text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline),
                    "\(text.debugDescription)")
            #expect(TextLines.nonEmpty(text) == text.split(whereSeparator: \.isNewline), "\(text.debugDescription)")
        }
    }

    @Test func blankIsTrimmedOfWhitespaceToNothing() {
        let lines: [Substring] = ["", " ", "\t \t", " x", "x ", "\u{A0}", " \u{2003}\t", "\u{A0}x", "é", " \u{301}", "\r"]
        for line in lines {
            #expect(TextLines.isBlank(line) == line.trimmingCharacters(in: .whitespaces).isEmpty, "\(line.debugDescription)")
        }
    }

    @Test func firstIndexIsTheFirstCharacter() {
        let lines: [Substring] = ["all: x", "no colon", ":", "a:\u{301}b:c", "é:x", "x\u{301}:y", "a=b:c", ""]
        for line in lines {
            #expect(TextLines.firstIndex(of: ":", in: line) == line.firstIndex(of: ":"), "\(line.debugDescription)")
        }
        let inner = "xx:yy:zz".dropFirst(3)
        #expect(TextLines.firstIndex(of: ":", in: inner) == inner.firstIndex(of: ":"))
    }
}
