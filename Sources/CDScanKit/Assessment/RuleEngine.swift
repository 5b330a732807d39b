/// Where a characteristic's outcome came from.
public enum OutcomeSource: String, Sendable, Hashable, Codable {
    /// Read from the repository's evidence.
    case detected
    /// Stated by the team in `.cdscan.yml`.
    case declared
    /// Not applicable to the kind of project (inferred, or `kind:` in `.cdscan.yml`).
    case projectKind = "project-kind"
    /// `not-applicable:` or `suppress:` in `.cdscan.yml`.
    case configuration
    /// `--checks` or `--skip`.
    case commandLine = "command-line"
}

/// One line of evidence behind an outcome: a finding's message and where it points.
public struct EvidenceItem: Sendable, Hashable, Codable {
    public let message: String
    public let path: String?
    public let line: Int?

    /// Evidence with one entry per distinct message, its locations together in order ("path:line").
    public static func grouped(_ items: [EvidenceItem]) -> [(message: String, locations: [String])] {
        var groups: [(message: String, locations: [String])] = []
        for item in items {
            let place = item.path.map { "\($0)\(item.line.map { ":\($0)" } ?? "")" }
            if let index = groups.firstIndex(where: { $0.message == item.message }) {
                if let place, !groups[index].locations.contains(place) { groups[index].locations.append(place) }
            } else {
                groups.append((item.message, place.map { [$0] } ?? []))
            }
        }
        return groups
    }

    /// "a:1, b:2 and 3 more": at most `limit` locations named.
    public static func describe(_ locations: [String], limit: Int = 3) -> String {
        let shown = locations.prefix(limit).joined(separator: ", ")
        return locations.count > limit ? "\(shown) and \(locations.count - limit) more" : shown
    }
}

/// A team's own answer for a characteristic the repository cannot show.
public struct DeclaredAnswer: Sendable, Hashable {
    public let outcome: RuleOutcome
    public let because: String
    public let file: String
}

/// What the rules concluded about one characteristic.
public struct CharacteristicResult: Sendable, Hashable {
    public let rule: Rule
    public let outcome: RuleOutcome
    public let source: OutcomeSource
    /// For a met rule with a `practiced-when`: whether the history shows the practice, or only files.
    public let practiced: Bool
    /// What detection alone concluded (differs from `outcome` when a declaration replaced it).
    public let detectedOutcome: RuleOutcome
    /// The sentence that explains the outcome, with the findings' values filled in.
    public let explanation: String
    public let evidence: [EvidenceItem]

    /// The same result with the verdict's own outcome (not applicable, suppressed, skipped) laid over
    /// what the rule detected, which `detectedOutcome` keeps.
    func overridden(_ outcome: RuleOutcome, source: OutcomeSource, explanation: String) -> CharacteristicResult {
        CharacteristicResult(rule: rule, outcome: outcome, source: source, practiced: false, detectedOutcome: detectedOutcome,
                             explanation: explanation, evidence: evidence)
    }
}

/// Applies the rules to a scan's findings: the characteristics' outcomes, each with its reason.
public enum RuleEngine {
    public static func evaluate(
        _ rules: RuleSet, findings: [Finding], declared: [String: DeclaredAnswer] = [:]
    ) -> [CharacteristicResult] {
        let byProbe = Dictionary(findings.map { ($0.probe, $0) }, uniquingKeysWith: { first, _ in first })
        return rules.rules.map { evaluate($0, findings: byProbe, declared: declared[$0.id]) }
    }

    public static func evaluate(_ rule: Rule, findings: [String: Finding], declared: DeclaredAnswer? = nil) -> CharacteristicResult {
        let detected = outcome(of: rule, findings)
        let practiced = detected == .met ? (rule.practicedWhen?.evaluate(findings) ?? .yes) == .yes : false
        let evidence = rule.sortedProbes.compactMap { findings[$0] }.flatMap { finding -> [EvidenceItem] in
            if finding.locations.isEmpty { return [EvidenceItem(message: finding.message, path: nil, line: nil)] }
            return finding.locations.prefix(5).map { EvidenceItem(message: finding.message, path: $0.path, line: $0.line) }
        }
        if let declared {
            return CharacteristicResult(
                rule: rule, outcome: declared.outcome, source: .declared, practiced: declared.outcome == .met,
                detectedOutcome: detected,
                explanation: "Declared \(declared.outcome.rawValue) in \(declared.file): \(declared.because)",
                evidence: [])
        }
        let template: String
        switch detected {
        case .met: template = practiced ? rule.explanation.met : (rule.explanation.presenceOnly ?? rule.explanation.met)
        case .notMet: template = rule.explanation.notMet
        case .unknown, .notApplicable, .suppressed, .skipped: template = rule.explanation.unknown
        }
        return CharacteristicResult(
            rule: rule, outcome: detected, source: .detected, practiced: practiced, detectedOutcome: detected,
            explanation: MessageTemplate.fill(template, findings: findings), evidence: evidence)
    }

