import CDScanKit

/// One repository's result in an org-wide batch: what the store keeps for each scan, what `cdscan merge`
/// joins, and what the org report reads. A repository that could not be scanned is a record too, with its
/// reason, so a batch accounts for every repository it was given.
public struct ScanRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case scanned
        case failed
    }

    /// One characteristic's outcome in this scan.
    public struct Outcome: Codable, Sendable, Equatable {
        /// `met`, `not-met` or `unknown`.
        public let outcome: String
        /// `detected` or `declared`.
        public let source: String
        /// Met with practice in the history, not by files alone.
        public let practiced: Bool
    }

    /// The stable key of the repository: its path as found (or the URL it was cloned from).
    public let repository: String
    /// The name to show: the path relative to the searched directory, or the URL's last parts.
    public let name: String
    public let status: Status
    /// Why the scan failed (one line), when it did.
    public let error: String?
    public let commit: String?
    /// The end of the time windows (ISO-8601): the HEAD commit's time unless `--as-of` said otherwise.
    public let asOf: String?
    public let toolVersion: String
    public let rulesDigest: String?
    public let level: Int?
    public let people: Int?
    public let process: Int?
    public let tech: Int?
    public let coverage: Double?
    public let confidence: Double?
    /// Every characteristic's outcome, by id.
    public let outcomes: [String: Outcome]
    /// Key figures by name (commits in 365 days, authors, bus factor, delivery proxies …).
    public let metrics: [String: Double]
    /// The whole report, for the drill-down (evidence, next steps); nil for failed scans.
    public let report: ReportDocument?

    public init(repository: String, name: String, report: ReportDocument) {
        self.repository = repository
        self.name = name
        status = .scanned
        error = nil
        commit = report.repository.head
        asOf = report.repository.asOf
        toolVersion = report.tool.version
        rulesDigest = report.rules.digest
        level = report.assessment.level
        people = report.assessment.dimensions[Dimension.people.rawValue]?.level
        process = report.assessment.dimensions[Dimension.process.rawValue]?.level
        tech = report.assessment.dimensions[Dimension.tech.rawValue]?.level
        coverage = report.assessment.coverage
        confidence = report.assessment.confidence
        var outcomes: [String: Outcome] = [:]
        for item in report.characteristics {
            outcomes[item.id] = Outcome(outcome: item.outcome, source: item.source, practiced: item.practiced)
        }
        self.outcomes = outcomes
        metrics = Self.keyMetrics(report.metrics)
        self.report = report
    }

    public init(repository: String, name: String, failure: String, toolVersion: String, commit: String? = nil) {
        self.repository = repository
        self.name = name
        status = .failed
        error = failure
        self.commit = commit
        asOf = nil
        self.toolVersion = toolVersion
        rulesDigest = nil
        level = nil
        people = nil
        process = nil
        tech = nil
        coverage = nil
        confidence = nil
        outcomes = [:]
        metrics = [:]
        report = nil
    }

    /// The same record without its report (every other field kept): what a worker process sends its
    /// parent beside the report's JSON, which the parent stores as it is instead of decoding it.
    public func withoutReport() -> ScanRecord {
        ScanRecord(copying: self)
    }

    private init(copying other: ScanRecord) {
        repository = other.repository
        name = other.name
        status = other.status
        error = other.error
        commit = other.commit
        asOf = other.asOf
        toolVersion = other.toolVersion
        rulesDigest = other.rulesDigest
        level = other.level
        people = other.people
        process = other.process
        tech = other.tech
        coverage = other.coverage
        confidence = other.confidence
        outcomes = other.outcomes
        metrics = other.metrics
        report = nil
    }

    /// The figures an org overview compares across repositories.
    static func keyMetrics(_ metrics: ReportMetrics) -> [String: Double] {
        var figures: [String: Double] = [
            "commits365": Double(metrics.activity.commits365),
            "commitsTotal": Double(metrics.activity.commitsTotal),
            "ageDays": Double(metrics.activity.ageDays),
            "authors365": Double(metrics.people.authors365),
            "busFactor": Double(metrics.people.busFactor),
            "commitsPerWeek": metrics.cadence.commitsPerWeek,
            "mergeRequestShare": metrics.collaboration.mergeRequestShare,
            "releases365": Double(metrics.releases.releases365),
            "automatedReleaseShare": metrics.releases.automatedShare,
            "revertShare": metrics.stability.revertShare,
        ]
        for proxy in metrics.deliveryProxies {
            if let value = proxy.value { figures[proxy.name] = value }
        }
        return figures
    }
}
