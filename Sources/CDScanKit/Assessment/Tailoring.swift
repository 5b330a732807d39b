/// How a team fits the verdict to its repository: the kind of project, characteristics it declares not
/// applicable, ticks and findings it suppresses (with a reason and an optional expiry), and the
/// characteristics a run judges (`--checks`, `--skip`).
public struct Tailoring: Sendable {
    public var profile: ProjectProfile
    /// Characteristic id → why it does not apply (`not-applicable:`).
    public var notApplicable: [String: String]
    public var suppressions: [Suppression]
    public var selection: CheckSelection
    /// The file the configuration came from, for the sentences.
    public var configFile: String
    /// The end of the time window: a suppression whose expiry is before it is no longer in force.
    public var asOf: Int64

    public init(profile: ProjectProfile = .unspecified, notApplicable: [String: String] = [:], suppressions: [Suppression] = [],
                selection: CheckSelection = .all, configFile: String = ScanConfig.fileName, asOf: Int64 = 0) {
        self.profile = profile
        self.notApplicable = notApplicable
        self.suppressions = suppressions
        self.selection = selection
        self.configFile = configFile
        self.asOf = asOf
    }

    public static let none = Tailoring()

    /// The findings the rules see: a suppressed finding is withdrawn (not available), with its reason.
    func apply(to findings: [Finding]) -> [Finding] {
        findings.map { finding in
            guard let suppression = suppressions.first(where: { $0.isInForce(asOf: asOf) && $0.target == .finding(finding.probe) }) else {
                return finding
            }
            return Finding.notAvailable(finding.probe, "suppressed in \(configFile): \(suppression.because)")
        }
    }

    /// Lays the tailoring over the rules' results, in this order: a skipped characteristic is out of the
    /// run; one the team declares not applicable is out; a declared answer stands; one that does not fit
    /// the kind of project is out unless the repository shows it (evidence beats the inferred kind); a
    /// suppressed tick is out.
    func apply(to results: [CharacteristicResult]) -> [CharacteristicResult] {
        results.map { result in
            let id = result.rule.id
            if !selection.includes(id) {
                return result.overridden(.skipped, source: .commandLine,
                                         explanation: "Skipped in this run (\(selection.description)); the levels are computed without it.")
            }
            if let because = notApplicable[id] {
                return result.overridden(.notApplicable, source: .configuration,
                                         explanation: "Not applicable, as \(configFile) says: \(because)")
            }
            if result.source == .declared { return result }
            if !profile.fits(result.rule) {
                let kinds = (result.rule.appliesTo ?? []).sorted().map(\.title)
                let fits = kinds.count <= 1 ? (kinds.first ?? "") : kinds.dropLast().joined(separator: ", ") + " or " + kinds.last!
                let how = profile.source == .configured ? "as \(configFile) says" : "as inferred"
                let because = "Not applicable: the repository holds \(profile.summary) (\(how)); this characteristic only fits \(fits)"
                if result.outcome != .met {
                    return result.overridden(.notApplicable, source: .projectKind, explanation: because + ".")
                }
                // Evidence beats the inferred kind, but not evidence the project ships to its users.
                if let shipped = shippedEvidence(result) {
                    return result.overridden(.notApplicable, source: .projectKind,
                        explanation: because + ", and what it shows is content it ships or documents (\(shipped)).")
                }
            }
            if result.outcome == .met, let suppression = suppression(for: id) {
                let until = suppression.expires.map { " until \($0)" } ?? ""
                return result.overridden(.suppressed, source: .configuration,
                    explanation: "Suppressed in \(configFile)\(until): \(suppression.because) (detected: \(result.explanation))")
            }
            return result
        }
    }

    /// The evidence of a met result when every file it names is shipped content (docs, examples, tests, a
    /// mixin, published charts): a few of those paths; nil when some file is the project's own, or none is named.
    func shippedEvidence(_ result: CharacteristicResult) -> String? {
        let paths = result.evidence.compactMap(\.path)
        guard !paths.isEmpty, paths.allSatisfy(profile.isShipped) else { return nil }
        return EvidenceItem.describe(Array(Set(paths)).sorted())
    }

