import CDScanKit
import CDScanStore
import Foundation

/// `index.html`: the org dashboard as one self-contained page (inline CSS, script and SVG; nothing is
/// loaded at view time). The script renders the totals, the distributions and the sortable, filterable
/// repositories × characteristics table from the JSON embedded in `<script type="application/json"
/// id="data">`; the gaps, the trends and the per-repository drill-down are written here, with every piece
/// of repository text HTML-escaped.
struct OrgReportHTML {
    let overview: OrgOverview
    /// The records in the overview's repository order, for the drill-down.
    let records: [ScanRecord]

    func render() throws -> String {
        var html = ""
        html += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>CD maturity — organisation report</title>\n"
        html += "<style>\n\(OrgReportAssets.css)</style>\n"
        html += "<script>\n\(OrgReportAssets.errorTrap)</script>\n"
        html += "</head>\n<body>\n<div class=\"wrap\">\n"
        html += header()
        html += standing()
        html += grid()
        html += gaps()
        html += trends()
        html += drillDown()
        html += "<footer>cdscan org report · levels of the DevOps Institute's Continuous Delivery maturity model</footer>\n"
        html += "</div>\n"
        html += "<script type=\"application/json\" id=\"data\">\(HTMLEscaping.scriptJSON(try pageData()))</script>\n"
        html += "<script>\n\(OrgReportAssets.script)</script>\n"
        html += "</body>\n</html>\n"
        return html
    }

    private func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    static func anchor(_ index: Int) -> String { "repo-\(index + 1)" }

    // MARK: - Sections

    private func header() -> String {
        var html = "<header>\n<h1>Continuous Delivery maturity across the organisation</h1>\n"
        var facts = activityFacts()
        if !overview.toolVersions.isEmpty { facts.append("cdscan " + overview.toolVersions.map(e).joined(separator: ", ")) }
        facts.append("\(overview.characteristics.count) characteristics on five levels")
        html += "<p class=\"sub\">\(facts.joined(separator: " · "))</p>\n"
        html += "<div class=\"cards\">\n"
        for (attribute, label, extra) in [
            ("data-total-repositories", "Repositories", ""), ("data-total-scanned", "Scanned", ""),
            ("data-total-failed", "Failed", " failed"), ("data-total-dormant", "Dormant", " dormant"),
            ("data-median-level", "Median level", ""), ("data-mean-level", "Mean level", ""),
        ] {
            html += "<div class=\"card\(extra)\"><div class=\"value\" \(attribute)>…</div><div class=\"label\">\(label)</div></div>\n"
        }
        html += "</div>\n</header>\n"
        return html
    }

    /// "HEADs from 2024-01-03 to 2026-11-30", the reference when it is later than the newest HEAD (an
    /// explicit as-of), and how many repositories are dormant against it.
    private func activityFacts() -> [String] {
        let activity = overview.activity
        let from = activity.headsFrom.flatMap(Timestamp.parse).map(Timestamp.day)
        let to = activity.headsTo.flatMap(Timestamp.parse).map(Timestamp.day)
        let reference = activity.reference.flatMap(Timestamp.parse).map(Timestamp.day)
        var facts: [String] = []
        if let from, let to {
            facts.append(from == to ? "HEADs on \(to)" : "HEADs from \(from) to \(to)")
        }
        if let reference, reference != to {
            facts.append("as of \(reference)")
        } else if from == nil, let generated = overview.generated.flatMap(Timestamp.parse) {
            facts.append("as of \(Timestamp.day(generated))")
        }
        if let reference {
            let count = activity.dormant
            facts.append("<span data-dormant-summary>\(count) dormant</span> (no commit in the \(activity.thresholdDays) days before \(reference))")
        }
        return facts
    }

