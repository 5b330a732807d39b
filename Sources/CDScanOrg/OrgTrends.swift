import CDScanKit
import CDScanStore

/// How the organisation moves over time, from every stored record: for each calendar month (UTC) from
/// the oldest record to the newest, each repository counts with its newest scanned record at or before
/// the end of that month. Two views: all repositories at the time (which also moves when repositories
/// arrive), and a fixed cohort — the repositories with a record in every month shown — which moves only
/// when they do.
public struct OrgTrends: Codable, Sendable, Equatable {
    /// At most this many months, the newest ones.
    static let monthLimit = 120

    public struct Month: Codable, Sendable, Equatable {
        /// `2024-05`
        public let month: String
        /// Repositories with a scanned record by the end of the month.
        public let repositories: Int
        public let median: Double?
        public let mean: Double?
        /// Repositories per level (`"1"` … `"5"`).
        public let levels: [String: Int]
        public let noLevel: Int
    }

    public struct Point: Codable, Sendable, Equatable {
        public let month: String
        public let level: Int?
    }

    /// One repository's level month by month, from its first scanned record on.
    public struct Series: Codable, Sendable, Equatable {
        public let name: String
        public let repository: String
        public let points: [Point]
    }

    /// The repositories present in every month shown (each has a record by the end of the first month),
    /// and the months over them alone.
    public struct Cohort: Codable, Sendable, Equatable {
        /// Repository keys, in the order of `repositories` (by name).
        public let repositories: [String]
        public let count: Int
        public let months: [Month]
    }

    /// All repositories at the time.
    public let months: [Month]
    /// Sorted by name.
    public let repositories: [Series]
    public let cohort: Cohort

    public init(latest: [ScanRecord], history: [ScanRecord]) {
        // Every scanned record with a date, once, grouped by repository and oldest first.
        struct Dated { let seconds: Int64; let level: Int? }
        var seen: Set<String> = []
        var byRepository: [String: [Dated]] = [:]
        var names: [String: String] = [:]
        for record in history + latest where record.status == .scanned {
            guard let asOf = record.asOf, let seconds = Timestamp.parse(asOf) else { continue }
            let key = "\(record.repository)\u{0}\(seconds)\u{0}\(record.commit ?? "")"
            guard seen.insert(key).inserted else { continue }
            byRepository[record.repository, default: []].append(Dated(seconds: seconds, level: record.level))
            names[record.repository] = SafeText.line(record.name)
        }
        for record in latest { names[record.repository] = SafeText.line(record.name) }
        guard let first = byRepository.values.flatMap({ $0 }).map(\.seconds).min(),
              let last = byRepository.values.flatMap({ $0 }).map(\.seconds).max() else {
            months = []
            repositories = []
            cohort = Cohort(repositories: [], count: 0, months: [])
            return
        }
        for key in byRepository.keys {
            byRepository[key]!.sort { ($0.seconds, $0.level ?? 0) < ($1.seconds, $1.level ?? 0) }
        }

        var calendar = Self.monthKeys(from: first, to: last)
        if calendar.count > Self.monthLimit { calendar = Array(calendar.suffix(Self.monthLimit)) }
        let keys = byRepository.keys.sorted { (names[$0] ?? $0, $0) < (names[$1] ?? $1, $1) }
        var points: [String: [Point]] = [:]
        for month in calendar {
            for key in keys {
                // The newest record at or before the month's end.
                guard let record = byRepository[key]!.last(where: { $0.seconds <= month.end }) else { continue }
                points[key, default: []].append(Point(month: month.label, level: record.level))
            }
        }
        let cohortKeys = keys.filter { points[$0]?.count == calendar.count }
        months = Self.months(calendar.map(\.label), keys: keys, points: points)
        cohort = Cohort(repositories: cohortKeys.map(SafeText.line), count: cohortKeys.count,
                        months: Self.months(calendar.map(\.label), keys: cohortKeys, points: points))
        repositories = keys.compactMap { key in
            points[key].map { Series(name: names[key] ?? key, repository: SafeText.line(key), points: $0) }
        }
    }

    /// Each month's figures over the repositories `keys` that have a point in it.
    private static func months(_ labels: [String], keys: [String], points: [String: [Point]]) -> [Month] {
        var level: [String: [String: Int?]] = [:]
        for key in keys {
            for point in points[key] ?? [] { level[key, default: [:]][point.month] = point.level }
        }
        return labels.map { label in
            let levels = keys.compactMap { key in level[key]?[label] }
            let distribution = OrgOverview.Distribution(levels)
            return Month(month: label, repositories: levels.count, median: distribution.median,
                         mean: distribution.mean, levels: distribution.levels, noLevel: distribution.noLevel)
        }
    }

    /// The months from the one holding `first` to the one holding `last`, each with its label and last second.
    static func monthKeys(from first: Int64, to last: Int64) -> [(label: String, end: Int64)] {
        func yearMonth(_ seconds: Int64) -> (Int64, Int64) {
            let (year, month, _) = Timestamp.civilDate(daysSinceEpoch: Timestamp.floorDiv(seconds, 86_400))
            return (year, month)
        }
        var (year, month) = yearMonth(first)
        let (lastYear, lastMonth) = yearMonth(last)
        var keys: [(label: String, end: Int64)] = []
        while (year, month) <= (lastYear, lastMonth) {
            let (nextYear, nextMonth) = month == 12 ? (year + 1, Int64(1)) : (year, month + 1)
            let end = Timestamp.daysSinceEpoch(year: nextYear, month: nextMonth, day: 1) * 86_400 - 1
            let label = String(Timestamp.day(end).prefix(7))
            keys.append((label, end))
            (year, month) = (nextYear, nextMonth)
        }
        return keys
    }
}
