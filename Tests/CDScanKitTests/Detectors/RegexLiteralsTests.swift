import Foundation
import Testing
@testable import CDScanKit

@Suite struct RegexLiteralsTests {
    @Test(arguments: [
        ("^\\s*\"?readinessProbe\"?\\s*:", ["readinessProbe"]),
        ("release-please-action|googleapis/release-please", ["release-please-action", "googleapis/release-please"]),
        ("CodeDeployDefault\\.[A-Za-z]*(Canary|Linear)", ["CodeDeployDefault."]),
        ("^\\s*\"?kind\"?\\s*:\\s*\"?PodDisruptionBudget", ["PodDisruptionBudget"]),
        ("^\\s*HEALTHCHECK\\s+(?!NONE)", ["HEALTHCHECK"]),
        ("colou?r: blue", ["r: blue"]),
        ("^\\s*FROM\\s", ["FROM"]),
        ("(-t\\s|--tag[= ])[^\\n]*:\\$\\{?\\{?\\s*(github\\.sha|GITHUB_SHA)\\b", [":$"]),
        ("^\\s*ab\\s", ["ab"]),
    ])
    func requiredTextIsFound(pattern: String, literals: [String]) {
        #expect(RegexLiterals.required(in: pattern) == literals)
    }

    @Test(arguments: ["(?i)\"canary\"\\s*:", "a|(b)", "[abc]+x", "^\\s*a\\s"])
    func noPrefilterWhenNothingIsSurelyRequired(pattern: String) {
        #expect(RegexLiterals.required(in: pattern) == nil)
    }

    @Test func aLeadingCaseInsensitiveFlagGivesLowerCasedLiterals() {
        #expect(RegexLiterals.prefilter(for: "(?i)\\bnotari[sz]e\\b")?.literals == ["notari"])
        #expect(RegexLiterals.prefilter(for: "(?i)\\bnotari[sz]e\\b")?.ignoringCase == true)
        #expect(RegexLiterals.prefilter(for: "(?i)azureSignTool|azure/trusted")?.literals == ["azuresigntool", "azure/trusted"])
        #expect(RegexLiterals.prefilter(for: "(?im)^\\W*synced from\\s")?.literals == ["synced from"])
        #expect(RegexLiterals.prefilter(for: "(?m)^\\s*FROM\\s")?.ignoringCase == false)
        #expect(RegexLiterals.prefilter(for: "(?ix)synced from") == nil)
        #expect(RegexLiterals.prefilter(for: "(?i)abc(?-i)DEF|(?i)x") == nil)
        #expect(RegexLiterals.prefilter(for: "(?i)café") == nil)
        #expect(RegexLiterals.prefilter(for: "(?i)\"canary\"\\s*:")?.literals == ["\"canary\""])
    }

    /// The prefilter only ever saves a regex run: the first matching line is the one the regex finds.
    @Test func caseInsensitivePatternsFindTheSameLines() throws {
        let cases: [(String, String, Int?)] = [
            ("(?i)^\\W*(this file is )?synced from\\s+\\S+", "a\n# This file is SYNCED FROM org/repo\n", 2),
            ("(?i)^\\W*(this file is )?synced from\\s+\\S+", "a\nsynced\nfrom x\n", nil),
            ("(?i)\\bnotari[sz]e\\b", "run: xcrun NotariZe app", 1),
            ("(?i)\\bnotari[sz]e\\b", "nothing here", nil),
            ("(?i)kelvin", "x\n\u{212A}elvin", 2),
            ("(?i)sync", "\u{17F}ync", 1),
        ]
        for (pattern, text, line) in cases {
            #expect(try ContentRegex(pattern).firstMatchLine(in: text) == line, "\(pattern) in \(text.debugDescription)")
        }
    }
}

@Suite struct ByteSearchTests {
    @Test func findsWhatStringContainsFinds() {
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nnamé: ✓\n"
        for needle in ["kind: Rollout", "argoproj", "namé", "✓\n", "Rollouts", "kind:  Rollout"] {
            #expect(ByteSearch.contains(text, needle) == text.contains(needle), "\(needle)")
        }
        #expect(!ByteSearch.contains("ab", "abc"))
        #expect(ByteSearch.contains("ab", ""))
    }

    static func naive(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= text.count else { return false }
        return (0...(text.count - needle.count)).contains { Array(text[$0..<($0 + needle.count)]) == needle }
    }

    @Test func foundationContainsAnswersAsFoundationDoes() {
        let texts = ["kind: Workflow\nx", "plan:", "caf\u{E9} plan:", "cafe\u{301}", "a\r\nb", ""]
        let needles = ["kind: Workflow", "plan:", "cafe", "caf\u{E9}", "a\r", "\nb", "", "x"]
        for text in texts {
            for needle in needles {
                #expect(ByteSearch.foundationContains(text, needle) == (text.range(of: needle) != nil),
                        "\(needle.debugDescription) in \(text.debugDescription)")
            }
        }
    }

    @Test func caseInsensitiveSearchFoldsASCIIAndGivesUpOnOtherText() {
        func may(_ text: String, _ needle: String) -> Bool {
            var copy = text
            return copy.withUTF8 { ByteSearch.mayContainIgnoringCase($0, Array(needle.utf8)) }
        }
        #expect(may("This File Is SYNCED from", "synced from"))
        #expect(may("xAzUrEsIgNtOoL", "azuresigntool"))
        #expect(!may("synced fro", "synced from"))
        #expect(!may("", "a"))
        #expect(!may("sync-ed", "synced"))
        #expect(may("nothing, but é", "synced"))
        #expect(may("abc", ""))
    }

    /// The search anchors on the needle's rarest byte, which may be anywhere in it.
    @Test func anchorIsTheRarestByte() {
        #expect(ByteSearch.rarestIndex(in: Array("kubectl".utf8)) == 0)
        #expect(ByteSearch.rarestIndex(in: Array("helm".utf8)) == 3)
        #expect(ByteSearch.rarestIndex(in: Array("atomic:".utf8)) == 6)
        #expect(ByteSearch.rarestIndex(in: Array("ee".utf8)) == 0)
    }

    @Test func findsWhatANaiveSearchFinds() {
        let texts = ["", "m", "helm", "overwhelm helm", "xhelmx", "hel", "the helm upgrade", "atomic: true",
                     "aaaaab", "abababc", "zzz:zzz", "a:b:c:"]
        let needles = ["m", "helm", "elm", "atomic:", "ab", "abc", "bc", "z:z", ":c:", "aab", "zzz:zzz"]
        for text in texts {
            for needle in needles {
                let expected = Self.naive(Array(text.utf8), Array(needle.utf8))
                #expect(ByteSearch.contains(text, needle) == expected, "\(needle) in \(text)")
                var copy = text
                let prepared = ByteSearch.Needle(needle)
                #expect(copy.withUTF8 { ByteSearch.contains($0, prepared) } == expected, "\(needle) in \(text), prepared")
            }
        }
    }
}
