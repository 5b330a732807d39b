/// Is work spread steadily over the weeks rather than in bursts with long gaps?
struct CommitCadenceIsRegular: HistoryProbe {
    let name = "commitCadenceIsRegular"

    func evaluate(history: HistoryEvidence) -> Finding {
        let cadence = history.cadence
        let incomplete = !history.isComplete(days: 365)
        let values: [String: FindingValue] = [
            "commitsPerWeek": .double(cadence.commitsPerWeek), "activeWeekShare": .double(cadence.activeWeekShare),
            "weeklyVariation": .double(cadence.weeklyVariation), "longestGapDays": .int(cadence.longestGapDays),
            "burstShare": .double(cadence.burstShare), "weekendShare": .double(cadence.weekendShare),
            "lateNightShare": .double(cadence.lateNightShare), "incomplete": .bool(incomplete),
        ]
        let summary = "\(cadence.commits) commits by people over \(cadence.weeks) weeks up to \(Timestamp.day(history.asOf)): "
            + "\(FindingValue.format(cadence.commitsPerWeek)) a week, active in \(share(cadence.activeWeekShare)) of the weeks, "
            + "longest gap \(cadence.longestGapDays) days, \(share(cadence.burstShare)) in the busiest tenth of the weeks, "
            + "\(share(cadence.weekendShare)) on weekends, \(share(cadence.lateNightShare)) late at night (authors' time)"
        if incomplete { return .notAvailable(name, summary + shallowNote(history, days: 365), values: values) }
        guard cadence.commits > 0 else { return .answer(name, false, summary, values: values) }
        // Too young to tell a rhythm from a start.
        guard cadence.weeks >= 4 else {
            return .notAvailable(name, summary + "; fewer than 4 weeks of history", values: values)
        }
        let regular = cadence.activeWeekShare >= 0.5 && cadence.longestGapDays <= 28 && cadence.burstShare <= 0.5
        return .answer(name, regular, summary, values: values)
    }
}
