/// One sentence for a best fit (overall or one dimension): where it stands, which test of the best-fit
/// algorithm stopped the next level, naming the characteristics that play that part in the figures, and
/// the single change that would lift it — found by simulation: one candidate characteristic is flipped
/// (a held deficit cleared, an unmet or unknown next-level capability met with practice), the best fit
/// recomputed with the same inputs, and the first flip that raises the level is named. Characteristics
/// that are not applicable, suppressed or skipped are out of scope: never named, never advised.
public struct VerdictExplanation: Sendable, Hashable {
    /// The dimension explained; nil for the overall fit.
    public let dimension: Dimension?
    public let level: Int?
    /// Why the fit stands where it does, and what would lift it.
    public let sentence: String
    /// The id of the one characteristic whose change alone would lift the level, if there is one.
    public let lift: String?

    /// The explanation of every fit of an assessment: overall and each dimension.
    public static func explain(results: [CharacteristicResult]) -> (overall: VerdictExplanation, dimensions: [Dimension: VerdictExplanation]) {
        var dimensions: [Dimension: VerdictExplanation] = [:]
        for dimension in Dimension.allCases { dimensions[dimension] = explain(results: results, dimension: dimension) }
        return (explain(results: results, dimension: nil), dimensions)
    }

    /// The best fit of a scope as `Assessment` computes it: a dimension alone, or the overall fit under the
    /// ceiling of its dimensions.
    static func fit(_ results: [CharacteristicResult], dimension: Dimension?) -> BestFit {
        fit(results.map(FitMember.init), dimension: dimension)
    }

    static func fit(_ members: [FitMember], dimension: Dimension?) -> BestFit {
        if let dimension { return BestFit(members: members, dimension: dimension) }
        let ceiling = Dimension.allCases.compactMap { BestFit(members: members, dimension: $0).level }.max()
        return BestFit(members: members, ceiling: ceiling)
    }

