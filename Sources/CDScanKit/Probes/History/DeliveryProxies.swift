/// How do git-only proxies of the DORA metrics look? Every figure is a proxy: git knows when a change
/// was committed and tagged, not when it reached production or failed there.
struct DeliveryProxies: HistoryProbe {
    let name = "deliveryProxies"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.delivery
        let incomplete = !history.isComplete(days: 365)
        var values: [String: FindingValue] = [
            "releasesPerWeek": .double(figures.releasesPerWeek), "basis": .string(figures.basis.rawValue),
            "changeFailureBasis": .string(figures.changeFailureBasis.rawValue), "leadTimeSamples": .int(figures.leadTimeSamples),
            "incomplete": .bool(incomplete),
        ]
        values.set("medianLeadTimeHours", figures.medianLeadTimeHours)
        values.set("changeFailureRate", figures.changeFailureRate)
        values.set("medianRestoreHours", figures.medianRestoreHours)
        var parts = ["proxies from git alone over \(window(365, history))"]
        if figures.basis == .none {
            parts.append("no release tags or deployment commits, so no release frequency or lead time")
        } else {
            parts.append("release frequency \(FindingValue.format(figures.releasesPerWeek)) a week (\(figures.releasePoints) \(figures.basis.rawValue))")
            parts.append(figures.medianLeadTimeHours.map {
                "lead time \(FindingValue.format($0)) hours (median, from a commit to the first of the \(figures.basis.rawValue) containing it, \(figures.leadTimeSamples) commits)"
            } ?? "no lead time (the releases are not in HEAD's history)")
        }
        if let rate = figures.changeFailureRate {
            parts.append(figures.changeFailureBasis == .commits
                ? "change-failure proxy \(share(rate)) (reverts and hotfixes per non-merge commit)"
                : "change-failure proxy \(share(rate)) (releases followed by a revert, a hotfix or a quick fix release before the next)")
        }
        if let restore = figures.medianRestoreHours {
            parts.append(figures.changeFailureBasis == .commits
                ? "time-to-restore proxy \(FindingValue.format(restore)) hours (median from a change to its revert)"
                : "time-to-restore proxy \(FindingValue.format(restore)) hours (median from a failed release to the next)")
        }
        let message = parts.joined(separator: "; ") + shallowNote(history, days: 365)
        if incomplete { return .notAvailable(name, message, values: values) }
        guard figures.basis != .none || figures.changeFailureRate != nil else {
            return .notAvailable(name, message, values: values)
        }
        return .answer(name, figures.basis != .none, message, values: values)
    }
}
