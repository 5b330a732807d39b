/// The whole judgement of one repository: every characteristic's outcome, the best-fit level overall and
/// per dimension, the deficits present, and the next steps.
public struct Assessment: Sendable {
    public let results: [CharacteristicResult]
    public let overall: BestFit
    public let dimensions: [Dimension: BestFit]
    public let nextSteps: [NextStep]
    /// Why the overall fit stands where it does and what single change would lift it.
    public let because: VerdictExplanation
    /// The same for each dimension.
    public let dimensionsBecause: [Dimension: VerdictExplanation]
    public let rulesDigest: String
    /// The kind of project the verdict was fitted to.
    public let profile: ProjectProfile
    /// Every suppression of the configuration, with what became of it.
    public let suppressions: [SuppressionStatus]
    /// What `--checks`/`--skip` chose; the levels are computed without the skipped characteristics.
    public let selection: CheckSelection

    public init(rules: RuleSet, findings: [Finding], declared: [String: DeclaredAnswer] = [:], tailoring: Tailoring = .none) {
        let seen = tailoring.apply(to: findings)
        let results = tailoring.apply(to: RuleEngine.evaluate(rules, findings: seen, declared: declared))
        self.results = results
        profile = tailoring.profile
        suppressions = tailoring.statuses(results: results, findings: findings)
        selection = tailoring.selection
        var dimensions: [Dimension: BestFit] = [:]
        let members = results.map(FitMember.init)
        for dimension in Dimension.allCases { dimensions[dimension] = BestFit(members: members, dimension: dimension) }
        self.dimensions = dimensions
        overall = BestFit(members: members, ceiling: dimensions.values.compactMap(\.level).max())
        nextSteps = NextStep.plan(results: results, level: overall.level ?? 1)
        let explained = VerdictExplanation.explain(results: results)
        because = explained.overall
        dimensionsBecause = explained.dimensions
        rulesDigest = rules.digest
    }

    /// Ticked deficits: shortcomings the repository shows, at any level.
    public var deficitsPresent: [CharacteristicResult] {
        results.filter { $0.rule.kind == .deficit && $0.outcome == .met }
    }

    public func result(_ id: String) -> CharacteristicResult? { results.first { $0.rule.id == id } }

    public func results(_ outcome: RuleOutcome) -> [CharacteristicResult] { results.filter { $0.outcome == outcome } }
}

/// One thing to do next, with the rule's advice.
public struct NextStep: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// A defining practice of the next level that is not met.
        case definingPractice = "defining-practice"
        /// A deficit of the current level that holds the team there.
        case deficit
        /// Another capability of the next level.
        case capability
        /// A capability of the next level the repository cannot show: declare it or add evidence.
        case unknown
    }

    public let id: String
    public let title: String
    public let level: Int
    public let dimension: Dimension
    public let reason: Reason
    public let advice: String

    /// In the order that helps most: the next level's defining practices not yet shown, then the current
    /// level's deficits (they hold the team back), then the next level's other unmet capabilities, then
    /// the rest it could not judge. Within each group, heavier rules first.
    static func plan(results: [CharacteristicResult], level: Int, limit: Int = 8) -> [NextStep] {
        let next = level + 1
        func steps(_ reason: Reason, _ members: [CharacteristicResult]) -> [NextStep] {
            members.sorted { ($1.rule.weight, $0.rule.id) < ($0.rule.weight, $1.rule.id) }.map {
                NextStep(id: $0.rule.id, title: $0.rule.title, level: $0.rule.level, dimension: $0.rule.dimension,
                         reason: reason, advice: $0.rule.advice)
            }
        }
        let nextCapabilities = results.filter { $0.rule.level == next && $0.rule.kind == .capability }
        let unmet = nextCapabilities.filter { $0.outcome == .notMet || ($0.outcome == .met && !$0.practiced) }
        // A defining practice the repository does not show yet counts as missing: it is what the next level needs.
        let missingDefining = nextCapabilities.filter { $0.rule.isDefining && ($0.outcome == .unknown || unmet.contains($0)) }
        let plan = steps(.definingPractice, missingDefining)
            + steps(.deficit, results.filter { $0.rule.level <= level && $0.rule.kind == .deficit && $0.outcome == .met })
            + steps(.capability, unmet.filter { !$0.rule.isDefining })
            + steps(.unknown, nextCapabilities.filter { $0.outcome == .unknown && !$0.rule.isDefining })
        return Array(plan.prefix(limit))
    }
}
