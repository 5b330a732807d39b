import CDScanKit
import CDScanStore

/// One repository's history points as a trend: a row per point (date, commit, levels, coverage) and a
/// one-line summary of the change — the overall level from the first point to the last, and for each
/// dimension whose level changed, when it last did and which characteristics changed it. A pure function
/// of the stored records: the same points give the same table and line.
public struct HistoryTrend: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        /// The period boundary the point stands for, `YYYY-MM-DD` (UTC).
        public let date: String
        public let commit: String
        public let level: Int?
        public let people: Int?
        public let process: Int?
        public let tech: Int?
        /// The share of the characteristics the scan could judge, as the scan report states it.
        public let coverage: Double?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(date, forKey: .date)
            try container.encode(commit, forKey: .commit)
            try container.encode(level, forKey: .level)
            try container.encode(people, forKey: .people)
            try container.encode(process, forKey: .process)
            try container.encode(tech, forKey: .tech)
            try container.encode(coverage, forKey: .coverage)
        }

        func level(_ dimension: Dimension) -> Int? {
            switch dimension {
            case .people: return people
            case .process: return process
            case .tech: return tech
            }
        }
    }

    /// The last change of one dimension's level, and the characteristics of that dimension whose outcome
    /// moved with it (ids, sorted).
    public struct Change: Codable, Sendable, Equatable {
        public let dimension: String
        /// `YYYY-MM` of the point where the level last changed.
        public let month: String
        public let from: Int?
        public let to: Int?
        /// Capabilities met at that point and not at the one before.
        public let newlyMet: [String]
        /// Capabilities met at the point before and not at that one.
        public let noLongerMet: [String]
        /// Deficits present at that point and not at the one before.
        public let deficitsAppeared: [String]
        /// Deficits present at the point before and not at that one.
        public let deficitsGone: [String]
        /// Capabilities met by files alone before and with practice in the history at that point.
        public let nowPractised: [String]
        /// Capabilities met with practice before and by files alone at that point.
        public let noLongerPractised: [String]
        /// Any other change of state, `id (before → after)`: `unknown → not-met`, …
        public let otherChanges: [String]

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dimension, forKey: .dimension)
            try container.encode(month, forKey: .month)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(newlyMet, forKey: .newlyMet)
            try container.encode(noLongerMet, forKey: .noLongerMet)
            try container.encode(deficitsAppeared, forKey: .deficitsAppeared)
            try container.encode(deficitsGone, forKey: .deficitsGone)
            try container.encode(nowPractised, forKey: .nowPractised)
            try container.encode(noLongerPractised, forKey: .noLongerPractised)
            try container.encode(otherChanges, forKey: .otherChanges)
        }

        var rose: Bool { (to ?? 0) > (from ?? 0) }
    }

    /// Oldest first.
    public let rows: [Row]
    /// People, Process, Tech order; only the dimensions whose level changed between two points.
    public let changes: [Change]
    public let summary: String

    /// `points`: each point's boundary (seconds) and its stored record; failed records are left out, the
    /// rest are put in date order.
    public init(points: [(boundary: Int64, record: ScanRecord)]) {
        let scanned = points.filter { $0.record.status == .scanned }
            .sorted { ($0.boundary, $0.record.commit ?? "") < ($1.boundary, $1.record.commit ?? "") }
        let rows = scanned.map { point in
            let record = point.record
            return Row(date: Timestamp.day(point.boundary), commit: SafeText.line(record.commit ?? ""),
                       level: record.level, people: record.people, process: record.process, tech: record.tech,
                       coverage: record.coverage)
        }
        self.rows = rows
        var changes: [Change] = []
        for dimension in Dimension.allCases {
            guard let index = rows.indices.dropFirst().last(where: { rows[$0].level(dimension) != rows[$0 - 1].level(dimension) })
            else { continue }
            changes.append(Self.change(dimension, before: scanned[index - 1].record, after: scanned[index].record,
                                       from: rows[index - 1].level(dimension), to: rows[index].level(dimension),
                                       month: String(rows[index].date.prefix(7))))
        }
        self.changes = changes
        summary = Self.summary(rows: rows, changes: changes)
    }

    // MARK: - What changed

    private static func change(_ dimension: Dimension, before: ScanRecord, after: ScanRecord, from: Int?, to: Int?,
                               month: String) -> Change {
        let kinds = CharacteristicKinds(before, after)
        var newlyMet: [String] = [], noLongerMet: [String] = [], appeared: [String] = [], gone: [String] = []
        var practised: [String] = [], unpractised: [String] = [], other: [String] = []
        for id in Set(before.outcomes.keys).union(after.outcomes.keys).sorted() {
            guard kinds.dimension(id) == dimension else { continue }
            let was = before.outcomes[id].map(OrgOverview.Cell.init)
            let isNow = after.outcomes[id].map(OrgOverview.Cell.init)
            guard was != isNow else { continue }
            let name = SafeText.line(id)
            let (metBefore, metNow) = (was?.isMet ?? false, isNow?.isMet ?? false)
            if metBefore != metNow {
                if kinds.isDeficit(id) {
                    if metNow { appeared.append(name) } else { gone.append(name) }
                } else {
                    if metNow { newlyMet.append(name) } else { noLongerMet.append(name) }
                }
            } else if !kinds.isDeficit(id), was == .metFilesOnly, isNow == .met {
                practised.append(name)
            } else if !kinds.isDeficit(id), was == .met, isNow == .metFilesOnly {
                unpractised.append(name)
            } else {
                other.append("\(name) (\(was?.rawValue ?? "absent") → \(isNow?.rawValue ?? "absent"))")
            }
        }
        return Change(dimension: dimension.rawValue, month: month, from: from, to: to,
                      newlyMet: newlyMet, noLongerMet: noLongerMet, deficitsAppeared: appeared, deficitsGone: gone,
                      nowPractised: practised, noLongerPractised: unpractised, otherChanges: other)
    }

    /// Each characteristic's dimension and kind: from the stored reports, else the built-in model, else
    /// its id (`L4.tech.…`).
    private struct CharacteristicKinds {
        var known: [String: (dimension: Dimension?, deficit: Bool)] = [:]

        init(_ records: ScanRecord...) {
            for record in records {
                for item in record.report?.characteristics ?? [] where known[item.id] == nil {
                    known[item.id] = (Dimension(rawValue: item.dimension), item.kind == CharacteristicKind.deficit.rawValue)
                }
            }
        }

        func dimension(_ id: String) -> Dimension? {
            if let entry = known[id] { return entry.dimension }
            if let entry = CharacteristicModel.builtIn.entry(id) { return entry.dimension }
            let parts = id.split(separator: ".")
            return parts.count > 1 ? Dimension(rawValue: String(parts[1])) : nil
        }

        func isDeficit(_ id: String) -> Bool {
            known[id]?.deficit ?? (CharacteristicModel.builtIn.entry(id)?.kind == .deficit)
        }
    }

    // MARK: - Text

    static func summary(rows: [Row], changes: [Change]) -> String {
        guard let first = rows.first, let last = rows.last else { return "No point of this repository is stored." }
        let since = String(first.date.prefix(7))
        var overall: String
        let between = rows.map(\.level).filter { $0 != first.level }
        if first.level == last.level {
            if between.isEmpty {
                overall = "\(levelText(first.level)) throughout since \(since)"
            } else {
                var seen: [Int?] = []
                for level in between where !seen.contains(level) { seen.append(level) }
                overall = "\(levelText(first.level)) again since \(since) (\(list(seen.map(levelText))) in between)"
            }
        } else {
            overall = "\(levelText(first.level)) → \(levelText(last.level)) since \(since)"
        }
        var clauses = [overall]
        for change in changes {
            let title = Dimension(rawValue: change.dimension)?.title ?? change.dimension
            var clause = "\(title) \(change.rose ? "rose" : "fell") to \(levelText(change.to)) in \(change.month)"
            let reasons = change.rose
                ? [were(change.newlyMet, "newly met"), were(change.deficitsGone, "no longer present", deficits: true),
                   were(change.nowPractised, "newly practised in the history")]
                : [were(change.noLongerMet, "no longer met"), were(change.deficitsAppeared, "newly present", deficits: true),
                   were(change.noLongerPractised, "no longer practised in the history")]
            var said = reasons.compactMap { $0 }
            // Neither met nor practice moved (say, unknown became not met): name what did.
            if said.isEmpty, !change.otherChanges.isEmpty {
                said = ["\(list(change.otherChanges)) changed"]
            }
            if !said.isEmpty { clause += " when " + said.joined(separator: " and ") }
            clauses.append(clause)
        }
        return clauses.joined(separator: "; ")
    }

    /// `L3`, or `no level`.
    static func levelText(_ level: Int?) -> String { level.map { "L\($0)" } ?? "no level" }

    /// "a, b and c", at most three names then "and N more".
    static func list(_ names: [String]) -> String {
        let shown = names.count > 3 ? Array(names.prefix(3)) + ["\(names.count - 3) more"] : names
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    private static func were(_ ids: [String], _ what: String, deficits: Bool = false) -> String? {
        guard !ids.isEmpty else { return nil }
        let noun = deficits ? (ids.count == 1 ? "the deficit " : "the deficits ") : ""
        return "\(noun)\(list(ids)) \(ids.count == 1 ? "was" : "were") \(what)"
    }

    /// The table: a header, then one line per point, columns separated by two spaces.
    public func table() -> String {
        let header = ["date", "commit", "level", "people", "process", "tech", "coverage"]
        var lines = [header]
        for row in rows {
            lines.append([row.date, String(row.commit.prefix(12)), Self.short(row.level), Self.short(row.people),
                          Self.short(row.process), Self.short(row.tech), row.coverage.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"])
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private static func short(_ level: Int?) -> String { level.map { "L\($0)" } ?? "—" }
}
