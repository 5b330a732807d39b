import YAMLReader

/// One characteristic of the model as a rule: what it is, the condition over findings that ticks it,
/// the sentences that explain the outcome, the advice, and the examples that test it.
public struct Rule: Sendable, Hashable {
    public let id: String
    public let level: Int
    public let dimension: Dimension
    public let kind: CharacteristicKind
    public let title: String
    /// How much the rule counts in its level's fit (1 = supporting; defining practices weigh more).
    public let weight: Double
    /// A defining practice of its level: the level is only reached when its defining practices are met.
    public let isDefining: Bool
    /// Nil for a characteristic that leaves no trace in a repository: always unknown unless declared.
    public let metWhen: Condition?
    /// When the rule is not met; nil means "whenever `metWhen` is false".
    public let notMetWhen: Condition?
    /// Met with practice shown in the history (not just files that exist); nil means always practised.
    public let practicedWhen: Condition?
    public let explanation: Explanation
    public let advice: String
    public let examples: [RuleExample]
    /// Named thresholds the conditions use, after any override.
    public let parameters: [String: Double]
    /// The kinds of project the characteristic fits (`applies-to:`); nil means every kind.
    public var appliesTo: Set<ProjectKind>? = nil
    public let source: RuleSourceRef

    public struct Explanation: Sendable, Hashable {
        public let met: String
        public let notMet: String
        public let unknown: String
        /// Said instead of `met` when the rule is met by files alone, without practice in the history.
        public let presenceOnly: String?
    }

    /// Every probe the rule reads, sorted: the order its evidence is listed in. Worked out once, as
    /// every scan lists the evidence of every rule.
    public let sortedProbes: [String]

    init(id: String, level: Int, dimension: Dimension, kind: CharacteristicKind, title: String, weight: Double,
         isDefining: Bool, metWhen: Condition?, notMetWhen: Condition?, practicedWhen: Condition?,
         explanation: Explanation, advice: String, examples: [RuleExample], parameters: [String: Double],
         appliesTo: Set<ProjectKind>? = nil, source: RuleSourceRef) {
        self.id = id
        self.level = level
        self.dimension = dimension
        self.kind = kind
        self.title = title
        self.weight = weight
        self.isDefining = isDefining
        self.metWhen = metWhen
        self.notMetWhen = notMetWhen
        self.practicedWhen = practicedWhen
        self.explanation = explanation
        self.advice = advice
        self.examples = examples
        self.parameters = parameters
        self.appliesTo = appliesTo
        self.source = source
        var all = Set<String>()
        for condition in [metWhen, notMetWhen, practicedWhen].compactMap({ $0 }) { all.formUnion(condition.probes) }
        sortedProbes = all.sorted()
    }
}

/// Where a rule came from: its file, the position of its id, its origin, and what it replaced.
public struct RuleSourceRef: Sendable, Hashable {
    public let file: String
    public let mark: YAMLMark?
    public let origin: RuleOrigin
    /// The origin of the built-in rule this one overrides, if it does.
    public let overrides: RuleOrigin?

    func overriding(_ origin: RuleOrigin) -> RuleSourceRef {
        RuleSourceRef(file: file, mark: mark, origin: self.origin, overrides: origin)
    }
}

/// Findings for which a rule must give a stated outcome: the rule's own test cases.
public struct RuleExample: Sendable, Hashable {
    public let name: String
    public let findings: [Finding]
    public let expected: RuleOutcome
    public let mark: YAMLMark?
}

/// What a rule concludes about one characteristic, and what the verdict made of it. A rule itself gives
/// met, not met or unknown; the last three come from outside the rule: the kind of project or the team's
/// configuration (not applicable), a suppression in `.cdscan.yml`, or `--checks`/`--skip`.
public enum RuleOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case met
    case notMet = "not-met"
    case unknown
    /// The characteristic does not fit this kind of project: never counted, never advised.
    case notApplicable = "not-applicable"
    /// The team suppressed the tick, with a reason: not counted.
    case suppressed
    /// Left out of this run with `--checks`/`--skip`: not counted.
    case skipped

    /// The outcomes a rule can give (the others are applied to its result afterwards).
    public static let ruleOutcomes: [RuleOutcome] = [.met, .notMet, .unknown]

    /// Whether the characteristic is in the assessment at all: counted in coverage and, once judged, in
    /// the shares. Not applicable, suppressed and skipped ones are out of it.
    public var isInScope: Bool {
        // A switch, not `ruleOutcomes.contains`: the best fit asks this of every member of every fit.
        switch self {
        case .met, .notMet, .unknown: return true
        case .notApplicable, .suppressed, .skipped: return false
        }
    }
}
