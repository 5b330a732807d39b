import CDScanKit
import CDScanStore

/// The org report's figures, computed once from the records and written as `org.json`, the CSV and the
/// dashboard: where the organisation stands (level distributions), which repositories hold it back (the
/// repositories × characteristics matrix, the most common gaps), and how it moves (trends by month).
/// Every list has a fixed order and no field reads the clock, so the same records give the same bytes.
public struct OrgOverview: Codable, Sendable, Equatable {
    public static let schemaVersion = "1.0"

    /// How one characteristic stands in one repository: the cell of the heat map and the CSV.
    public enum Cell: String, Codable, Sendable, CaseIterable {
        case met
        /// Met by files alone, with no practice in the history yet.
        case metFilesOnly = "met-files-only"
        case notMet = "not-met"
        case unknown
        case declaredMet = "declared-met"
        case declaredNotMet = "declared-not-met"
        /// Does not fit the kind of project (or the team says so): out of the verdict.
        case notApplicable = "not-applicable"
        /// A tick the team suppressed, with a reason.
        case suppressed
        /// Left out of the run with `--checks`/`--skip`.
        case skipped

        init(_ outcome: ScanRecord.Outcome) {
            let declared = outcome.source == "declared"
            switch outcome.outcome {
            case "met": self = declared ? .declaredMet : (outcome.practiced ? .met : .metFilesOnly)
            case "not-met": self = declared ? .declaredNotMet : .notMet
            case "not-applicable": self = .notApplicable
            case "suppressed": self = .suppressed
            case "skipped": self = .skipped
            default: self = .unknown
            }
        }

        /// Whether the characteristic holds (met in any way).
        var isMet: Bool { self == .met || self == .metFilesOnly || self == .declaredMet }
        var isNotMet: Bool { self == .notMet || self == .declaredNotMet }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public let repositories: Int
        public let scanned: Int
        public let failed: Int
        /// Scanned repositories too thin on evidence for a level.
        public let noLevel: Int
        public let medianLevel: Double?
        public let meanLevel: Double?
        /// Scanned repositories with no commit for the threshold's days before the org's reference.
        public let dormant: Int
    }

    /// How many repositories stand at each level (keys `"1"` … `"5"`), with the median and mean.
    public struct Distribution: Codable, Sendable, Equatable {
        public let levels: [String: Int]
        public let noLevel: Int
        public let median: Double?
        public let mean: Double?

        init(_ levels: [Int?]) {
            var counts: [String: Int] = [:]
            for level in MaturityLevel.all { counts[String(level)] = 0 }
            for case let level? in levels { counts[String(level), default: 0] += 1 }
            self.levels = counts
            noLevel = levels.filter { $0 == nil }.count
            let known = levels.compactMap { $0 }
            median = OrgOverview.median(known)
            mean = OrgOverview.mean(known)
        }
    }

    /// One column of the matrix: a characteristic, with how many repositories stand in each cell state.
    public struct Column: Codable, Sendable, Equatable {
        public let id: String
        public let title: String
        public let level: Int
        public let dimension: String
        public let kind: String
        public let defining: Bool
        /// Repositories per cell state (`met`, `met-files-only`, `not-met`, …); states with none are left out.
        public let counts: [String: Int]
    }

    public struct Repository: Codable, Sendable, Equatable {
        public let name: String
        public let repository: String
        public let status: String
        public let error: String?
        public let commit: String?
        public let asOf: String?
        public let level: Int?
        public let people: Int?
        public let process: Int?
        public let tech: Int?
        public let coverage: Double?
        public let confidence: Double?
        /// Cell state by characteristic id (empty for a failed scan).
        public let outcomes: [String: Cell]
        /// The characteristics that hold this repository back (ids, in column order).
        public let gaps: [String]
        /// The newest commit its scan saw (ISO-8601), when known.
        public let lastCommit: String?
        /// No commit for `activity.thresholdDays` days before `activity.reference`; absent when not judged.
        public let dormant: Bool?
    }