    /// met when `met-when` holds; not met when `not-met-when` holds (or, without one, when `met-when`
    /// fails); unknown otherwise. A rule with only `not-met-when` can be cleared by evidence but never
    /// ticked by it; an unobservable one is always unknown.
    static func outcome(of rule: Rule, _ findings: [String: Finding]) -> RuleOutcome {
        guard let metWhen = rule.metWhen else {
            return rule.notMetWhen?.evaluate(findings) == .yes ? .notMet : .unknown
        }
        switch metWhen.evaluate(findings) {
        case .yes: return .met
        case .unknown: return rule.notMetWhen?.evaluate(findings) == .yes ? .notMet : .unknown
        case .no:
            guard let notMetWhen = rule.notMetWhen else { return .notMet }
            return notMetWhen.evaluate(findings) == .yes ? .notMet : .unknown
        }
    }
}

/// Fills `{probe.value}` (or `{probe}` for the finding's message) in a rule's sentence; `{probe.value%}`
/// shows a share (0…1) as a percentage.
enum MessageTemplate {
    static func fill(_ template: String, findings: [String: Finding]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = ASCIISearch.firstIndex(of: UInt8(ascii: "{"), in: rest),
              let close = ASCIISearch.firstIndex(of: UInt8(ascii: "}"), in: rest[open...]) {
            out += rest[..<open]
            // A brace found is a character of its own: the next byte starts the next character.
            var key = rest[rest.utf8.index(after: open)..<close]
            let percent = key.hasSuffix("%")
            if percent { key = key.dropLast() }
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            var filled = "?"
            if let finding = findings[parts.first ?? ""] {
                if parts.count == 2 {
                    filled = finding.values[parts[1]].map { describe($0, percent: percent) } ?? "?"
                } else {
                    filled = finding.message
                }
            }
            out += filled
            rest = rest[rest.utf8.index(after: close)...]
            if filled == "1" { rest = singular(after: rest) }
        }
        return out + rest
    }

    /// Nouns the rules count, plural → singular: "1 commits over 1 days" reads "1 commit over 1 day".
    static let singulars: [String: String] = [
        "commits": "commit", "days": "day", "weeks": "week", "months": "month", "hours": "hour",
        "files": "file", "test files": "test file", "authors": "author", "owners": "owner",
        "releases": "release", "tagged releases": "tagged release", "tags": "tag", "pipelines": "pipeline",
        "jobs": "job", "environments": "environment", "repositories": "repository",
    ]

    /// `singulars`, the longest plural first ("test files" before "files"), sorted once.
    static let singularsLongestFirst = singulars.sorted { $0.key.count > $1.key.count }

    /// The text after a count of 1, with its noun made singular when it is one of `singulars`.
    static func singular(after text: Substring) -> Substring {
        guard text.hasPrefix(" ") else { return text }
        for (plural, singular) in singularsLongestFirst where text.dropFirst().hasPrefix(plural) {
            let end = text.index(text.startIndex, offsetBy: plural.count + 1)
            if end < text.endIndex, text[end].isLetter { continue }  // "filesystems" is not "files"
            return Substring(" " + singular) + text[end...]
        }
        return text
    }

    private static func describe(_ value: FindingValue, percent: Bool) -> String {
        if percent, let number = value.number { return "\(Int((number * 100).rounded()))%" }
        switch value {
        case .list(let items) where items.isEmpty: return "none"
        case .list(let items) where items.count > 5: return items.prefix(5).joined(separator: ", ") + " and \(items.count - 5) more"
        default: return value.description
        }
    }
}
