import CDScanKit

/// The trends chart as inline SVG: levels 1–5 upwards, months left to right; one thin grey line per
/// repository (nudged apart a little so that equal lines stay visible), the median in blue and the mean
/// dashed. With `population`, a band under the months draws how many repositories each month counts.
struct OrgTrendChart {
    let months: [OrgTrends.Month]
    let repositories: [OrgTrends.Series]
    /// `cohort` or `all`: names the chart in the page.
    let view: String
    let population: Bool

    private let width = 1160.0, top = 34.0, left = 48.0, right = 20.0
    private var bottom: Double { population ? 100 : 48 }
    private var height: Double { population ? 332 : 280 }
    private let band = 46.0

    func svg() -> String {
        guard !months.isEmpty else { return "<p class=\"facts\">No dated scans yet: trends appear once records have an as-of date.</p>\n" }
        let index = Dictionary(months.enumerated().map { ($1.month, $0) }, uniquingKeysWith: { first, _ in first })
        var svg = "<svg viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" role=\"img\" aria-label=\"Level trends by month\" "
        svg += "data-trend-view=\"\(view)\" data-trend-months=\"\(months.count)\">\n"
        for level in MaturityLevel.all {
            let y = self.y(Double(level))
            svg += "<line class=\"grid\" x1=\"\(svgNumber(left))\" x2=\"\(svgNumber(width - right))\" y1=\"\(svgNumber(y))\" y2=\"\(svgNumber(y))\"/>"
            svg += "<text x=\"\(svgNumber(left - 10))\" y=\"\(svgNumber(y + 4))\" text-anchor=\"end\">L\(level)</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(svgNumber(left))\" x2=\"\(svgNumber(width - right))\" y1=\"\(svgNumber(height - bottom))\" y2=\"\(svgNumber(height - bottom))\"/>\n"
        let step = max(1, (months.count + 11) / 12)
        for (offset, month) in months.enumerated() where offset % step == 0 || offset == months.count - 1 {
            if offset == months.count - 1, offset % step != 0, offset % step < step / 2 + 1, months.count > 1 { continue }
            let at = svgNumber(x(offset, of: months.count))
            svg += "<text x=\"\(at)\" y=\"\(svgNumber(height - bottom + 18))\" text-anchor=\"middle\">\(month.month)</text>"
            svg += "<text class=\"n\" x=\"\(at)\" y=\"\(svgNumber(height - bottom + 33))\" text-anchor=\"middle\">\(month.repositories) repos</text>\n"
        }
        if population { svg += populationBars() }
        for (number, series) in repositories.enumerated() {
            let nudge = Double(number % 7 - 3) * 1.5
            let points = series.points.compactMap { point -> (Int, Int)? in
                guard let level = point.level, let at = index[point.month] else { return nil }
                return (at, level)
            }
            guard !points.isEmpty else { continue }
            let path = self.path(points.map { (x($0.0, of: months.count), y(Double($0.1)) + nudge) }, breaks: points.map(\.0))
            svg += "<path class=\"repo\" d=\"\(path)\"><title>\(HTMLEscaping.escape(series.name))</title></path>\n"
        }
        let means = months.enumerated().compactMap { offset, month in month.mean.map { (offset, $0) } }
        if !means.isEmpty {
            svg += "<path class=\"mean\" d=\"\(path(means.map { (x($0.0, of: months.count), y($0.1)) }, breaks: means.map(\.0)))\"><title>mean level</title></path>\n"
        }
        let medians = months.enumerated().compactMap { offset, month in month.median.map { (offset, $0) } }
        if !medians.isEmpty {
            svg += "<path class=\"median\" d=\"\(path(medians.map { (x($0.0, of: months.count), y($0.1)) }, breaks: medians.map(\.0)))\"/>\n"
            for (offset, median) in medians {
                let month = months[offset]
                svg += "<circle class=\"dot\" cx=\"\(svgNumber(x(offset, of: months.count)))\" cy=\"\(svgNumber(y(median)))\" r=\"3.5\">"
                svg += "<title>\(month.month): median L\(svgNumber(median)), mean L\(month.mean.map(svgNumber) ?? "—"), \(month.repositories) repositories</title></circle>\n"
            }
        }
        svg += legend()
        svg += "</svg>\n"
        return svg
    }

    /// One bar per month under the month labels: the repositories it counts, against the largest month.
    private func populationBars() -> String {
        let most = max(1, months.map(\.repositories).max() ?? 1)
        let base = height - 8
        let slot = (width - left - right - 20) / Double(max(months.count, 1))
        let barWidth = min(18, max(2, slot * 0.6))
        var svg = "<text class=\"n\" x=\"\(svgNumber(left - 10))\" y=\"\(svgNumber(base - band / 2 + 4))\" text-anchor=\"end\">repos</text>\n"
        for (offset, month) in months.enumerated() {
            let tall = band * Double(month.repositories) / Double(most)
            svg += "<rect class=\"pop\" x=\"\(svgNumber(x(offset, of: months.count) - barWidth / 2))\" y=\"\(svgNumber(base - tall))\" "
            svg += "width=\"\(svgNumber(barWidth))\" height=\"\(svgNumber(tall))\" data-population=\"\(month.month):\(month.repositories)\">"
            svg += "<title>\(month.month): \(month.repositories) repositor\(month.repositories == 1 ? "y" : "ies") with a record</title></rect>\n"
        }
        return svg
    }

    private func legend() -> String {
        let y = 14.0
        var x = width - right - 420
        var svg = ""
        for (item, label) in [("median", "median level"), ("mean", "mean level"), ("repo", "one repository")] {
            svg += "<path class=\"\(item)\" d=\"M\(svgNumber(x)) \(svgNumber(y)) h26\"/>"
            svg += "<text x=\"\(svgNumber(x + 32))\" y=\"\(svgNumber(y + 4))\">\(label)</text>"
            x += 140
        }
        return svg + "\n"
    }

    private func x(_ offset: Int, of count: Int) -> Double {
        let span = width - left - right - 20
        return count <= 1 ? left + 10 + span / 2 : left + 10 + span * Double(offset) / Double(count - 1)
    }

    private func y(_ level: Double) -> Double {
        let span = height - top - bottom - 12
        return top + span * (5 - level) / 4
    }

    /// A path through the points, broken where a month is missing; a lone point is a short tick.
    private func path(_ points: [(Double, Double)], breaks months: [Int]) -> String {
        var parts: [String] = []
        for (offset, point) in points.enumerated() {
            let continues = offset > 0 && months[offset] == months[offset - 1] + 1
            parts.append("\(continues ? "L" : "M")\(svgNumber(point.0)) \(svgNumber(point.1))")
            let alone = !continues && (offset + 1 == points.count || months[offset + 1] != months[offset] + 1)
            if alone { parts.append("h0.01") }
        }
        return parts.joined(separator: " ")
    }
}
