/// Whether a repository has gone quiet: dormant when its last commit is at least `thresholdDays` days
/// before a reference time. The reference is never the wall clock: it is `--as-of` when given, and for an
/// org report the newest as-of among its repositories (the newest HEAD when none was given). A scan
/// without `--as-of` is measured from its own HEAD, which can never be dormant, so it is not judged:
/// `reference`, `days` and `dormant` are null.
public struct Dormancy: Codable, Sendable, Equatable {
    public static let defaultThresholdDays = 180

    /// The newest commit the scan saw (committer time at or before the as-of), ISO-8601; null when none.
    public let lastCommit: String?
    /// The time the quiet spell is measured up to, ISO-8601; null when not judged.
    public let reference: String?
    /// Whole days from the last commit to the reference (never negative); null when not judged.
    public let days: Int?
    /// `days >= thresholdDays`; null when not judged.
    public let dormant: Bool?
    public let thresholdDays: Int

    public init(lastCommit: Int64?, reference: Int64?, thresholdDays: Int) {
        self.lastCommit = lastCommit.map(Timestamp.iso8601)
        self.thresholdDays = thresholdDays
        guard let lastCommit, let reference else {
            self.reference = nil
            days = nil
            dormant = nil
            return
        }
        self.reference = Timestamp.iso8601(reference)
        let quiet = max(0, reference - lastCommit)
        days = Int(quiet / 86_400)
        dormant = quiet >= Int64(thresholdDays) * 86_400
    }

    /// A scan's dormancy: its last commit against its explicit `--as-of`, if any.
    public init(_ snapshot: RepositorySnapshot, thresholdDays: Int) {
        let asOf = snapshot.asOf
        let last = snapshot.history.commits.lazy.map(\.committerTime).filter { $0 <= asOf }.max()
        self.init(lastCommit: last, reference: snapshot.asOfIsExplicit ? asOf : nil, thresholdDays: thresholdDays)
    }

    /// "no commits for 412 days (since 2025-10-18, threshold 180)", for a dormant repository only.
    public var sentence: String? {
        guard dormant == true, let days, let lastCommit, let since = Timestamp.parse(lastCommit) else { return nil }
        return "no commits for \(days) day\(days == 1 ? "" : "s") (since \(Timestamp.day(since)), threshold \(thresholdDays))"
    }

    /// Every key written, `null` when not judged: a reader can tell "not judged" from an older report.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastCommit, forKey: .lastCommit)
        try container.encode(reference, forKey: .reference)
        try container.encode(days, forKey: .days)
        try container.encode(dormant, forKey: .dormant)
        try container.encode(thresholdDays, forKey: .thresholdDays)
    }
}