    private func standing() -> String {
        """
        <section class="panel" id="standing">
        <h2>Where the organisation stands</h2>
        <p class="lead">The best-fit level of every scanned repository, overall and per dimension. A repository with too little evidence has no level.</p>
        <div class="stand">
        <div><h3>Overall</h3><div class="columns" id="level-columns"></div><div class="column-labels" id="level-labels"></div></div>
        <div class="dims" id="dimension-bars"></div>
        </div>
        </section>

        """
    }

    private func grid() -> String {
        var html = """
        <section class="panel" id="repositories">
        <h2>Repositories × characteristics</h2>
        <p class="lead">The whitepaper's grid, one row per repository: columns by level (L1–L5), within a level by People (Pe), Process (Pr) and Tech (Te). Hover a column head for the characteristic, a cell for its outcome; click a name for the details.</p>
        <div class="controls">
        <input id="filter-text" type="search" placeholder="Filter by name…" aria-label="Filter by name">
        <select id="filter-level" aria-label="Filter by level"><option value="all">All levels</option>
        """
        for level in MaturityLevel.all { html += "<option value=\"\(level)\">L\(level) \(MaturityLevel.name(level))</option>" }
        html += "<option value=\"none\">No level</option><option value=\"failed\">Failed scans</option>"
        html += "<option value=\"dormant\">Dormant</option></select>\n"
        html += "<span class=\"shown\" data-visible-count></span>\n</div>\n"
        html += legend()
        html += "<div class=\"scroll\"><table class=\"grid\" id=\"grid\"></table></div>\n</section>\n"
        return html
    }

    private func legend() -> String {
        let items: [(String, String, String)] = [
            ("cap met", "", "capability met"),
            ("cap files", "~", "met by files only (no practice yet)"),
            ("cap not", "", "capability not met"),
            ("def met", "!", "deficit present (bad news)"),
            ("def not", "", "deficit escaped"),
            ("cap unknown", "", "unknown"),
            ("cap decl met", "d", "declared in .cdscan.yml"),
            ("cap na", "–", "not applicable to the kind of project"),
            ("cap suppressed", "s", "suppressed in .cdscan.yml"),
        ]
        var html = "<div class=\"legend\">"
        for (classes, mark, label) in items {
            html += "<span><span class=\"cell \(classes)\">\(mark)</span>\(label)</span>"
        }
        html += "<span>column heads: • capability · ★ defining practice · ▵ deficit</span></div>\n"
        return html
    }

    private func gaps() -> String {
        var html = """
        <section class="panel" id="gaps">
        <h2>Most common gaps</h2>
        <p class="lead">What holds repositories back, counted over the scanned ones: the capabilities of the level above a repository's own that it does not meet (unknown ones are not counted), and the deficits that are present.</p>

        """
        let shown = overview.gaps.prefix(12)
        if shown.isEmpty {
            html += "<p>No gaps: every scanned repository meets its next level's capabilities and shows no deficit.</p>\n"
        } else {
            let most = max(shown.map(\.count).max() ?? 1, 1)
            html += "<div class=\"gaps\">\n"
            for gap in shown {
                let deficit = gap.reason == "deficit-present"
                let dimension = Dimension(rawValue: gap.dimension)?.title ?? e(gap.dimension)
                let tag = deficit ? "deficit present" : "capability of the next level" + (gap.defining ? ", defining practice" : "")
                html += "<div class=\"gap\" data-gap=\"\(e(gap.id))\"><div class=\"what\"><b>\(e(gap.title))</b> "
                html += "<span class=\"tag\(deficit ? " deficit" : "")\">L\(gap.level) \(dimension) · \(tag)</span>"
                html += "<details><summary>\(gap.repositories.count == 1 ? "1 repository" : "\(gap.repositories.count) repositories")</summary>"
                html += "<p>\(gap.repositories.map(e).joined(separator: ", "))</p></details></div>"
                let width = Double(gap.count) / Double(most) * 100
                html += "<div class=\"track\"><div class=\"fill\(deficit ? " deficit" : "")\" style=\"width:\(svgNumber(width))%\"></div></div>"
                html += "<div class=\"n\"><b data-gap-count=\"\(e(gap.id))\">\(gap.count)</b> · \(Int((gap.share * 100).rounded()))%</div></div>\n"
            }
            html += "</div>\n"
            if overview.gaps.count > shown.count {
                html += "<p class=\"facts\">\(overview.gaps.count - shown.count) more in org.json.</p>\n"
            }
        }
        html += "</section>\n"
        return html
    }

