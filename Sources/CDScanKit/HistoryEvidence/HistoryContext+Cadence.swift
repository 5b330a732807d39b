/// Activity per window, and how people's commits spread over the weeks.
extension HistoryContext {
    func activity() -> ActivityFigures {
        var figures = ActivityFigures()
        for index in 0..<count where included(index) {
            figures.commitsTotal += 1
            if inWindow(index, days: 365) { figures.commits365 += 1 }
            if inWindow(index, days: 90) { figures.commits90 += 1 }
        }
        if let oldestTime { figures.ageDays = Int((asOf - oldestTime) / HistoryEvidence.day) }
        return figures
    }

    func cadence() -> CadenceFigures {
        var figures = CadenceFigures()
        let weeks = windowWeeks
        let windowDays = sampleSpanDays
        figures.windowDays = windowDays
        let months = max(1, Int((Double(windowDays) / Self.monthDays).rounded(.up)))
        figures.months = months
        var perMonth = [Int](repeating: 0, count: months)
        figures.weeks = weeks
        var perWeek = [Int](repeating: 0, count: weeks)
        var times: [Int64] = []
        var weekend = 0
        var lateNight = 0
        for index in 0..<count where !isMerge(index) && !isBot(index) && inSample(index) {
            let record = records[index]
            let week = Int((asOf - record.committerTime) / (7 * HistoryEvidence.day))
            perWeek[min(week, weeks - 1)] += 1
            let month = Int(Double(asOf - record.committerTime) / (Self.monthDays * Double(HistoryEvidence.day)))
            perMonth[min(month, months - 1)] += 1
            times.append(record.committerTime)
            // The author's own clock: local time = UTC + offset.
            let local = record.authorTime + Int64(record.authorOffsetMinutes) * 60
            let day = Int64((Double(local) / Double(HistoryEvidence.day)).rounded(.down))
            let weekday = ((day + 4) % 7 + 7) % 7   // 1970-01-01 was a Thursday; 0 = Sunday
            if weekday == 0 || weekday == 6 { weekend += 1 }
            let hour = ((local % HistoryEvidence.day) + HistoryEvidence.day) % HistoryEvidence.day / 3600
            if hour >= 22 || hour < 6 { lateNight += 1 }
        }
        figures.commits = times.count
        guard !times.isEmpty else {
            figures.longestGapDays = windowDays
            return figures
        }
        figures.commitsPerWeek = Double(times.count) / Double(weeks)
        figures.activeWeeks = perWeek.filter { $0 > 0 }.count
        figures.activeWeekShare = Statistics.share(figures.activeWeeks, weeks)
        figures.activeMonths = perMonth.filter { $0 > 0 }.count
        figures.activeMonthShare = Statistics.share(figures.activeMonths, months)
        figures.weeklyVariation = Statistics.variation(perWeek.map(Double.init))
        times.sort()
        var gap = asOf - times[times.count - 1]
        for position in 1..<max(times.count, 1) where position < times.count {
            gap = max(gap, times[position] - times[position - 1])
        }
        figures.longestGapDays = Int(gap / HistoryEvidence.day)
        let busiest = max(1, (weeks + 9) / 10)
        figures.burstShare = Statistics.share(perWeek.sorted(by: >).prefix(busiest).reduce(0, +), times.count)
        figures.weekendShare = Statistics.share(weekend, times.count)
        figures.lateNightShare = Statistics.share(lateNight, times.count)
        return figures
    }

    /// A month of the cadence: a twelfth of a year, counted back from "as of".
    static let monthDays = 365.25 / 12
}
