import GitAccess

/// Which characteristics become SARIF results (`--sarif-scope`).
public enum SarifScope: String, Sendable, CaseIterable {
    /// The deficits present, and the unmet capabilities of the level above the overall best fit: what
    /// holds the team where it is and what the next level needs.
    case next
    /// The deficits present, and every capability that is not met, at any level.
    case all
}

/// The scan result as a SARIF 2.1.0 log for GitHub code scanning (or any SARIF viewer): one rule per
/// characteristic, one result per characteristic that needs work, each anchored to a real file of the
/// HEAD tree. Built from the assessment alone, so the same commit and rules give the same log.
///
/// What becomes a result: a deficit that is met (bad news at any level), and a capability whose outcome
/// is not met — of the next level (the overall best fit plus one, as for the next steps) by default, of
/// any level with `.all`. Unknown outcomes are never results: the repository could not tell, and an
/// alert would only be noise. A capability met by files alone is met, not a result.
public struct SarifReport: Sendable {
    /// code scanning's category: an upload replaces the alerts of earlier uploads in the same category.
    public static let category = "cdscan/cd-maturity/"
    /// The key of cdscan's own entry in `partialFingerprints` (versioned, as SARIF asks).
    public static let fingerprintKey = "cdscanCharacteristic/v1"
    public static let sourceRoot = "%SRCROOT%"
    /// Related locations kept per result (code scanning shows few; the rest are in the JSON report).
    static let relatedLimit = 10

    public let result: ScanResult
    public let scope: SarifScope
    public let toolVersion: String
    /// With `scan --baseline FILE`: each result then carries its `baselineState`.
    public var baseline: BaselineComparison? = nil

    public init(_ result: ScanResult, scope: SarifScope = .next, toolVersion: String) {
        self.result = result
        self.scope = scope
        self.toolVersion = toolVersion
    }

    /// One characteristic that needs work, anchored and fingerprinted: a SARIF result, or a Code Quality
    /// issue for GitLab.
    struct Item {
        let characteristic: CharacteristicResult
        let reason: Reason
        let ruleIndex: Int
        let anchored: SarifAnchors.Anchored
        let message: String
        let fingerprint: String
    }

