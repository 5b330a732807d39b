/// The best-fit level of a set of characteristic outcomes: the level the team has reached, read the way
/// the model is built — each level's capabilities are what a team gains there, each level's deficits
/// are what holds a team there, and each level's defining practices weigh most.
///
/// A level L ≥ 2 is reached when
/// 1. level L−1 is reached,
/// 2. the team has escaped level L−1's deficits: the weighted share of L−1's judged deficits that are
///    NOT met is at least ½ (no judged deficit: nothing holds the team back). When every defining
///    practice of level L is met with practice and at least two of L−1's deficits are judged, the bar
///    is ¼: a team that practises what defines the next level is not held below it by one stray
///    deficit, only by most of them (the only deficit judged is not stray: it is all of them),
/// 3. level L's capabilities are mostly met: their weighted share is at least ½, over at least two
///    judged capabilities (or all of them, if the scope holds fewer) — one lucky tick does not make a
///    level; one whose capabilities are all unknown does not — no evidence, no level. A scope with no
///    capabilities at level L (Process has none at level 2) borrows the test from level L's
///    capabilities over every dimension, so that escaping a lower level's deficits alone never makes a
///    level, and
/// 4. level L's defining practices carry: the weighted share of its defining capabilities that are met,
///    counting unknown ones as not met, is at least ½. When every defining practice of level L in the
///    scope is not applicable (a command-line tool has no rollbacks, SLOs or monitoring of its own to
///    show at L4), level L is not reached: what defines the level cannot be shown, and the other
///    capabilities there (a mixin's dashboards) do not stand in for it.
///
/// Characteristics that are not applicable to the kind of project, suppressed or skipped are left out
/// of every share, but they never make a level easier to reach: the evidence bar of (3) still counts
/// them (two judged capabilities, or all of them), and a dimension whose capabilities at level L are all
/// not applicable stops below L — the kind of project has nothing to show there.
///
/// Shares are smoothed towards ½ (one pseudo-judgement of weight 1), so a level with one judgeable
/// characteristic cannot swing on it; defining practices weigh double; a capability met by files alone,
/// without practice in the history, earns half. Unknowns are left out of shares, never counted as misses.
/// The best fit is the highest level reached; a scope with fewer than `minimumJudged` judged
/// characteristics has no level. The overall fit pools every characteristic but never claims a level that
/// no single dimension reaches (`ceiling`): pooled evidence must not outrun every dimension.
public struct BestFit: Sendable, Hashable {
    public let level: Int?
    /// Judged characteristics over all characteristics in scope.
    public let coverage: Double
    /// How clearly the best fit passed its level and failed the next (0…1), times coverage.
    public let confidence: Double
    /// Per level, the figures behind the decision.
    public let levels: [LevelFigures]

    public struct LevelFigures: Codable, Sendable, Hashable {
        public let level: Int
        public let capabilityShare: Double?
        public let deficitEscape: Double?
        public let definingShare: Double?
        public let judged: Int
        public let total: Int
        public let reached: Bool

        /// The same figures with their shares rounded (for reports that must print the same every run).
        public func rounded(_ round: (Double) -> Double) -> LevelFigures {
            LevelFigures(level: level, capabilityShare: capabilityShare.map(round), deficitEscape: deficitEscape.map(round),
                         definingShare: definingShare.map(round), judged: judged, total: total, reached: reached)
        }
    }

    public static let threshold = 0.5
    /// The deficit-escape bar when every defining practice of the next level is met with practice.
    public static let strayDeficitThreshold = 0.25
    public static let minimumJudged = 3

    public init(results: [CharacteristicResult], dimension: Dimension? = nil, ceiling: Int? = nil) {
        self.init(members: results.map(FitMember.init), dimension: dimension, ceiling: ceiling)
    }

    /// The same from what the best fit reads of each characteristic: the verdict explanation's
    /// simulations compute hundreds of fits, and filtering whole results (rules with their texts) for
    /// each costs far more than the arithmetic.
    init(members: [FitMember], dimension: Dimension? = nil, ceiling: Int? = nil) {
        // Not applicable, suppressed and skipped characteristics are not part of the assessment at all.
        let outOfScope = members.filter { !$0.outcome.isInScope && (dimension == nil || $0.dimension == dimension) }
        let results = members.filter(\.outcome.isInScope)
        let scoped = results.filter { dimension == nil || $0.dimension == dimension }
        let judgedCount = scoped.filter { $0.outcome != .unknown }.count
        let coverage = scoped.isEmpty ? 0 : Double(judgedCount) / Double(scoped.count)
        self.coverage = coverage

        var figures: [LevelFigures] = []
        var reachedSoFar = true
        var previousEscape: Double?
        var previousJudgedDeficits = 0
        for level in MaturityLevel.all {
            let here = scoped.filter { $0.level == level }
            let capabilities = here.filter { $0.kind == .capability }
            let deficits = here.filter { $0.kind == .deficit }
            let leftOut = outOfScope.filter { $0.level == level && $0.kind == .capability }.count
            let capabilityShare = Self.share(capabilities) { Self.credit($0) }
            let deficitEscape = Self.share(deficits) { $0.outcome == .notMet ? 1 : 0 }
            let defining = capabilities.filter(\.isDefining)
            let definingShare: Double? = defining.isEmpty ? nil
                : defining.reduce(0) { $0 + Self.weight($1) * Self.credit($1) } / defining.reduce(0) { $0 + Self.weight($1) }
            let definingNotApplicable = defining.isEmpty && outOfScope.contains { Self.isDefiningNotApplicable($0, at: level) }
            var reached = level == 1
            if level > 1 {
                // One deficit among several can be stray; the only deficit judged is all of them.
                let practisesDefining = definingShare == 1 && previousJudgedDeficits >= 2
                let bar = practisesDefining ? Self.strayDeficitThreshold : Self.threshold
                let escaped = (previousEscape ?? 1) >= bar
                let capable: Bool
                if capabilities.isEmpty {
                    capable = leftOut == 0 && Self.pooledCapable(results.filter { $0.level == level })
                } else {
                    capable = Self.capable(capabilities, share: capabilityShare, leftOut: leftOut)
                }
                let carried = (definingShare ?? 1) >= Self.threshold && !definingNotApplicable
                reached = reachedSoFar && escaped && capable && carried
            }
            reachedSoFar = reached
            previousEscape = deficitEscape
            previousJudgedDeficits = deficits.filter { $0.outcome != .unknown }.count
            figures.append(LevelFigures(
                level: level, capabilityShare: capabilityShare, deficitEscape: deficitEscape, definingShare: definingShare,
                judged: here.filter { $0.outcome != .unknown }.count, total: here.count, reached: reached))
        }
        levels = figures
        let best = judgedCount >= Self.minimumJudged
            ? figures.last(where: { $0.reached && $0.level <= (ceiling ?? 5) })?.level : nil
        level = best
        confidence = best.map { Self.clarity(of: $0, figures: figures) * coverage } ?? 0
    }

