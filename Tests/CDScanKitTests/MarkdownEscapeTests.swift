import Testing
@testable import CDScanKit

@Suite struct MarkdownEscapeTests {
    @Test func markupAndControlCharactersCannotInject() {
        #expect(AssessmentMarkdown.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(AssessmentMarkdown.escape("a|b *c* _d_ `e` [f](g) #h") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\#h")
        #expect(AssessmentMarkdown.escape("line\nbreak\u{1B}[31m") == "line break\\[31m")
    }
}
