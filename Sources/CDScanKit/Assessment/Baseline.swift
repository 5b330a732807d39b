import Foundation

/// A previous JSON report (`scan --baseline FILE`), read leniently: only the fields a comparison needs —
/// the levels overall and per dimension, and each characteristic's id and outcome — so an older report
/// that has them works as well as a 2.0 one. Anything else in the file is ignored.
public struct Baseline: Sendable, Equatable {
    /// The commit the baseline was scanned at, when the report says.
    public let head: String?
    public let level: Int?
    /// The dimensions the baseline states (a dimension it leaves out is not compared).
    public let dimensions: [Dimension: Int?]
    /// Each characteristic's outcome, and what the rule detected when the outcome is the team's own
    /// (suppressed); outcomes this version does not know are left out.
    public let outcomes: [String: RuleOutcome]
    public let detectedOutcomes: [String: RuleOutcome]

    public init(head: String?, level: Int?, dimensions: [Dimension: Int?], outcomes: [String: RuleOutcome],
                detectedOutcomes: [String: RuleOutcome] = [:]) {
        self.head = head
        self.level = level
        self.dimensions = dimensions
        self.outcomes = outcomes
        self.detectedOutcomes = detectedOutcomes
    }

    /// A baseline report larger than this is refused rather than read into memory.
    static let sizeLimit = 256 * 1024 * 1024

    /// Reads a baseline report from a file; the error is one line naming the file.
    public static func load(path: String) throws(BaselineError) -> Baseline {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? NSNumber, size.intValue > sizeLimit {
                throw BaselineError(path: path, reason: "it is larger than \(sizeLimit / 1024 / 1024) MB")
            }
            data = try Data(contentsOf: url)
        } catch let error as BaselineError {
            throw error
        } catch {
            throw BaselineError(path: path, reason: "it cannot be read (\(SafeText.line(error.localizedDescription)))")
        }
        return try decode(data, path: path)
    }

    /// Decodes a baseline report: a cdscan JSON report with `assessment.level` and `characteristics[]`
    /// (each with `id` and `outcome`).
    public static func decode(_ data: Data, path: String) throws(BaselineError) -> Baseline {
        func fail(_ reason: String) -> BaselineError { BaselineError(path: path, reason: reason) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw fail("it is not JSON")
        }
        let notAReport = "it is not a cdscan JSON report"
        guard let report = object as? [String: Any] else { throw fail(notAReport) }
        if let tool = report["tool"] as? [String: Any], let name = tool["name"] as? String, name != "cdscan" {
            throw fail("\(notAReport) (it was written by \(SafeText.line(name)))")
        }
        guard let assessment = report["assessment"] as? [String: Any] else { throw fail("\(notAReport) (no assessment)") }
        guard assessment.keys.contains("level"), let level = Self.level(assessment["level"]) else {
            throw fail("\(notAReport) (no assessment level)")
        }
        guard let characteristics = report["characteristics"] as? [Any] else {
            throw fail("\(notAReport) (no characteristics)")
        }
        var dimensions: [Dimension: Int?] = [:]
        if let stated = assessment["dimensions"] as? [String: Any] {
            for dimension in Dimension.allCases {
                guard let fit = stated[dimension.rawValue] as? [String: Any], let value = Self.level(fit["level"]) else { continue }
                dimensions[dimension] = value
            }
        }
        var outcomes: [String: RuleOutcome] = [:]
        var detected: [String: RuleOutcome] = [:]
        for item in characteristics {
            guard let entry = item as? [String: Any], let id = entry["id"] as? String, let outcome = entry["outcome"] as? String else {
                throw fail("\(notAReport) (a characteristic without an id or outcome)")
            }
            guard let known = RuleOutcome(rawValue: outcome) else { continue }
            outcomes[id] = known
            if let raw = entry["detectedOutcome"] as? String, let value = RuleOutcome(rawValue: raw) { detected[id] = value }
        }
        let head = (report["repository"] as? [String: Any])?["head"] as? String
        return Baseline(head: head, level: level, dimensions: dimensions, outcomes: outcomes, detectedOutcomes: detected)
    }

    /// A level as the report writes it: 1–5, or `null` for no level. `.some(nil)` is "no level"; nil is
    /// "not a level at all".
    private static func level(_ value: Any?) -> Int?? {
        guard let value else { return nil }
        if value is NSNull { return .some(nil) }
        if let level = value as? Int, MaturityLevel.all.contains(level) {
            return .some(level)
        }
        return nil
    }

    /// What the rule said, through a suppression: the outcome a suppressed characteristic would have had.
    func detected(_ id: String) -> RuleOutcome? {
        guard let outcome = outcomes[id] else { return nil }
        return outcome == .suppressed ? (detectedOutcomes[id] ?? outcome) : outcome
    }
}

/// A baseline file that cannot be used: a usage error, in one line that names the file.
public struct BaselineError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "cannot use \(SafeText.line(path)) as a baseline: \(reason)" }
}