    /// Two views of the trend, switched without script (a radio button and CSS `:checked`): the fixed
    /// cohort by default, all repositories at the time with their count per month. With no cohort, the
    /// second view is the default and the first says why it is empty.
    private func trends() -> String {
        let trends = overview.trends
        let cohort = trends.cohort
        var html = """
        <section class="panel trend" id="trends">
        <h2>Trends</h2>
        <p class="lead">Month by month, each repository at its newest scan by the end of the month: the median level (blue), the mean (dashed) and every repository's own line (grey; hover for its name). The cohort holds the repositories with a record in every month shown, so its line moves only when they do; all repositories at the time also moves when repositories arrive.</p>

        """
        guard !trends.months.isEmpty else {
            return html + OrgTrendChart(months: [], repositories: [], view: "all", population: true).svg() + "</section>\n"
        }
        let hasCohort = cohort.count > 0
        let cohortLabel = hasCohort
            ? "Cohort of \(cohort.count) repositor\(cohort.count == 1 ? "y" : "ies")"
            : "Cohort: none (no repository has a record in every month shown)"
        html += "<input type=\"radio\" name=\"trend-view\" id=\"trend-cohort\" class=\"trend-radio\"\(hasCohort ? " checked" : " disabled")>"
        html += "<label for=\"trend-cohort\" data-cohort-count=\"\(cohort.count)\">\(cohortLabel)</label>\n"
        html += "<input type=\"radio\" name=\"trend-view\" id=\"trend-all\" class=\"trend-radio\"\(hasCohort ? "" : " checked")>"
        html += "<label for=\"trend-all\">All repositories at the time (\(trends.repositories.count), the count per month drawn below)</label>\n"
        let members = Set(cohort.repositories)
        html += "<div class=\"trend-view cohort\">\n"
        html += hasCohort
            ? OrgTrendChart(months: cohort.months, repositories: trends.repositories.filter { members.contains($0.repository) },
                            view: "cohort", population: false).svg()
            : "<p class=\"facts\">No repository has a record in every month shown.</p>\n"
        html += "</div>\n<div class=\"trend-view all\">\n"
        html += OrgTrendChart(months: trends.months, repositories: trends.repositories, view: "all", population: true).svg()
        html += "</div>\n</section>\n"
        return html
    }

    private func drillDown() -> String {
        var html = """
        <section class="panel" id="details">
        <h2>Repository details</h2>
        <p class="lead">Levels and why, the evidence for every met characteristic, the deficits present and the next steps, per repository.</p>

        """
        let failed = overview.repositories.filter { $0.status == ScanRecord.Status.failed.rawValue }
        if !failed.isEmpty {
            html += "<h3>Failed scans (\(failed.count))</h3>\n"
        }
        for (index, record) in records.enumerated() where record.status == .failed {
            html += repositoryDetails(record, index: index)
        }
        if !failed.isEmpty { html += "<h3>Scanned repositories</h3>\n" }
        for (index, record) in records.enumerated() where record.status == .scanned {
            html += repositoryDetails(record, index: index)
        }
        html += "</section>\n"
        return html
    }

