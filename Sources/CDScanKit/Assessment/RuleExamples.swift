extension Rule {
    /// What is wrong with the rule's own examples: an example that does not give its stated outcome, or
    /// findings that satisfy both `met-when` and `not-met-when` (a contradictory rule). Empty when sound.
    public func exampleProblems() -> [String] {
        examples.compactMap { example -> String? in
            let findings = Dictionary(example.findings.map { ($0.probe, $0) }, uniquingKeysWith: { first, _ in first })
            let place = example.mark.map { "\(source.file):\($0.line):\($0.column)" } ?? source.file
            if let metWhen, let notMetWhen, metWhen.evaluate(findings) == .yes, notMetWhen.evaluate(findings) == .yes {
                return "\(place): \(id) is contradictory: the findings of example '\(example.name)' satisfy both met-when and not-met-when"
            }
            let outcome = RuleEngine.evaluate(self, findings: findings).outcome
            guard outcome != example.expected else { return nil }
            return "\(place): example '\(example.name)' of \(id) expects \(example.expected.rawValue) but gives \(outcome.rawValue)"
        }
    }
}