/// One way the assessment moved against the baseline.
public struct BaselineChange: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The overall best fit.
        case level
        /// A dimension's best fit (`id` is the dimension).
        case dimension
        /// A deficit that appeared or went away.
        case deficit
        /// A capability lost or newly met.
        case capability
        /// A characteristic the baseline judged that is now left out by the team (not applicable,
        /// suppressed, skipped): never counted as worse.
        case leftOut = "left-out"
    }

    public let kind: Kind
    /// The characteristic's id, or the dimension; none for the overall level.
    public let id: String?
    /// In the baseline and now: a level (`L3`, `no level`) or an outcome (`met`, `not-met` …).
    public let from: String
    public let to: String
    public let message: String

    public init(kind: Kind, id: String?, from: String, to: String, message: String) {
        self.kind = kind
        self.id = id
        self.from = from
        self.to = to
        self.message = message
    }
}

/// The assessment against a baseline: what got worse (a level or dimension that dropped, a deficit newly
/// present, a capability newly lost), what got better, and what the team left out since. Unknown counts
/// as not met for a capability that was met; a characteristic now not applicable, suppressed or skipped
/// is the team's decision, listed apart and never worse.
public struct BaselineComparison: Sendable, Equatable {
    public let baseline: Baseline
    public let regressions: [BaselineChange]
    public let improvements: [BaselineChange]
    public let leftOut: [BaselineChange]

    public init(baseline: Baseline, assessment: Assessment) {
        self.baseline = baseline
        var worse: [BaselineChange] = []
        var better: [BaselineChange] = []
        var leftOut: [BaselineChange] = []

        func shown(_ level: Int?) -> String { level.map { "L\($0)" } ?? "no level" }
        func compare(_ kind: BaselineChange.Kind, id: String?, what: String, from: Int?, to: Int?) {
            guard (from ?? 0) != (to ?? 0) else { return }
            let dropped = (to ?? 0) < (from ?? 0)
            let change = BaselineChange(kind: kind, id: id, from: shown(from), to: shown(to),
                                        message: "\(what) \(dropped ? "dropped" : "rose") from \(shown(from)) to \(shown(to))")
            if dropped { worse.append(change) } else { better.append(change) }
        }
        compare(.level, id: nil, what: "the best fit", from: baseline.level, to: assessment.overall.level)
        for dimension in Dimension.allCases {
            guard let before = baseline.dimensions[dimension] else { continue }
            compare(.dimension, id: dimension.rawValue, what: dimension.title, from: before, to: assessment.dimensions[dimension]?.level)
        }

        let judged: Set<RuleOutcome> = [.met, .notMet, .unknown]
        for result in assessment.results {
            let rule = result.rule
            guard let before = baseline.outcomes[rule.id] else { continue }
            let now = result.outcome
            let name = "\(rule.id) (\(SafeText.line(rule.title)))"
            func change(_ kind: BaselineChange.Kind, _ message: String) -> BaselineChange {
                BaselineChange(kind: kind, id: rule.id, from: before.rawValue, to: now.rawValue, message: message)
            }
            guard judged.contains(before) else { continue }
            if !judged.contains(now) {
                // Left out now: worth a line only where it hides news (a capability that was met, a deficit
                // that the rule finds now).
                let hides = rule.kind == .capability ? before == .met : (result.detectedOutcome == .met && before != .met)
                if hides { leftOut.append(change(.leftOut, "\(rule.kind.rawValue) now \(now.rawValue): \(name), \(before.rawValue) in the baseline")) }
                continue
            }
            switch rule.kind {
            case .deficit:
                if now == .met, before != .met { worse.append(change(.deficit, "deficit newly present: \(name)")) }
                if now == .notMet, before == .met { better.append(change(.deficit, "deficit gone: \(name)")) }
            case .capability:
                if before == .met, now != .met { worse.append(change(.capability, "capability lost: \(name), now \(now.rawValue)")) }
                if now == .met, before != .met { better.append(change(.capability, "capability newly met: \(name)")) }
            }
        }
        regressions = worse
        improvements = better
        self.leftOut = leftOut
    }

    public var isWorse: Bool { !regressions.isEmpty }

    /// SARIF's `baselineState` of a result: `unchanged` when the baseline had the same characteristic in
    /// the same bad state (a deficit met, a capability not met), else `new`. Suppressed results compare
    /// by what the rule detected.
    public func sarifState(_ result: CharacteristicResult) -> String {
        let bad: RuleOutcome = result.rule.kind == .deficit ? .met : .notMet
        return baseline.detected(result.rule.id) == bad ? "unchanged" : "new"
    }

    /// The baseline's commit, shortened, for a heading.
    public var shortHead: String? {
        guard let head = baseline.head, !head.isEmpty else { return nil }
        return String(SafeText.line(head).prefix(7))
    }
}
