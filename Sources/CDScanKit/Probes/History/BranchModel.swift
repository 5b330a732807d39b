/// Which branch model does the history show (trunk-based, GitHub flow, GitFlow, release branches)?
struct BranchModel: HistoryProbe {
    let name = "branchModel"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.branchModel
        let incomplete = !history.isComplete(days: 365)
        var values: [String: FindingValue] = [
            "model": .string(figures.model.rawValue), "longLivedBranches": .list(figures.longLivedBranches),
            "incomplete": .bool(incomplete),
        ]
        values.set("medianBranchLifetimeDays", figures.medianBranchLifetimeDays)
        let lifetime = figures.medianBranchLifetimeDays.map {
            "; \(figures.mergedBranches) merges into the mainline in 365 days, branches lived \(FindingValue.format($0)) days (median)"
        } ?? ""
        let message = "\(figures.model.rawValue): \(figures.reason)\(lifetime)"
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: 365), values: values) }
        guard figures.model != .unknown else { return .notAvailable(name, message, values: values) }
        return .answer(name, true, message, values: values)
    }
}