    /// The characteristics that become results, in the grid's order.
    func items() -> [Item] {
        let assessment = result.assessment
        let ruleIndex = Dictionary(result.rules.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let anchors = SarifAnchors(tree: result.evidence.snapshot.tree, ciFiles: result.evidence.files.pipelines.files)
        let nextLevel = Self.nextLevel(after: assessment.overall.level)
        return assessment.results.compactMap { characteristic in
            guard let reason = Self.reason(characteristic, nextLevel: nextLevel, scope: scope),
                  let index = ruleIndex[characteristic.rule.id],
                  let anchored = anchors.anchor(evidence(characteristic))
            else { return nil }
            return Item(characteristic: characteristic, reason: reason, ruleIndex: index, anchored: anchored,
                        message: Self.message(characteristic, reason: reason),
                        fingerprint: Self.fingerprint(ruleId: characteristic.rule.id, path: anchored.primary.path))
        }
    }

    public func log() -> SarifLog {
        let assessment = result.assessment
        let snapshot = result.evidence.snapshot
        let rules = result.rules.rules
        let nextLevel = Self.nextLevel(after: assessment.overall.level)
        let results = items().map { item in
            var sarif = SarifResult(
                ruleId: item.characteristic.rule.id,
                ruleIndex: item.ruleIndex,
                level: Self.level(item.characteristic.rule.kind),
                message: SarifMessage(text: item.message),
                locations: [SarifLocation(id: nil, physicalLocation: item.anchored.primary.physical, message: nil)],
                relatedLocations: item.anchored.related.isEmpty ? nil : item.anchored.related.prefix(Self.relatedLimit).enumerated().map {
                    SarifLocation(id: $0.offset + 1, physicalLocation: $0.element.physical,
                                  message: SarifMessage(text: SarifText.clean($0.element.message)))
                },
                partialFingerprints: [Self.fingerprintKey: item.fingerprint],
                properties: SarifResultProperties(
                    reason: item.reason.rawValue, outcome: item.characteristic.outcome.rawValue,
                    source: item.characteristic.source.rawValue, anchor: item.anchored.fromEvidence ? "evidence" : "repository"))
            if item.characteristic.outcome == .suppressed {
                let because = assessment.suppressions.first { $0.matched.contains(item.characteristic.rule.id) }?.suppression.because ?? ""
                sarif.suppressions = [SarifSuppression(kind: "external", status: "accepted", justification: SarifText.clean(because))]
            }
            sarif.baselineState = baseline?.sarifState(item.characteristic)
            return sarif
        }

        func fit(_ best: BestFit?) -> SarifRunProperties.Fit {
            SarifRunProperties.Fit(level: best?.level, name: best?.level.map(MaturityLevel.name))
        }
        var dimensions: [String: SarifRunProperties.Fit] = [:]
        for dimension in Dimension.allCases { dimensions[dimension.rawValue] = fit(assessment.dimensions[dimension]) }

        var run = SarifRun(
            tool: SarifTool(driver: SarifToolComponent(
                name: "cdscan", version: toolVersion, semanticVersion: toolVersion, informationUri: nil,
                rules: rules.map(Self.descriptor))),
            automationDetails: SarifAutomationDetails(id: Self.category),
            originalUriBaseIds: [Self.sourceRoot: SarifArtifactLocation(
                description: SarifMessage(text: "The root of the scanned repository's HEAD tree: every path is relative to it."))],
            results: results,
            properties: SarifRunProperties(
                head: snapshot.head.commit.hex, scope: scope.rawValue, nextLevel: nextLevel,
                bestFit: fit(assessment.overall), dimensions: dimensions, rulesDigest: result.rules.digest,
                dormancy: result.dormancy))
        let notifications = assessment.suppressions.filter { $0.state != .inForce }.map { status in
            let what = SarifText.clean(status.suppression.targetDescription)
            let text = status.state == .expired
                ? "The suppression of \(what) in .cdscan.yml expired on \(status.suppression.expires ?? "?") and is no longer applied."
                : "The suppression of \(what) in .cdscan.yml suppresses nothing: it is not ticked."
            return SarifNotification(level: status.state == .expired ? "warning" : "note", message: SarifMessage(text: text))
        }
        if !notifications.isEmpty {
            run.invocations = [SarifInvocation(executionSuccessful: true, toolConfigurationNotifications: notifications)]
        }
        return SarifLog(runs: [run])
    }

    /// The files behind an outcome: the rule's evidence, or for a declared answer the repository's own
    /// configuration file (a `--config` file outside the tree anchors nowhere, so the result is
    /// repository-wide).
    func evidence(_ characteristic: CharacteristicResult) -> [EvidenceItem] {
        guard characteristic.source == .declared else { return characteristic.evidence }
        guard let file = result.config?.file else { return [] }
        return [EvidenceItem(message: "Declared in \(file).", path: file, line: nil)]
    }

    // MARK: Rules

    /// A deficit that is present is a `warning`: it is what holds the team at its level, the thing to fix
    /// first. An unmet capability is a `note`: a practice still to adopt, advice rather than a fault.
    /// Neither is an `error`: a maturity gap should not read as a broken build (the policy options
    /// `--fail-under` are the way to gate CI on the level).
    static func level(_ kind: CharacteristicKind) -> SarifLevel {
        kind == .deficit ? .warning : .note
    }

    static func descriptor(_ rule: Rule) -> SarifReportingDescriptor {
        let levelName = MaturityLevel.name(rule.level)
        let kindText = rule.kind == .deficit ? "deficit" : (rule.isDefining ? "capability, a defining practice of its level" : "capability")
        let when = rule.kind == .deficit
            ? "Reported when the repository shows this deficit: it holds a team at level \(rule.level)."
            : "Reported when the repository does not show this practice and level \(rule.level) is the next level to reach (every level with --sarif-scope all)."
        let title = SarifText.clean(rule.title)
        let advice = SarifText.clean(rule.advice)
        let summary = "Level \(rule.level) \(levelName), \(rule.dimension.title), \(kindText): \(title)."
        var tags = ["cd-maturity", "L\(rule.level)", rule.dimension.rawValue, rule.kind.rawValue]
        if rule.isDefining { tags.append("defining-practice") }
        let markdown = [
            "**\(AssessmentMarkdown.escape(title))** (L\(rule.level) \(levelName) · \(rule.dimension.title) · \(kindText))",
            "",
            AssessmentMarkdown.escape(advice),
            "",
            AssessmentMarkdown.escape(when) + " Run cdscan explain \(AssessmentMarkdown.escape(rule.id)) to see what the rule checks and what it found.",
        ].joined(separator: "\n")
        return SarifReportingDescriptor(
            id: rule.id,
            name: Self.name(rule.id),
            shortDescription: SarifMessage(text: title),
            fullDescription: SarifMessage(text: "\(summary) \(when)"),
            help: SarifMessage(text: "\(title): \(advice)", markdown: markdown),
            defaultConfiguration: SarifReportingConfiguration(level: level(rule.kind)),
            properties: SarifRuleProperties(
                tags: tags, level: rule.level, levelName: levelName, dimension: rule.dimension.rawValue,
                kind: rule.kind.rawValue, defining: rule.isDefining))
    }

    /// SARIF's rule `name` is an identifier for people: the id's last part in UpperCamelCase
    /// (`L3.tech.infrastructure-as-code` → `InfrastructureAsCode`).
    static func name(_ id: String) -> String {
        let slug = id.split(separator: ".").last.map(String.init) ?? id
        let words = slug.split { !$0.isLetter && !$0.isNumber }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.isEmpty ? id : name
    }

    // MARK: Results

    public enum Reason: String, Sendable {
        case deficitPresent = "deficit-present"
        case nextLevel = "next-level"
        case notMet = "not-met"
    }

    /// The level above the best fit (level 2 when there is no level yet, as the next steps count); nil
    /// at level 5.
    static func nextLevel(after level: Int?) -> Int? {
        let next = (level ?? 1) + 1
        return MaturityLevel.all.contains(next) ? next : nil
    }

    /// A suppressed characteristic is still a result (marked suppressed), so the alert it had is dismissed
    /// rather than silently closed; not applicable and skipped ones never are.
    static func reason(_ characteristic: CharacteristicResult, nextLevel: Int?, scope: SarifScope) -> Reason? {
        let outcome = characteristic.outcome == .suppressed ? characteristic.detectedOutcome : characteristic.outcome
        switch (characteristic.rule.kind, outcome) {
        case (.deficit, .met):
            return .deficitPresent
        case (.capability, .notMet):
            if characteristic.rule.level == nextLevel { return .nextLevel }
            return scope == .all ? .notMet : nil
        default:
            return nil
        }
    }

    /// What was found and what to do: the rule's explanation (with the repository's figures) and its advice.
    static func message(_ characteristic: CharacteristicResult, reason: Reason) -> String {
        let rule = characteristic.rule
        let title = SarifText.clean(rule.title)
        let place = "L\(rule.level) \(MaturityLevel.name(rule.level)), \(rule.dimension.title)"
        let head: String
        switch reason {
        case .deficitPresent:
            head = "Deficit present: \(title) (\(place))."
        case .nextLevel:
            head = "Not met: \(title), \(rule.isDefining ? "a defining practice" : "a capability") of the next level (\(place))."
        case .notMet:
            head = "Not met: \(title) (\(place))."
        }
        return "\(head) \(SarifText.clean(characteristic.explanation)) What to do: \(SarifText.clean(rule.advice))"
    }

    /// The same characteristic anchored on the same file has the same fingerprint on every run and every
    /// commit, so code scanning keeps tracking one alert. The line is left out on purpose: editing a
    /// workflow above the evidence moves it, and that must not close the alert and open another.
    static func fingerprint(ruleId: String, path: String) -> String {
        FNV1a.hex(["cdscan", ruleId, path])
    }
}

/// Plain text that is safe in any SARIF viewer: one line, without control or bidirectional-override
/// characters (`SafeText.line`); JSON encoding escapes the rest.
enum SarifText {
    static func clean(_ text: String) -> String { SafeText.line(text) }
}
