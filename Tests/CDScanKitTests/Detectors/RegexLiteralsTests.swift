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
    ])
    func requiredTextIsFound(pattern: String, literals: [String]) {
        #expect(RegexLiterals.required(in: pattern) == literals)
    }

    @Test(arguments: ["(?i)\"canary\"\\s*:", "a|(b)", "[abc]+x", "^\\s*ab\\s"])
    func noPrefilterWhenNothingIsSurelyRequired(pattern: String) {
        #expect(RegexLiterals.required(in: pattern) == nil)
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
}
