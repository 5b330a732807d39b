/// Is work spread steadily over the weeks rather than in bursts with long gaps?
struct CommitCadenceIsRegular: HistoryProbe {
    let name = "commitCadenceIsRegular"

    func evaluate(history: HistoryEvidence) -> Finding {
        let cadence = history.cadence
        let incomplete = !sampleComplete(history)
        let values: [String: FindingValue] = [
            "commits": .int(cadence.commits), "windowDays": .int(cadence.windowDays),
            "weeks": .int(cadence.weeks), "activeWeeks": .int(cadence.activeWeeks),
            "months": .int(cadence.months), "activeMonths": .int(cadence.activeMonths),
            "activeMonthShare": .double(cadence.activeMonthShare),
            "commitsPerWeek": .double(cadence.commitsPerWeek), "activeWeekShare": .double(cadence.activeWeekShare),
            "weeklyVariation": .double(cadence.weeklyVariation), "longestGapDays": .int(cadence.longestGapDays),
            "burstShare": .double(cadence.burstShare), "weekendShare": .double(cadence.weekendShare),
            "lateNightShare": .double(cadence.lateNightShare), "incomplete": .bool(incomplete),
        ]
        let summary = "\(cadence.commits) non-merge commits by people in \(sampleWindow(history)): "
            + "\(FindingValue.format(cadence.commitsPerWeek)) a week, active in \(cadence.activeWeeks) of \(cadence.weeks) weeks "
            + "and \(cadence.activeMonths) of \(cadence.months) months, longest gap \(cadence.longestGapDays) days, "
            + "\(share(cadence.burstShare)) in the busiest tenth of the weeks, "
            + "\(share(cadence.weekendShare)) on weekends, \(share(cadence.lateNightShare)) late at night (authors' time)"
        if incomplete { return .notAvailable(name, summary + shallowNote(history, days: history.sampleDays), values: values) }
        guard cadence.commits > 0 else { return .answer(name, false, summary, values: values) }
        // Too young to tell a rhythm from a start.
        guard cadence.weeks >= 4 else {
            return .notAvailable(name, summary + "; fewer than 4 weeks of history", values: values)
        }
        let regular = cadence.activeWeekShare >= 0.5 && cadence.longestGapDays <= 28 && cadence.burstShare <= 0.5
        return .answer(name, regular, summary, values: values)
    }
}
