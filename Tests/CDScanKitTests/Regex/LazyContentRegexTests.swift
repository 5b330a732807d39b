import Foundation
import Testing
@testable import CDScanKit

/// A `ContentRegex` is checked when a catalogue is loaded and compiled on its first match: the check must
/// refuse exactly what compiling refuses, with the same message and position, and the first match must be
/// safe when several threads make it at once.
@Suite struct LazyContentRegexTests {
    func outcome(_ run: () throws(RegexSyntaxError) -> Void) -> String {
        do {
            try run()
            return "accepted"
        } catch {
            return "\(error.description) unsupported=\(error.isUnsupported)"
        }
    }

    static let patterns = [
        "abc", "a.c", "(?s)a.c", "^b", "(?-m)a$", "\\bcat\\b", "colou?r", "[^a-c]+x", "(?i)HeLLo", "(?i)[a-c]x", "x{2,3}y",
        "(a|ab)(c|bcd)d", "\\d+\\.\\d+", "\\s\\S", "HEALTHCHECK\\s+(?!NONE)", "a(?=b)", "\\Qa.b\\E", "x*", "(x+x+)+y",
        "[\\w.-]+/[\\w.-]+", "\\x41\\u00e9", "a\\z", "^$", "[]a]+", "é+", "(?i)é", "(?<name>a)b",
        "(a)\\1", "(?<=a)b", "(?>a)", "a++", "(?x)a", "[[:alpha:]]", "[a&&b]", "\\p{L}", "a{", "a}", "(a", "a)", "*a",
        "a**", "(?=a*)", "[b-a]", "x{1001}", "a{2,1}", "a\\", "", "ab(?<=c)", "abc\\1", "[\\d-z]", "\\Qa\\E+", "(?)", "(?i",
        String(repeating: "a", count: 1_001), String(repeating: "a", count: 1_000),
        "(x{100}){100}", "(x{100}){19}", "(x{100}){20}", "x{999}y{999}", "x{999}y{1000}", "(a|b|c){600}", "(a|b|c){285}", "(a|b|c){286}",
        "(x*){666}", "(x*){667}", "(x?){1000}", "(x{1,2}){666}", "(x{1,2}){667}", "((x{10}){10}){10}", "(\\bx){1000}", "(?:){1000}",
    ]

    @Test(arguments: patterns)
    func theCheckRefusesExactlyWhatCompilingRefuses(_ pattern: String) {
        let compiled = outcome { () throws(RegexSyntaxError) in _ = try LinearRegex(pattern) }
        let checked = outcome { () throws(RegexSyntaxError) in try LinearRegex.check(pattern) }
        #expect(checked == compiled, "\(pattern.prefix(40))")
    }

    @Test func theSizeCapIsMetAtItsEdgeBothWays() {
        // 1,999 instructions and `match` fit; one more does not.
        #expect(outcome { () throws(RegexSyntaxError) in try LinearRegex.check("x{999}y{1000}") } == "accepted")
        #expect(outcome { () throws(RegexSyntaxError) in try LinearRegex.check("x{1000}y{1000}") }.contains("too large"))
        #expect(outcome { () throws(RegexSyntaxError) in _ = try LinearRegex("x{1000}y{1000}") }.contains("too large"))
    }

    @Test func everyBuiltInPatternIsCheckedAndLeftUncompiledUntilItsFirstMatch() throws {
        let catalogue = try DetectorCatalogueLoader.load(BuiltInRules.files(under: "catalogues/"))
        let patterns = catalogue.entries.flatMap(\.contains) + catalogue.badgeHosts.map(\.url)
        #expect(patterns.count > 80)
        #expect(patterns.allSatisfy { !$0.isCompiled })
        for pattern in patterns {
            _ = pattern.firstMatchLine(in: "x")
            #expect(pattern.isCompiled)
        }
    }

    /// `LoadedCatalogues.builtIn` reads the embedded patterns unchecked (the test above compiles them all):
    /// the same patterns as a checked load, matching the same.
    @Test func theEmbeddedCataloguesReadTheSamePatternsUnchecked() throws {
        let checked = try DetectorCatalogueLoader.load(BuiltInRules.files(under: "catalogues/"))
        let embedded = try LoadedCatalogues.builtIn.detectors.get()
        let checkedPatterns = checked.entries.flatMap(\.contains) + checked.badgeHosts.map(\.url)
        let embeddedPatterns = embedded.entries.flatMap(\.contains) + embedded.badgeHosts.map(\.url)
        #expect(embeddedPatterns.map(\.text) == checkedPatterns.map(\.text))
        let texts = (checked.entries.flatMap(\.matchingExamples) + checked.entries.flatMap(\.ignoredExamples)).compactMap(\.text)
        for (one, other) in zip(embeddedPatterns, checkedPatterns) {
            for text in texts.prefix(40) {
                #expect(one.firstMatchLine(in: text) == other.firstMatchLine(in: text), "\(one.text)")
            }
        }
    }

    @Test func aBadPatternStillFailsItsCatalogueWithFileLineAndColumn() {
        func error(_ pattern: String) -> String {
            let text = "kind: detectors\nentries:\n  - id: x\n    tool: X\n    feeds: a\n    paths: [x]\n    contains: ['\(pattern)']\n"
            do {
                _ = try DetectorCatalogueLoader.load([RuleSourceFile(path: "catalogues/t.yml", text: text, origin: .pack("p"))])
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(error("(") == "catalogues/t.yml:7:16: not a valid regular expression: (")
        #expect(error("a\\1") == "catalogues/t.yml:7:16: pattern not supported: backreferences are not supported (at character 2 of the pattern): a\\1")
        #expect(error("(x{100}){100}") == "catalogues/t.yml:7:16: pattern not supported: the pattern is too large once its repetitions are expanded (over 2000 steps): (x{100}){100}")
    }

    @Test func threadsMakingTheFirstMatchAtOnceAllGetItsAnswer() throws {
        for _ in 0..<20 {
            let regex = try ContentRegex("(?i)^deploy:\\s+\\w+")
            let text = "a\nb\nDeploy:   prod\n"
            let answers = Answers()
            DispatchQueue.concurrentPerform(iterations: 16) { _ in answers.add(regex.firstMatchLine(in: text)) }
            #expect(answers.all == Array(repeating: 3, count: 16))
            #expect(regex.isCompiled)
        }
    }

    @Test func theASCIITableOfASetIsWhatItsRangesAndPropertiesSay() {
        let sets: [RegexCharacterSet] = [
            .single(65, foldsCase: false), .single(97, foldsCase: true), .single(0x212A, foldsCase: true), .dot(matchesLineTerminators: false),
            .dot(matchesLineTerminators: true), .property(.word, negated: false), .property(.word, negated: true),
            .property(.space, negated: true), .property(.digit, negated: false),
            RegexCharacterSet(ranges: [0...5, 40...70, 120...0x10FFFF], properties: [.init(property: .digit, negated: true)], negated: true, foldsCase: true),
            RegexCharacterSet(ranges: [60...100], properties: [.init(property: .space, negated: false)], negated: false, foldsCase: true),
            RegexCharacterSet(ranges: [], properties: [.init(property: .lineTerminator, negated: true)], negated: false),
        ]
        for (index, set) in sets.enumerated() {
            for scalar in 0..<UInt32(128) {
                #expect(set.contains(scalar) == set.slowContains(scalar), "set \(index), scalar \(scalar)")
            }
        }
    }
}

/// The answers of several threads, gathered under a lock.
private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [Int?] = []

    func add(_ line: Int?) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [Int?] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}
