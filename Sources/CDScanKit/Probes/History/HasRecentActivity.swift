/// Were there commits in the last 90 days?
struct HasRecentActivity: HistoryProbe {
    let name = "hasRecentActivity"

    func evaluate(history: HistoryEvidence) -> Finding {
        let activity = history.activity
        let values: [String: FindingValue] = [
            "commits90": .int(activity.commits90), "commits365": .int(activity.commits365),
            "commitsTotal": .int(activity.commitsTotal), "ageDays": .int(activity.ageDays),
            "incomplete": .bool(!history.isComplete(days: nil)),
        ]
        // Commits seen in the window are there even in a shallow clone, so "yes" needs no full history.
        return .answer(name, activity.commits90 > 0,
                       "\(activity.commits90) commits in \(window(90, history)) (\(activity.commits365) in 365 days, "
                       + "\(activity.commitsTotal) in all over \(activity.ageDays) days)\(shallowNote(history, days: nil))",
                       values: values)
    }
}
