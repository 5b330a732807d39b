import Foundation
import Testing
@testable import CDScanKit

@Suite struct LinearRegexTests {
    /// The UTF-8 offset of the first match, as `LinearRegex` reports it.
    func start(_ pattern: String, _ text: String) throws -> Int? {
        try LinearRegex(pattern).firstMatchStart(in: text)
    }

    /// The same, by ICU (what the catalogues ran on before), with the loader's options.
    func icuStart(_ pattern: String, _ text: String) throws -> Int? {
        let expression = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range, in: text) else { return nil }
        return text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    }

    func syntaxError(_ pattern: String) -> String {
        do {
            _ = try LinearRegex(pattern)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("abc", "xxabcx", 2), ("a.c", "a\nc abc", 4), ("(?s)a.c", "a\nc", 0), ("^b", "a\nb", 2), ("^b", "ab", nil),
        ("a$", "a\r\nb", 0), ("(?-m)a$", "a\n", 0), ("(?-m)a$", "a\n\n", nil), ("(?-m)^b", "a\nb", nil),
        ("\\bcat\\b", "concat cat", 7), ("\\Bcat", "cat concat", 7), ("colou?r", "the color", 4),
        ("[^a-c]+x", "abcdx", 3), ("(?i)HeLLo", "say hello", 4), ("(?i)[a-c]x", "ZBX", 1), ("x{2,3}y", "xyxxy", 2),
        ("(a|ab)(c|bcd)d", "abcd", 0), ("(a|ab)(c|bcd)(d*)", "abcd", 0), ("\\d+\\.\\d+", "v 10.25", 2), ("\\s\\S", "ab c", 2),
        ("\\w+@", "é@ x", 0), ("HEALTHCHECK\\s+(?!NONE)", "HEALTHCHECK NONE\nHEALTHCHECK CMD x", 17),
        ("HEALTHCHECK\\s+(?!NONE)", "HEALTHCHECK  NONE", 0), ("a(?=b)", "acab", 2), ("\\Qa.b\\E", "axb a.b", 4),
        ("x*", "abc", 0), ("(x+x+)+y", "xxxxxxxx", nil), ("(a*)*b", "aaab", 0),
        ("[\\w.-]+/[\\w.-]+", "see a.b/c-d", 4), ("\\x41\\u00e9", "Aé", 0), ("a\\z", "a\n", nil), ("a\\Z", "a\n", 0),
        ("^$", "a\n\nb", 2), ("^$", "a\n", nil), ("[]a]+", "x]a", 1), ("é+", "aéé", 1), ("(?i)é", "É", 0),
    ] as [(String, String, Int?)])
    func findsTheLeftmostStart(_ pattern: String, _ text: String, _ expected: Int?) throws {
        #expect(try start(pattern, text) == expected)
        #expect(try icuStart(pattern, text) == expected, "ICU disagrees with the expectation for \(pattern)")
    }

    @Test(arguments: [
        ("(a)\\1", "backreferences"), ("(?<=a)b", "lookbehind"), ("(?>a)", "atomic groups"), ("a++", "possessive"),
        ("(?x)a", "unsupported flag 'x'"), ("[[:alpha:]]", "nested classes"), ("[a&&b]", "set operators"), ("\\p{L}", "\\p is not supported"),
        ("a{", "'{' must start a repetition"), ("a}", "unmatched '}'"), ("(a", "unmatched '('"), ("a)", "unmatched ')'"),
        ("*a", "nothing to repeat"), ("a**", "cannot follow another quantifier"), ("(?=a*)", "a lookahead may only hold"),
        ("[b-a]", "range out of order"), ("x{1001}", "above 1000"), ("a{2,1}", "the wrong way round"), ("a\\", "cannot end with"),
    ])
    func refusesWhatItCannotRunInLinearTime(_ pattern: String, _ reason: String) {
        let message = syntaxError(pattern)
        #expect(message.contains(reason), "\(pattern): \(message)")
    }

    @Test func errorsSayWhereInThePattern() {
        #expect(syntaxError("ab(?<=c)") == "lookbehind is not supported (at character 3 of the pattern)")
        #expect(syntaxError("abc\\1") == "backreferences are not supported (at character 4 of the pattern)")
    }

    @Test func capsLengthAndExpandedSize() {
        #expect(syntaxError(String(repeating: "a", count: 1_001)).contains("at most 1000"))
        #expect(syntaxError("(x{100}){100}").contains("too large once its repetitions are expanded"))
        #expect(syntaxError(String(repeating: "a", count: 1_000)) == "accepted")
    }

    @Test func hostilePatternsRunInLinearTime() throws {
        let xs = String(repeating: "x", count: 20_000)
        let began = ContinuousClock.now
        let results = [try start("(x+x+)+y", xs), try start("(.*)*(.*)*z", xs), try start("(x|xx)+$", xs + "!"), try start("(x+x+)+y", xs + "y")]
        #expect(results == [nil, nil, nil, 0])
        #expect(ContinuousClock.now - began < .seconds(5))
    }

    /// Every pattern of the built-in catalogues, run by both engines over texts made to meet them: every
    /// example of the catalogues, and the pattern's own examples varied (case, CRLF and non-ASCII lines,
    /// reversed). Offsets are compared, so a different line would show too.
    @Test func agreesWithICUOnTheBuiltInCatalogue() throws {
        let catalogue = try DetectorCatalogueLoader.load(BuiltInRules.files(under: "catalogues/"))
        var cases = catalogue.entries.flatMap { entry in
            entry.contains.map { ($0.text, (entry.matchingExamples + entry.ignoredExamples).compactMap(\.text)) }
        }
        cases += catalogue.badgeHosts.map { ($0.url.text, $0.matchingExamples + $0.ignoredExamples) }
        #expect(cases.count > 80)
        // Every other example of the whole catalogue (the whole set doubles the run time for no new shape).
        let everyExample = Array(Set(cases.flatMap(\.1))).sorted().enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let extras = ["", "\n", "HEALTHCHECK  NONE", "## Governance\n===", "x = 1 # todo:\n", "\u{2028}é\r\n"]
        var compared = 0
        for (pattern, own) in cases {
            var texts = own.map { $0.uppercased() } + own.map { $0.lowercased() } + own.map { String($0.reversed()) }
            texts += own.map { "é\u{2028}  \r\n" + $0.replacingOccurrences(of: "\n", with: "\r\n") }
            for text in everyExample + texts + extras {
                let ours = try start(pattern, text)
                let icu = try icuStart(pattern, text)
                #expect(ours == icu, "\(pattern) on \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compared > 10_000, "\(compared) comparisons")
    }
}
