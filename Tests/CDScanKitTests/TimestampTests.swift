import Testing
@testable import CDScanKit

@Suite struct TimestampTests {
    @Test func formatsUTCDates() {
        #expect(Timestamp.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601(1_700_000_000) == "2023-11-14T22:13:20Z")
        #expect(Timestamp.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.day(4_102_444_800) == "2100-01-01")
    }

    @Test func parsesTheAsOfForms() {
        #expect(Timestamp.parse("2023-11-14T22:13:20Z") == 1_700_000_000)
        #expect(Timestamp.parse("2023-11-14T23:13:20+01:00") == 1_700_000_000)
        #expect(Timestamp.parse("2023-11-14 22:13") == 1_699_999_980)
        #expect(Timestamp.parse("2000-02-29") == 951_868_799)
        #expect(Timestamp.parse("@1700000000") == 1_700_000_000)
    }

    @Test(arguments: ["", "yesterday", "2023-13-01", "2023-11-14T25:00", "2023-11-14T10:00+1", "2023/11/14", "2023-11-14Tx",
                         "2024-02-30", "2023-02-29", "2023-04-31", "2023-11-14T10:00+99:99", "2023-11-14T10:00+15:00"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 10_413_792_000 {  // 2300-01-01
            let text = Timestamp.iso8601(seconds)
            #expect(Timestamp.parse(text) == seconds)
            seconds += 86_400 * 7 + 3_601
        }
    }
}

@Suite struct TerminalTextTests {
    @Test func escapesControlAndBidiCharacters() {
        #expect(TerminalText.sanitize("plain ünïcode ✓") == "plain ünïcode ✓")
        #expect(TerminalText.sanitize("\u{1B}[31mred") == "\\u{1b}[31mred")
        #expect(TerminalText.sanitize("a\nb\tc") == "a\\u{a}b\\u{9}c")
        #expect(TerminalText.sanitize("evil\u{202E}txt") == "evil\\u{202e}txt")
    }
}

@Suite struct TerminalPrintableTests {
    @Test func ownColoursStayAndEverythingElseIsShown() {
        let block = "\u{1B}[1;32mL3\u{1B}[0m ok\n\tnext \u{1B}[2J \u{1B}]52;c;x\u{07} \u{9B}31m \u{2028}"
        let printed = TerminalText.printable(block, keepingColour: true)
        #expect(printed == "\u{1B}[1;32mL3\u{1B}[0m ok\n\tnext \\u{1b}[2J \\u{1b}]52;c;x\\u{7} \\u{9b}31m \\u{2028}")
        #expect(TerminalText.printable(block, keepingColour: false).hasPrefix("\\u{1b}[1;32mL3"))
    }

    @Test func plainTextIsUnchanged() {
        let text = "L3 Continuous Flow — ünïcode ✓\n\tindented\n"
        #expect(TerminalText.printable(text, keepingColour: true) == text)
    }

    @Test func aColourSequenceCutShortIsEscaped() {
        #expect(TerminalText.printable("a\u{1B}[31", keepingColour: true) == "a\\u{1b}[31")
        #expect(TerminalText.printable("\u{1B}[" + String(repeating: "1", count: 40) + "m", keepingColour: true).hasPrefix("\\u{1b}"))
    }
}