    public static func explain(results: [CharacteristicResult], dimension: Dimension?) -> VerdictExplanation {
        // The simulations change a member or two and fit again: the members are made once.
        let members = results.map(FitMember.init)
        let ids = results.map(\.rule.id)
        func fittedLevel(with changes: [Change]) -> Int? { Self.fit(apply(changes, to: members, ids: ids), dimension: dimension).level }
        let fit = Self.fit(members, dimension: dimension)
        let scopeName = dimension?.title ?? "Overall"
        let inScope = results.filter { $0.outcome.isInScope }
        let scoped = inScope.filter { dimension == nil || $0.rule.dimension == dimension }

        guard let level = fit.level else {
            let judged = scoped.filter { $0.outcome != .unknown }.count
            let missing = BestFit.minimumJudged - judged
            let sentence = "\(scopeName) has no level: too little evidence (\(judged) of \(scoped.count) characteristic\(scoped.count == 1 ? "" : "s") judged, \(BestFit.minimumJudged) needed)"
                + (missing > 0 && scoped.count >= BestFit.minimumJudged
                   ? "; judging \(missing) more (evidence in the repository, or an answer declared in .cdscan.yml) would give it one."
                   : ".")
            return VerdictExplanation(dimension: dimension, level: nil, sentence: sentence, lift: nil)
        }
        let name = "L\(level) \(MaturityLevel.name(level))"
        guard level < 5 else {
            return VerdictExplanation(dimension: dimension, level: level,
                                      sentence: "\(scopeName) stands at \(name), the top of the model.", lift: nil)
        }
        let next = level + 1
        var reasons: [String] = []
        var passed: [String] = []

        // (2) The deficits of this level that hold, when too few are escaped.
        let deficits = scoped.filter { $0.rule.level == level && $0.rule.kind == .deficit }
        let judgedDeficits = deficits.filter { $0.outcome != .unknown }
        let held = judgedDeficits.filter { $0.outcome == .met }
        let nextCapabilities = scoped.filter { $0.rule.level == next && $0.rule.kind == .capability }
        let defining = nextCapabilities.filter { $0.rule.isDefining }
        let figures = fit.levels[next - 1]
        let practisesDefining = figures.definingShare == 1 && judgedDeficits.count >= 2
        let bar = practisesDefining ? BestFit.strayDeficitThreshold : BestFit.threshold
        let escaped = (fit.levels[level - 1].deficitEscape ?? 1) >= bar
        if !escaped && !held.isEmpty {
            let noun = held.count == 1 ? "deficit" : "deficits"
            reasons.append("the L\(level) \(noun) \(list(held.map { quoted($0) })) \(held.count == 1 ? "holds" : "hold") (\(held.count) of \(judgedDeficits.count) judged L\(level) deficits)")
        }

        // (3) The next level's capabilities, mostly met over enough judged ones.
        let leftOut = results.filter { !$0.outcome.isInScope && $0.rule.level == next && $0.rule.kind == .capability
            && (dimension == nil || $0.rule.dimension == dimension) }.count
        let capable: Bool
        if nextCapabilities.isEmpty {
            capable = leftOut == 0 && BestFit.pooledCapable(inScope.filter { $0.rule.level == next })
            if leftOut > 0 {
                reasons.append("every L\(next) \(dimension?.title ?? "") capability is left out (not applicable, suppressed or skipped)"
                    .replacingOccurrences(of: "  ", with: " "))
            } else if !capable {
                reasons.append("\(scopeName) has no L\(next) capabilities and L\(next) over every dimension does not pass: \(capabilityCount(inScope.filter { $0.rule.level == next && $0.rule.kind == .capability }, level: next))")
            }
        } else {
            capable = BestFit.capable(nextCapabilities, share: figures.capabilityShare, leftOut: leftOut)
            if !capable {
                let judged = nextCapabilities.filter { $0.outcome != .unknown }.count
                let needed = min(2, nextCapabilities.count + leftOut)
                if judged < needed {
                    let others = leftOut == 0 ? "" : " (\(leftOut) more left out: not applicable, suppressed or skipped)"
                    reasons.append("too little evidence at L\(next): \(judged) of \(nextCapabilities.count) L\(next) capabilit\(nextCapabilities.count == 1 ? "y" : "ies") in scope judged\(others), \(needed) needed")
                } else {
                    reasons.append(capabilityCount(nextCapabilities, level: next))
                }
            }
        }

        // (4) The next level's defining practices carry (and can be shown at all).
        let notApplicableDefining = defining.isEmpty
            ? results.filter { $0.outcome == .notApplicable && $0.rule.level == next && $0.rule.kind == .capability
                && $0.rule.isDefining && (dimension == nil || $0.rule.dimension == dimension) }
            : []
        let carried = (figures.definingShare ?? 1) >= BestFit.threshold && notApplicableDefining.isEmpty
        if !notApplicableDefining.isEmpty {
            // Left-out characteristics are never named: the count says what is missing.
            let what = notApplicableDefining.count == 1 ? "L\(next)'s defining practice does" : "L\(next)'s \(notApplicableDefining.count) defining practices do"
            reasons.append("\(what) not apply, so L\(next) cannot be shown")
        } else if !carried {
            let short = defining.filter { BestFit.credit($0) < 1 }
            let noun = short.count == 1 ? "practice" : "practices"
            let states = short.map { "\(quoted($0)) (\(state($0)))" }
            reasons.append("L\(next)'s defining \(noun) \(list(states)) \(short.count == 1 ? "falls" : "fall") short")
        } else if !defining.isEmpty {
            passed.append(defining.allSatisfy { BestFit.credit($0) == 1 } ? "L\(next)'s defining practices are met" : "L\(next)'s defining practices carry")
        }
        if escaped && !judgedDeficits.isEmpty { passed.append("its L\(level) deficits are escaped") }

        // The overall fit never outruns every dimension.
        if reasons.isEmpty, dimension == nil, figures.reached {
            reasons.append("no dimension reaches L\(next), and the overall fit never claims a level no dimension reaches")
        }
        if reasons.isEmpty { reasons.append("L\(next) is not reached") }

        var sentence = "\(scopeName) stays at \(name): " + reasons.joined(separator: "; ")
        if !passed.isEmpty && passed.count < 3 { sentence += "; " + passed.joined(separator: ", ") }
        sentence += "."

        // The single change that lifts it, by simulation.
        let candidates = Self.candidates(scoped: scoped, inScope: inScope, level: level, dimension: dimension)
        var lift: String?
        // The first single change that lifts the level, with the level it reaches (fitted once).
        let lifting = candidates.lazy.map { ($0, fittedLevel(with: [$0])) }.first { $0.1 ?? 0 > level }
        if let (single, lifted) = lifting {
            let reached = lifted ?? next
            sentence += " \(capitalised(single.description)) would lift \(dimension == nil ? "the overall fit" : "it") to L\(reached)."
            lift = single.result.rule.id
        } else if !candidates.isEmpty {
            var applied: [Change] = []
            var lifted = false
            for candidate in candidates {
                applied.append(candidate)
                if fittedLevel(with: applied) ?? 0 > level { lifted = true; break }
            }
            if lifted {
                // Keep only the changes the lift needs: drop each one that is not needed, in turn.
                var needed = applied
                for change in applied where needed.count > 2 {
                    let without = needed.filter { $0 != change }
                    if fittedLevel(with: without) ?? 0 > level { needed = without }
                }
                sentence += " No single change lifts it to L\(next); together, \(list(needed.map(\.description))) would."
            } else {
                sentence += " No change to the characteristics judged here alone lifts it to L\(next)."
            }
        }
        return VerdictExplanation(dimension: dimension, level: level, sentence: sentence, lift: lift)
    }