    func suppression(for id: String) -> Suppression? {
        suppressions.first { $0.isInForce(asOf: asOf) && $0.matchesCharacteristic(id) }
    }

    /// Every suppression with what became of it: in force and used, in force but matching nothing, or
    /// expired.
    func statuses(results: [CharacteristicResult], findings: [Finding]) -> [SuppressionStatus] {
        suppressions.map { suppression in
            guard suppression.isInForce(asOf: asOf) else { return SuppressionStatus(suppression: suppression, state: .expired, matched: []) }
            let matched: [String]
            switch suppression.target {
            case .characteristic:
                matched = results.filter { $0.outcome == .suppressed && self.suppression(for: $0.rule.id) == suppression }.map(\.rule.id)
            case .finding(let probe):
                matched = findings.contains { $0.probe == probe } ? [probe] : []
            }
            return SuppressionStatus(suppression: suppression, state: matched.isEmpty ? .unused : .inForce, matched: matched)
        }
    }
}

/// One `suppress:` entry of `.cdscan.yml`.
public struct Suppression: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A characteristic id, or a glob over ids (`L4.*`).
        case characteristic(String)
        /// A probe's finding, by probe name.
        case finding(String)
    }

    public let target: Target
    public let because: String
    /// `YYYY-MM-DD`, as written.
    public let expires: String?
    /// The end of the expiry day (UTC), in seconds since the epoch.
    public let expiresAt: Int64?
    public let line: Int?

    public init(target: Target, because: String, expires: String?, expiresAt: Int64?, line: Int?) {
        self.target = target
        self.because = because
        self.expires = expires
        self.expiresAt = expiresAt
        self.line = line
    }

    public func isInForce(asOf: Int64) -> Bool { expiresAt.map { asOf < $0 } ?? true }

    func matchesCharacteristic(_ id: String) -> Bool {
        guard case .characteristic(let pattern) = target else { return false }
        return IdGlob.matches(pattern, id)
    }

    /// `characteristic L4.*` / `finding hasFeatureFlags`.
    public var targetDescription: String {
        switch target {
        case .characteristic(let id): return "characteristic \(id)"
        case .finding(let probe): return "finding \(probe)"
        }
    }
}

/// What became of a suppression in one scan.
public struct SuppressionStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        /// In force, and it suppressed something.
        case inForce = "in-force"
        /// In force, but nothing it names was ticked (or the probe gave no finding): probably stale.
        case unused
        /// Its expiry date is before the as-of time: no longer applied, and reported so.
        case expired
    }

    public let suppression: Suppression
    public let state: State
    /// The characteristics (or the probe) it suppressed.
    public let matched: [String]
}

/// Which characteristics a run judges: `--checks` (only these) and `--skip` (not these), by id or glob.
public struct CheckSelection: Sendable, Hashable {
    public let checks: [String]
    public let skip: [String]

    public init(checks: [String], skip: [String]) {
        self.checks = checks
        self.skip = skip
    }

    public static let all = CheckSelection(checks: [], skip: [])

    public var isEverything: Bool { checks.isEmpty && skip.isEmpty }

    public func includes(_ id: String) -> Bool {
        (checks.isEmpty || checks.contains { IdGlob.matches($0, id) }) && !skip.contains { IdGlob.matches($0, id) }
    }

    /// The patterns that match none of `ids`: a typo must not silently judge everything.
    public func unmatched(among ids: [String]) -> [String] {
        (checks + skip).filter { pattern in !ids.contains { IdGlob.matches(pattern, $0) } }
    }

    public var description: String {
        var parts: [String] = []
        if !checks.isEmpty { parts.append("--checks " + checks.joined(separator: ",")) }
        if !skip.isEmpty { parts.append("--skip " + skip.joined(separator: ",")) }
        return parts.joined(separator: " ")
    }
}

/// Characteristic ids matched whole by a pattern where `*` stands for any run of characters (`L4.*`,
/// `*.tech.*`). The usual star backtracking: at worst quadratic, over ids of a few dozen characters.
enum IdGlob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && p[pi] != UInt8(ascii: "*") && p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
