/// The scan result as the JSON report states it: a documented, versioned shape with no wall-clock
/// fields. Keys are encoded sorted, so the same commit and rules give byte-identical output.
public struct ReportDocument: Codable, Sendable, Equatable {
    public static let schemaVersion = "2.0"

    public struct Tool: Codable, Sendable, Equatable { public let name: String; public let version: String }
    public struct Rules: Codable, Sendable, Equatable { public let digest: String; public let overrides: [String] }
    public struct Repository: Codable, Sendable, Equatable {
        public let path: String
        public let head: String
        public let branch: String?
        public let asOf: String
        public let shallow: Bool
    }
    public struct Level: Codable, Sendable, Equatable {
        public let level: Int?
        public let name: String?
        public let coverage: Double
        public let confidence: Double
        /// Why the dimension stands where it does and what single change would lift it (absent in reports
        /// written before it was added).
        public var because: String? = nil

        /// "No level" is written as `null`, not left out: a reader can tell it from an older schema.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(level, forKey: .level)
            try container.encode(name, forKey: .name)
            try container.encode(coverage, forKey: .coverage)
            try container.encode(confidence, forKey: .confidence)
            try container.encodeIfPresent(because, forKey: .because)
        }
    }
    public struct AssessmentPart: Codable, Sendable, Equatable {
        public let level: Int?
        public let name: String?
        public let dimensions: [String: Level]
        public let coverage: Double
        public let confidence: Double
        public let deficits: [String]
        /// The figures behind the overall best fit, level by level (see the README's worked example).
        public let levels: [BestFit.LevelFigures]
        /// Characteristics out of the assessment: not applicable, suppressed, skipped (`--checks`/`--skip`).
        public let notApplicable: [String]
        public let suppressed: [String]
        public let skipped: [String]
        /// Why the overall fit stands where it does and what single change would lift it (absent in
        /// reports written before it was added).
        public var because: String? = nil

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(level, forKey: .level)
            try container.encode(name, forKey: .name)
            try container.encode(dimensions, forKey: .dimensions)
            try container.encode(coverage, forKey: .coverage)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(deficits, forKey: .deficits)
            try container.encode(levels, forKey: .levels)
            try container.encode(notApplicable, forKey: .notApplicable)
            try container.encode(suppressed, forKey: .suppressed)
            try container.encode(skipped, forKey: .skipped)
            try container.encodeIfPresent(because, forKey: .because)
        }
    }
    /// The kind of project the verdict was fitted to, and why.
    public struct Project: Codable, Sendable, Equatable {
        public let kinds: [String]
        public let monorepo: Bool
        public let source: String
        public let evidence: [String]
    }
    /// A `suppress:` entry of the configuration and what became of it.
    public struct SuppressionEntry: Codable, Sendable, Equatable {
        public let target: String
        public let id: String
        public let because: String
        public let expires: String?
        public let state: String
        public let matched: [String]

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(target, forKey: .target)
            try container.encode(id, forKey: .id)
            try container.encode(because, forKey: .because)
            try container.encode(expires, forKey: .expires)
            try container.encode(state, forKey: .state)
            try container.encode(matched, forKey: .matched)
        }
    }
    public struct Evidence: Codable, Sendable, Equatable {
        public let message: String
        public let path: String?
        public let line: Int?
    }
    public struct Characteristic: Codable, Sendable, Equatable {
        public let id: String
        public let title: String
        public let level: Int
        public let dimension: String
        public let kind: String
        public let defining: Bool
        public let outcome: String
        /// What the rule concluded before the verdict's own outcomes (not applicable, suppressed, skipped).
        public let detectedOutcome: String
        public let source: String
        public let practiced: Bool
        public let explanation: String
        public let evidence: [Evidence]
        public let advice: String
    }
    public struct Step: Codable, Sendable, Equatable {
        public let id: String
        public let title: String
        public let level: Int
        public let dimension: String
        public let reason: String
        public let advice: String
    }
    /// The assessment against a previous report (`scan --baseline FILE`): present only with that option.
    public struct BaselinePart: Codable, Sendable, Equatable {
        /// The commit the baseline report was scanned at, when it says.
        public let head: String?
        public let regressions: [BaselineChange]
        public let improvements: [BaselineChange]
        public let leftOut: [BaselineChange]

        public init(_ comparison: BaselineComparison) {
            head = comparison.baseline.head.map(SafeText.line)
            regressions = comparison.regressions
            improvements = comparison.improvements
            leftOut = comparison.leftOut
        }
    }
    public struct FindingEntry: Codable, Sendable, Equatable {
        public let probe: String
        public let outcome: String
        public let message: String
        public let values: [String: FindingValue]
        public let locations: [Finding.Location]
    }

    /// What the work tree held beside HEAD: present when a scan of a checkout left uncommitted changes
    /// out, or read them (`--worktree`); absent for a clean checkout scanned as usual, a bare repository
    /// or a revision.
    public struct WorkTree: Codable, Sendable, Equatable {
        /// The most paths listed; `count` says how many there are.
        public static let listed = 100
        public let included: Bool
        public let count: Int
        /// Set when more paths changed than cdscan examines (`count` is then a lower bound).
        public let countIsLowerBound: Bool
        public let uncommitted: [WorkTreeChange]
        /// Why the work tree could not be compared with HEAD.
        public let problem: String?
    }

    public let schemaVersion: String
    public let tool: Tool
    public let rules: Rules
    public let repository: Repository
    public let project: Project
    public let assessment: AssessmentPart
    public let suppressions: [SuppressionEntry]
    public let characteristics: [Characteristic]
    public let nextSteps: [Step]
    public let findings: [FindingEntry]
    /// The history figures and the git-only delivery proxies.
    public let metrics: ReportMetrics
    /// What the snapshot holds: history figures, references, the HEAD tree.
    public let snapshot: SnapshotSummary
    public let worktree: WorkTree?
    /// Set by `scan --baseline FILE` only; left out of the report otherwise.
    public var baseline: BaselinePart? = nil
    /// Whether the repository has gone quiet (absent in reports written before it was added).
    public var dormancy: Dormancy? = nil

    public init(_ result: ScanResult, toolVersion: String) {
        let snapshot = result.evidence.snapshot
        let assessment = result.assessment
        schemaVersion = Self.schemaVersion
        tool = Tool(name: "cdscan", version: toolVersion)
        rules = Rules(digest: result.rules.digest,
                      overrides: result.rules.rules.filter { $0.source.overrides != nil }.map(\.id))
        repository = Repository(
            path: snapshot.location.workingDirectory ?? snapshot.location.gitDirectory,
            head: snapshot.head.commit.hex, branch: snapshot.head.branch,
            asOf: Timestamp.iso8601(snapshot.asOf), shallow: snapshot.isShallow)
        func level(_ fit: BestFit, because: String?) -> Level {
            Level(level: fit.level, name: fit.level.map(MaturityLevel.name), coverage: Self.round(fit.coverage),
                  confidence: Self.round(fit.confidence), because: because)
        }
        var dimensions: [String: Level] = [:]
        for (dimension, fit) in assessment.dimensions {
            dimensions[dimension.rawValue] = level(fit, because: assessment.dimensionsBecause[dimension]?.sentence)
        }
        self.assessment = AssessmentPart(
            level: assessment.overall.level, name: assessment.overall.level.map(MaturityLevel.name),
            dimensions: dimensions, coverage: Self.round(assessment.overall.coverage),
            confidence: Self.round(assessment.overall.confidence),
            deficits: assessment.deficitsPresent.map(\.rule.id),
            levels: assessment.overall.levels.map { $0.rounded(Self.round) },
            notApplicable: assessment.results(.notApplicable).map(\.rule.id),
            suppressed: assessment.results(.suppressed).map(\.rule.id),
            skipped: assessment.results(.skipped).map(\.rule.id),
            because: assessment.because.sentence)
        let profile = assessment.profile
        project = Project(kinds: profile.kinds.map(\.rawValue), monorepo: profile.isMonorepo, source: profile.source.rawValue,
                          evidence: profile.evidence)
        suppressions = assessment.suppressions.map { status in
            let (target, id): (String, String)
            switch status.suppression.target {
            case .characteristic(let pattern): (target, id) = ("characteristic", pattern)
            case .finding(let probe): (target, id) = ("finding", probe)
            }
            return SuppressionEntry(target: target, id: id, because: status.suppression.because, expires: status.suppression.expires,
                                    state: status.state.rawValue, matched: status.matched)
        }
        characteristics = assessment.results.map { result in
            Characteristic(
                id: result.rule.id, title: result.rule.title, level: result.rule.level,
                dimension: result.rule.dimension.rawValue, kind: result.rule.kind.rawValue, defining: result.rule.isDefining,
                outcome: result.outcome.rawValue, detectedOutcome: result.detectedOutcome.rawValue,
                source: result.source.rawValue, practiced: result.practiced,
                explanation: result.explanation,
                evidence: result.evidence.map { Evidence(message: $0.message, path: $0.path, line: $0.line) },
                advice: result.rule.advice)
        }
        nextSteps = assessment.nextSteps.map {
            Step(id: $0.id, title: $0.title, level: $0.level, dimension: $0.dimension.rawValue, reason: $0.reason.rawValue, advice: $0.advice)
        }
        findings = result.findings.map {
            FindingEntry(probe: $0.probe, outcome: $0.outcome.rawValue, message: $0.message, values: $0.values, locations: $0.locations)
        }
        metrics = ReportMetrics(result.evidence.history)
        dormancy = result.dormancy
        self.snapshot = SnapshotSummary(snapshot, toolVersion: toolVersion)
        worktree = result.workTree.flatMap { state in
            guard state.isWorthReporting else { return nil }
            return WorkTree(included: state.included, count: state.changes.count, countIsLowerBound: state.isTruncated,
                            uncommitted: Array(state.changes.prefix(WorkTree.listed)), problem: state.problem)
        }
    }

    /// Shares and confidences with two decimals: stable text in every run.
    public static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