    /// A characteristic that holds repositories back: a capability of the level above theirs that is not
    /// met, or a deficit that is present.
    public struct Gap: Codable, Sendable, Equatable {
        public let id: String
        public let title: String
        public let level: Int
        public let dimension: String
        public let kind: String
        public let defining: Bool
        /// `next-level-capability` or `deficit-present`.
        public let reason: String
        public let count: Int
        /// `count` over the scanned repositories, two decimals.
        public let share: Double
        public let repositories: [String]
    }

    public let schemaVersion: String
    /// The newest `asOf` among the records (the report's date; never the clock).
    public let generated: String?
    public let toolVersions: [String]
    public let totals: Totals
    public let levels: Distribution
    /// `people`, `process`, `tech`.
    public let dimensions: [String: Distribution]
    /// The matrix's columns: by level, then People, Process, Tech, then the model's order.
    public let characteristics: [Column]
    /// Sorted by name.
    public let repositories: [Repository]
    /// Most common first.
    public let gaps: [Gap]
    public let trends: OrgTrends
    /// The range of HEAD dates and the dormant repositories.
    public let activity: OrgActivity

    public init(_ input: OrgReportInput) {
        let records = Self.sorted(input.latest)
        let scanned = records.filter { $0.status == .scanned }
        let columns = Self.columns(records + input.history)
        let columnOrder = Dictionary(columns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

        schemaVersion = Self.schemaVersion
        let all = input.latest + input.history
        generated = all.compactMap { record in record.asOf.flatMap { asOf in Timestamp.parse(asOf).map { ($0, asOf) } } }
            .max { $0.0 < $1.0 }?.1
        toolVersions = Array(Set(all.map { SafeText.line($0.toolVersion) })).sorted()

        let reference = OrgActivity.reference(records)
        var lastCommits: [Int64] = []
        var dormancy: [String: Dormancy] = [:]
        for record in scanned {
            let last = OrgActivity.lastCommit(record)
            if let last { lastCommits.append(last) }
            dormancy[record.repository] = Dormancy(lastCommit: last, reference: reference, thresholdDays: input.dormantAfterDays)
        }
        let dormant = dormancy.values.filter { $0.dormant == true }.count
        activity = OrgActivity(reference: reference, thresholdDays: input.dormantAfterDays, lastCommits: lastCommits, dormant: dormant)

        let overall = scanned.map(\.level)
        totals = Totals(repositories: records.count, scanned: scanned.count, failed: records.count - scanned.count,
                        noLevel: overall.filter { $0 == nil }.count,
                        medianLevel: Self.median(overall.compactMap { $0 }), meanLevel: Self.mean(overall.compactMap { $0 }),
                        dormant: dormant)
        levels = Distribution(overall)
        dimensions = [
            Dimension.people.rawValue: Distribution(scanned.map(\.people)),
            Dimension.process.rawValue: Distribution(scanned.map(\.process)),
            Dimension.tech.rawValue: Distribution(scanned.map(\.tech)),
        ]

        var gapRepositories: [String: [String]] = [:]
        var repositories: [Repository] = []
        for record in records {
            var outcomes: [String: Cell] = [:]
            for (id, outcome) in record.outcomes { outcomes[SafeText.line(id)] = Cell(outcome) }
            let gaps = Self.gaps(level: record.level, outcomes: outcomes, columns: columns)
                .sorted { (columnOrder[$0] ?? .max, $0) < (columnOrder[$1] ?? .max, $1) }
            for id in gaps { gapRepositories[id, default: []].append(SafeText.line(record.name)) }
            repositories.append(Repository(
                name: SafeText.line(record.name), repository: SafeText.line(record.repository), status: record.status.rawValue,
                error: record.error.map(SafeText.clean), commit: record.commit.map(SafeText.line), asOf: record.asOf.map(SafeText.line),
                level: record.level, people: record.people, process: record.process, tech: record.tech,
                coverage: record.coverage, confidence: record.confidence, outcomes: outcomes, gaps: gaps,
                lastCommit: dormancy[record.repository]?.lastCommit, dormant: dormancy[record.repository]?.dormant))
        }
        self.repositories = repositories

        characteristics = columns.map { column in
            var counts: [String: Int] = [:]
            for repository in repositories {
                if let cell = repository.outcomes[column.id] { counts[cell.rawValue, default: 0] += 1 }
            }
            return Column(id: column.id, title: column.title, level: column.level, dimension: column.dimension,
                          kind: column.kind, defining: column.defining, counts: counts)
        }

        gaps = columns.compactMap { column -> Gap? in
            guard let names = gapRepositories[column.id], !names.isEmpty else { return nil }
            return Gap(id: column.id, title: column.title, level: column.level, dimension: column.dimension, kind: column.kind,
                       defining: column.defining, reason: column.kind == CharacteristicKind.deficit.rawValue ? "deficit-present" : "next-level-capability",
                       count: names.count, share: scanned.isEmpty ? 0 : ReportDocument.round(Double(names.count) / Double(scanned.count)),
                       repositories: names)
        }.enumerated().sorted { lhs, rhs in
            (-lhs.element.count, lhs.offset) < (-rhs.element.count, rhs.offset)
        }.map(\.element)

        trends = OrgTrends(latest: input.latest, history: input.history)
    }

    // MARK: - Helpers

    /// The order every output lists repositories in: by name, then by the repository key.
    static func sorted(_ records: [ScanRecord]) -> [ScanRecord] {
        records.sorted { (SafeText.line($0.name), $0.repository) < (SafeText.line($1.name), $1.repository) }
    }

    /// What holds a repository back: its next level's capabilities that are not met (unknown ones are
    /// not misses), and every deficit that is present.
    static func gaps(level: Int?, outcomes: [String: Cell], columns: [Column]) -> [String] {
        guard !outcomes.isEmpty else { return [] }
        let next = (level ?? 1) + 1
        return columns.filter { column in
            guard let cell = outcomes[column.id] else { return false }
            if column.kind == CharacteristicKind.deficit.rawValue { return cell.isMet }
            return column.level == next && cell.isNotMet
        }.map(\.id)
    }

    /// The model's 42 characteristics, plus any others the records carry (rule-pack additions), with
    /// titles and defining flags from the reports where they have them.
    static func columns(_ records: [ScanRecord]) -> [Column] {
        var reported: [String: ReportDocument.Characteristic] = [:]
        var extraIds: Set<String> = []
        for record in records {
            for item in record.report?.characteristics ?? [] where reported[item.id] == nil { reported[item.id] = item }
            extraIds.formUnion(record.outcomes.keys)
        }
        var columns: [(column: Column, rank: Int)] = []
        var known: Set<String> = []
        for (rank, entry) in CharacteristicModel.builtIn.entries.enumerated() {
            known.insert(entry.id)
            columns.append((Column(id: entry.id, title: entry.title, level: entry.level, dimension: entry.dimension.rawValue,
                                   kind: entry.kind.rawValue, defining: reported[entry.id]?.defining ?? false, counts: [:]), rank))
        }
        let rank = columns.count
        for id in extraIds.union(reported.keys).subtracting(known).sorted() {
            let item = reported[id]
            let parts = id.split(separator: ".")
            let level = item?.level ?? parts.first.flatMap { Int($0.dropFirst()) } ?? 5
            let dimension = item?.dimension ?? (parts.count > 1 ? String(parts[1]) : Dimension.tech.rawValue)
            columns.append((Column(id: SafeText.line(id), title: SafeText.line(item?.title ?? id), level: min(max(level, 1), 5),
                                   dimension: Dimension(rawValue: dimension) != nil ? dimension : Dimension.tech.rawValue,
                                   kind: item?.kind ?? CharacteristicKind.capability.rawValue,
                                   defining: item?.defining ?? false, counts: [:]), rank))
        }
        func order(_ dimension: String) -> Int { Dimension.allCases.firstIndex { $0.rawValue == dimension } ?? 3 }
        return columns.sorted { lhs, rhs in
            (lhs.column.level, order(lhs.column.dimension), lhs.rank, lhs.column.id)
                < (rhs.column.level, order(rhs.column.dimension), rhs.rank, rhs.column.id)
        }.map(\.column)
    }

    /// The middle level (the mean of the two middle ones for an even count), nil for none.
    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The mean level with two decimals, nil for none.
    static func mean(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        return ReportDocument.round(Double(values.reduce(0, +)) / Double(values.count))
    }
}
