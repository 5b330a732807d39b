import Testing
@testable import CDScanKit

@Suite struct TextLayoutTests {
    @Test func wrapsWithAHangingIndentAtTheWidth() {
        let lines = TextLayout.wrap("one two three four five six", lead: "  1. ", indent: "     ", width: 16)
        #expect(lines == ["  1. one two", "     three four", "     five six"])
        #expect(lines.allSatisfy { $0.count <= 16 })
    }

    @Test func keepsAWordLongerThanTheLineWhole() {
        let lines = TextLayout.wrap("files: a/very/long/path/that/cannot/break.yml next", lead: "", indent: "  ", width: 20)
        #expect(lines == ["files:", "  a/very/long/path/that/cannot/break.yml", "  next"])
    }

    @Test func countsCharactersNotBytes() {
        let lines = TextLayout.wrap("ééééé ééééé", lead: "", indent: "", width: 11)
        #expect(lines == ["ééééé ééééé"])
    }

    @Test func colourFollowsTheChoiceNoColorAndTheTerminal() {
        #expect(TerminalStyle.wanted(.auto, isTerminal: true, environment: [:]))
        #expect(!TerminalStyle.wanted(.auto, isTerminal: false, environment: [:]))
        #expect(!TerminalStyle.wanted(.auto, isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(TerminalStyle.wanted(.auto, isTerminal: true, environment: ["NO_COLOR": ""]), "an empty NO_COLOR does not count")
        #expect(!TerminalStyle.wanted(.auto, isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(TerminalStyle.wanted(.always, isTerminal: false, environment: ["NO_COLOR": "1"]))
        #expect(!TerminalStyle.wanted(.never, isTerminal: true, environment: [:]))
    }

    @Test func plainStyleAddsNothing() {
        #expect(TerminalStyle.plain.bad("x") == "x")
        #expect(TerminalStyle(enabled: true).bad("x") == "\u{1B}[31mx\u{1B}[0m")
    }
}

@Suite struct MessageTemplatePluralTests {
    @Test func aCountOfOneTakesTheSingular() {
        #expect(String(MessageTemplate.singular(after: " commits over")) == " commit over")
        #expect(String(MessageTemplate.singular(after: " test files (x)")) == " test file (x)")
        #expect(String(MessageTemplate.singular(after: " filesystems")) == " filesystems")
        #expect(String(MessageTemplate.singular(after: "% of")) == "% of")
    }
}