    /// A change to one characteristic that the simulation tries.
    struct Change: Hashable {
        let result: CharacteristicResult
        let clearsDeficit: Bool

        var description: String {
            if clearsDeficit { return "clearing the deficit \(quoted(result))" }
            switch (result.outcome, result.practiced) {
            case (.met, false): return "practising \(quoted(result)) (now met by files alone)"
            case (.unknown, _): return "showing or declaring \(quoted(result)) (now unknown)"
            default: return "meeting \(quoted(result))"
            }
        }

        var applied: CharacteristicResult {
            CharacteristicResult(rule: result.rule, outcome: clearsDeficit ? .notMet : .met, source: result.source,
                                 practiced: !clearsDeficit, detectedOutcome: result.detectedOutcome,
                                 explanation: result.explanation, evidence: result.evidence)
        }
    }

    /// In the order of the next steps: the next level's defining practices not shown, this level's held
    /// deficits, the next level's other unmet capabilities, then the unknown ones; heavier rules first.
    static func candidates(scoped: [CharacteristicResult], inScope: [CharacteristicResult], level: Int, dimension: Dimension?) -> [Change] {
        let next = level + 1
        func ordered(_ members: [CharacteristicResult]) -> [CharacteristicResult] {
            members.sorted { ($1.rule.weight, $0.rule.id) < ($0.rule.weight, $1.rule.id) }
        }
        // A dimension with no capabilities of its own at the next level borrows that level's test from every dimension.
        let capabilityScope = scoped.contains { $0.rule.level == next && $0.rule.kind == .capability } ? scoped : inScope
        let nextCapabilities = capabilityScope.filter { $0.rule.level == next && $0.rule.kind == .capability && BestFit.credit($0) < 1 }
        let definingShort = ordered(nextCapabilities.filter { $0.rule.isDefining })
        let held = ordered(scoped.filter { $0.rule.level == level && $0.rule.kind == .deficit && $0.outcome == .met })
        let others = ordered(nextCapabilities.filter { !$0.rule.isDefining && $0.outcome != .unknown })
        let unknown = ordered(nextCapabilities.filter { !$0.rule.isDefining && $0.outcome == .unknown })
        return definingShort.map { Change(result: $0, clearsDeficit: false) }
            + held.map { Change(result: $0, clearsDeficit: true) }
            + (others + unknown).map { Change(result: $0, clearsDeficit: false) }
    }

    static func apply(_ changes: [Change], to results: [CharacteristicResult]) -> [CharacteristicResult] {
        let byId = Dictionary(changes.map { ($0.result.rule.id, $0.applied) }, uniquingKeysWith: { first, _ in first })
        return results.map { byId[$0.rule.id] ?? $0 }
    }

    /// The same on the best fit's members (`ids[i]` is member i's rule id): the first change of an id wins.
    static func apply(_ changes: [Change], to members: [FitMember], ids: [String]) -> [FitMember] {
        var changed = members
        for change in changes.reversed() {
            let applied = FitMember(change.applied)
            for index in ids.indices where ids[index] == change.result.rule.id { changed[index] = applied }
        }
        return changed
    }

    /// "2 of 5 judged L3 capabilities met (1 by files alone, which counts half)".
    static func capabilityCount(_ capabilities: [CharacteristicResult], level: Int) -> String {
        let judged = capabilities.filter { $0.outcome != .unknown }
        let met = judged.filter { $0.outcome == .met }
        let filesOnly = met.filter { !$0.practiced }.count
        let unknown = capabilities.count - judged.count
        var text = "\(met.count) of \(judged.count) judged L\(level) capabilit\(judged.count == 1 ? "y" : "ies") met"
        if filesOnly > 0 { text += " (\(filesOnly) by files alone, which count\(filesOnly == 1 ? "s" : "") half)" }
        if unknown > 0 { text += ", \(unknown) unknown" }
        return text + ": short of the half needed"
    }

    static func state(_ result: CharacteristicResult) -> String {
        switch result.outcome {
        case .met: return "met by files alone"
        case .unknown: return "unknown"
        default: return "not met"
        }
    }

    static func quoted(_ result: CharacteristicResult) -> String { "\"\(result.rule.title)\"" }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