    /// Whether `member` is a defining practice of `level` that does not apply (to the kind of project, or
    /// by the team's word).
    static func isDefiningNotApplicable(_ member: FitMember, at level: Int) -> Bool {
        member.level == level && member.kind == .capability && member.isDefining && member.outcome == .notApplicable
    }

    /// Whether capabilities are mostly met: a share of at least ½ over at least two judged ones (or all,
    /// when fewer are in scope; `leftOut` ones, not applicable or skipped, still count towards that bar).
    static func capable(_ capabilities: [CharacteristicResult], share: Double?, leftOut: Int = 0) -> Bool {
        capable(capabilities.map(FitMember.init), share: share, leftOut: leftOut)
    }

    static func capable(_ capabilities: [FitMember], share: Double?, leftOut: Int = 0) -> Bool {
        let judged = capabilities.filter { $0.outcome != .unknown }.count
        guard let share, judged >= min(2, capabilities.count + leftOut) else { return false }
        return share >= threshold
    }

    /// The capability test of one level over every dimension, for a scope that has no capabilities at it.
    static func pooledCapable(_ level: [CharacteristicResult]) -> Bool {
        pooledCapable(level.map(FitMember.init))
    }

    static func pooledCapable(_ level: [FitMember]) -> Bool {
        let capabilities = level.filter { $0.kind == .capability }
        guard !capabilities.isEmpty else { return true }
        let defining = capabilities.filter(\.isDefining)
        let definingShare = defining.isEmpty ? 1
            : defining.reduce(0) { $0 + weight($1) * credit($1) } / defining.reduce(0) { $0 + weight($1) }
        return capable(capabilities, share: share(capabilities) { credit($0) }) && definingShare >= threshold
    }

    /// 0 for a member left unknown; otherwise its credit: 1 met with practice, ½ met by files alone, 0 not met.
    static func credit(_ result: CharacteristicResult) -> Double {
        credit(FitMember(result))
    }

    static func credit(_ member: FitMember) -> Double {
        guard member.outcome == .met else { return 0 }
        return member.practiced ? 1 : 0.5
    }

    static func weight(_ member: FitMember) -> Double {
        member.weight * (member.isDefining ? 2 : 1)
    }

    /// Smoothed weighted share over the judged members; nil when none is judged.
    static func share(_ members: [FitMember], _ value: (FitMember) -> Double) -> Double? {
        let judged = members.filter { $0.outcome != .unknown }
        guard !judged.isEmpty else { return nil }
        let total = judged.reduce(0) { $0 + weight($1) }
        let gained = judged.reduce(0) { $0 + weight($1) * value($1) }
        return (gained + 0.5) / (total + 1)
    }

    /// How far the best fit's own tests passed and the next level's failed, each as 0…1 (twice the
    /// distance from the threshold, capped), averaged.
    static func clarity(of level: Int, figures: [LevelFigures]) -> Double {
        func margin(_ value: Double?) -> Double { value.map { min(1, abs($0 - threshold) * 2) } ?? 1 }
        let here = figures[level - 1]
        let below = figures.indices.contains(level - 2) ? figures[level - 2] : nil
        let passed = level == 1 ? 1 : [margin(here.capabilityShare), margin(below?.deficitEscape), margin(here.definingShare)].min()!
        guard level < 5 else { return passed }
        let next = figures[level]
        // The next level failed on its weakest test: how clearly.
        let failures = [(next.capabilityShare, true), (here.deficitEscape, true), (next.definingShare, true)]
            .compactMap { value, _ in value.flatMap { $0 < threshold ? margin($0) : nil } }
        let failed = failures.max() ?? 0.25  // failed for want of evidence: not a clear call
        return (passed + failed) / 2
    }
}

/// What the best fit reads of one characteristic's result: plain values, cheap to copy and to change
/// (a simulated outcome), unlike the result with its rule's texts and evidence.
struct FitMember: Sendable, Hashable {
    let level: Int
    let dimension: Dimension
    let kind: CharacteristicKind
    let isDefining: Bool
    /// The rule's own weight (`BestFit.weight` doubles it for a defining practice).
    let weight: Double
    var outcome: RuleOutcome
    var practiced: Bool

    init(_ result: CharacteristicResult) {
        level = result.rule.level
        dimension = result.rule.dimension
        kind = result.rule.kind
        isDefining = result.rule.isDefining
        weight = result.rule.weight
        outcome = result.outcome
        practiced = result.practiced
    }
}
