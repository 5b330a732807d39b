import CDScanKit
import CDScanStore

/// How recently the organisation's repositories moved: the range of their HEAD commit times, and how many
/// are dormant. Every repository is judged against one reference — the newest as-of among the repositories'
/// newest scans, which is `--as-of` when the batch was given one and otherwise the newest HEAD — so the
/// report is the same on any day.
public struct OrgActivity: Codable, Sendable, Equatable {
    /// The newest as-of among the scanned repositories (ISO-8601); null when none was scanned.
    public let reference: String?
    public let thresholdDays: Int
    /// Scanned repositories whose last commit is at least `thresholdDays` days before `reference`.
    public let dormant: Int
    /// The oldest and newest last commit (HEAD) among the scanned repositories.
    public let headsFrom: String?
    public let headsTo: String?

    init(reference: Int64?, thresholdDays: Int, lastCommits: [Int64], dormant: Int) {
        self.reference = reference.map(Timestamp.iso8601)
        self.thresholdDays = thresholdDays
        self.dormant = dormant
        headsFrom = lastCommits.min().map(Timestamp.iso8601)
        headsTo = lastCommits.max().map(Timestamp.iso8601)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(thresholdDays, forKey: .thresholdDays)
        try container.encode(dormant, forKey: .dormant)
        try container.encode(headsFrom, forKey: .headsFrom)
        try container.encode(headsTo, forKey: .headsTo)
    }

    /// The time every repository's quiet spell is measured up to: the newest as-of among the scanned ones.
    static func reference(_ latest: [ScanRecord]) -> Int64? {
        latest.filter { $0.status == .scanned }.compactMap { $0.asOf.flatMap(Timestamp.parse) }.max()
    }

    /// The record's last commit: its report's, or, for a report written before dormancy was, its as-of when
    /// that was the HEAD commit's time. Nil for a failed scan.
    static func lastCommit(_ record: ScanRecord) -> Int64? {
        guard record.status == .scanned, let report = record.report else { return nil }
        if let dormancy = report.dormancy { return dormancy.lastCommit.flatMap(Timestamp.parse) }
        return report.snapshot.repository.asOfSource == "HEAD commit time" ? Timestamp.parse(report.repository.asOf) : nil
    }
}
