import Testing
@testable import CDScanKit

/// The byte-by-byte readings of ASCII texts give what the scalar-by-scalar ones give.
@Suite struct ASCIIEscapeTests {
    static let samples = [
        "", "plain words", "a <b> & c | d * e _ f ` g [h] i \\ j # k",
        "tabs\tand\nnew\r\nlines", "bell\u{07}escape\u{1B}[31mdel\u{7F}end",
    ]

    @Test func markdownEscapesAnAsciiTextAsItEscapesAnyOther() {
        for text in Self.samples {
            // A trailing "é" sends the text down the scalar path, and comes out as it went in.
            #expect(AssessmentMarkdown.escape(text) + "é" == AssessmentMarkdown.escape(text + "é"), "\(text)")
        }
        #expect(AssessmentMarkdown.escape("a|b<c>\td\u{1B}") == "a\\|b&lt;c&gt; d")
    }

    @Test func safeTextLeavesPrintableAsciiAloneAndCleansTheRest() {
        #expect(SafeText.clean("plain\ttext\n") == "plain\ttext\n")
        #expect(SafeText.clean("x\r\ny\u{1B}[0m") == "x\n\ny[0m")
        #expect(SafeText.clean("del\u{7F}") == "del")
        for text in Self.samples {
            #expect(SafeText.clean(text) + "é" == SafeText.clean(text + "é"), "\(text)")
            #expect(SafeText.line(text) + "é" == SafeText.line(text + "é"), "\(text)")
        }
        #expect(SafeText.line("a\tb\nc") == "a b c")
        #expect(SafeText.line("one line") == "one line")
    }
}