    private func repositoryDetails(_ record: ScanRecord, index: Int) -> String {
        let levelText = record.level.map { "L\($0) \(MaturityLevel.name($0))" } ?? (record.status == .failed ? "failed" : "no level")
        var html = "<details class=\"repo\" id=\"\(Self.anchor(index))\"><summary><span class=\"rname\">\(e(record.name))</span>"
        if let level = record.level {
            html += "<span class=\"pill lv\(level)\">L\(level)</span>"
        }
        let dormancy = self.dormancy(index)
        if dormancy?.dormant == true { html += "<span class=\"badge dormant\">dormant</span>" }
        html += "<span class=\"meta\">"
        if record.status == .failed {
            html += "scan failed"
        } else {
            html += "\(e(levelText)) · People \(short(record.people)) · Process \(short(record.process)) · Tech \(short(record.tech))"
            html += " · coverage \(percent(record.coverage)) · confidence \(percent(record.confidence))"
        }
        html += "</span></summary>\n<div class=\"body\">\n"
        var facts = ["<code>\(e(record.repository))</code>"]
        if let commit = record.commit { facts.append("commit <code>\(e(String(commit.prefix(12))))</code>") }
        if let asOf = record.asOf { facts.append("as of \(e(asOf))") }
        if let dormancy, let last = dormancy.lastCommit.flatMap(Timestamp.parse) {
            var text = "last commit \(Timestamp.day(last))"
            if let days = dormancy.days, let reference = dormancy.reference.flatMap(Timestamp.parse) {
                text += ", \(days) day\(days == 1 ? "" : "s") before \(Timestamp.day(reference))"
                if dormancy.dormant == true { text += ": <b>dormant</b> (threshold \(dormancy.thresholdDays))" }
            }
            facts.append(text)
        }
        html += "<p class=\"facts\">\(facts.joined(separator: " · "))</p>\n"
        if record.status == .failed {
            html += "<p class=\"error\">\(e(record.error ?? "unknown error"))</p>\n</div></details>\n"
            return html
        }
        guard let report = record.report else {
            html += "<p class=\"facts\">The full report was not stored for this scan.</p>\n</div></details>\n"
            return html
        }
        // Why each fit stands where it does (reports written before `because` existed have none).
        let because = [report.assessment.because] + Dimension.allCases.map { report.assessment.dimensions[$0.rawValue]?.because }
        if !because.compactMap({ $0 }).isEmpty {
            html += "<h3>Why</h3>\n<ul class=\"why\">\n"
            for sentence in because.compactMap({ $0 }) { html += "<li>\(e(sentence))</li>\n" }
            html += "</ul>\n"
        }
        let ordered = report.characteristics.sorted { ($0.level, $0.dimension, $0.id) < ($1.level, $1.dimension, $1.id) }
        let met = ordered.filter { $0.kind == CharacteristicKind.capability.rawValue && $0.outcome == "met" }
        let deficits = ordered.filter { $0.kind == CharacteristicKind.deficit.rawValue && $0.outcome == "met" }
        html += "<h3>Met (\(met.count))</h3>\n"
        html += met.isEmpty ? "<p class=\"facts\">No capability is met.</p>\n" : characteristicList(met)
        html += "<h3>Deficits present (\(deficits.count))</h3>\n"
        html += deficits.isEmpty ? "<p class=\"facts\">None.</p>\n" : characteristicList(deficits)
        html += "<h3>Next steps</h3>\n"
        if report.nextSteps.isEmpty {
            html += "<p class=\"facts\">None.</p>\n"
        } else {
            html += "<ol>\n"
            for step in report.nextSteps.prefix(8) {
                let dimension = Dimension(rawValue: step.dimension)?.title ?? e(step.dimension)
                html += "<li><b>\(e(step.title))</b> <span class=\"badge\">L\(step.level) \(dimension)</span>"
                html += "<span class=\"badge\">\(e(step.reason))</span><div class=\"ev\">\(e(step.advice))</div></li>\n"
            }
            html += "</ol>\n"
        }
        html += "</div></details>\n"
        return html
    }

    /// The repository's dormancy against the org's reference (nil for a failed scan).
    private func dormancy(_ index: Int) -> Dormancy? {
        guard overview.repositories.indices.contains(index), overview.repositories[index].status == ScanRecord.Status.scanned.rawValue
        else { return nil }
        let repository = overview.repositories[index]
        return Dormancy(lastCommit: repository.lastCommit.flatMap(Timestamp.parse),
                        reference: overview.activity.reference.flatMap(Timestamp.parse), thresholdDays: overview.activity.thresholdDays)
    }

    private func characteristicList(_ items: [ReportDocument.Characteristic]) -> String {
        var html = "<ul>\n"
        for item in items {
            let dimension = Dimension(rawValue: item.dimension)?.title ?? e(item.dimension)
            html += "<li><b>\(e(item.title))</b> <span class=\"badge\">L\(item.level) \(dimension)</span>"
            if item.source == "declared" {
                html += "<span class=\"badge declared\">declared</span>"
            } else if item.kind == CharacteristicKind.capability.rawValue && !item.practiced {
                html += "<span class=\"badge files\">files only</span>"
            }
            html += "<div class=\"ev\">\(e(item.explanation))</div>"
            if !item.evidence.isEmpty {
                html += "<ul class=\"ev\">"
                for evidence in item.evidence.prefix(6) {
                    html += "<li>\(e(evidence.message))"
                    if let path = evidence.path {
                        html += " — <code>\(e(path))\(evidence.line.map { ":\($0)" } ?? "")</code>"
                    }
                    html += "</li>"
                }
                if item.evidence.count > 6 { html += "<li>… \(item.evidence.count - 6) more</li>" }
                html += "</ul>"
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }

    // MARK: - Data for the script

    private struct PageData: Encodable {
        struct Column: Encodable {
            let id: String
            let title: String
            let level: Int
            let dimension: String
            let kind: String
            let defining: Bool
        }
        struct Row: Encodable {
            let name: String
            let anchor: String
            let status: String
            let error: String?
            let level: Int?
            let people: Int?
            let process: Int?
            let tech: Int?
            let coverage: Double?
            let confidence: Double?
            /// No commit for the threshold's days before the org's reference; nil when not judged.
            let dormant: Bool?
            let lastCommit: String?
            /// One letter per column: M met, F met by files only, N not met, U unknown, D declared met,
            /// X declared not met, A not applicable, S suppressed, K skipped, - not judged.
            let cells: String
        }
        let levelNames: [String: String]
        let columns: [Column]
        let repositories: [Row]
    }

    static func code(_ cell: OrgOverview.Cell?) -> Character {
        switch cell {
        case .met: return "M"
        case .metFilesOnly: return "F"
        case .notMet: return "N"
        case .unknown: return "U"
        case .declaredMet: return "D"
        case .declaredNotMet: return "X"
        case .notApplicable: return "A"
        case .suppressed: return "S"
        case .skipped: return "K"
        case nil: return "-"
        }
    }

    private func pageData() throws -> String {
        let columns = overview.characteristics
        let data = PageData(
            levelNames: Dictionary(uniqueKeysWithValues: MaturityLevel.all.map { (String($0), MaturityLevel.name($0)) }),
            columns: columns.map { PageData.Column(id: $0.id, title: $0.title, level: $0.level, dimension: $0.dimension, kind: $0.kind, defining: $0.defining) },
            repositories: overview.repositories.enumerated().map { index, repository in
                PageData.Row(name: repository.name, anchor: Self.anchor(index), status: repository.status,
                             error: repository.error.map(SafeText.line),
                             level: repository.level, people: repository.people, process: repository.process, tech: repository.tech,
                             coverage: repository.coverage, confidence: repository.confidence,
                             dormant: repository.dormant, lastCommit: repository.lastCommit.flatMap(Timestamp.parse).map(Timestamp.day),
                             cells: String(columns.map { Self.code(repository.outcomes[$0.id]) }))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(data), as: UTF8.self)
    }

    // MARK: - Formatting

    private func short(_ level: Int?) -> String { level.map { "L\($0)" } ?? "—" }
    private func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }
}

/// Numbers for SVG coordinates and CSS widths: at most two decimals, no exponent, the same everywhere.
func svgNumber(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = abs(hundredths)
    let whole = magnitude / 100, fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
