/// Do changes reach the default branch through pull/merge requests?
struct UsesMergeRequests: HistoryProbe {
    let name = "usesMergeRequests"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.collaboration
        let incomplete = !history.isComplete(days: 365)
        let values: [String: FindingValue] = [
            "mergeRequestShare": .double(figures.mergeRequestShare), "directPushShare": .double(figures.directPushShare),
            "mergeCommits": .int(figures.mergeCommits), "squashMerges": .int(figures.squashMerges),
            "forges": .list(figures.forges), "incomplete": .bool(incomplete),
        ]
        let message = "of \(figures.mainlineChanges) changes by people on the mainline (first parents from HEAD) in "
            + "\(window(365, history)): \(figures.mergeRequestMerges) merge-request merges, \(figures.squashMerges) squash "
            + "references, \(figures.mergeCommits - figures.mergeRequestMerges) other merges, \(figures.directCommits) direct commits "
            + "(\(share(figures.mergeRequestShare)) through merge requests)"
            + (figures.forges.isEmpty ? "" : "; forges: \(figures.forges.joined(separator: ", "))")
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: 365), values: values) }
        guard figures.mainlineChanges > 0 else {
            return .notAvailable(name, "no changes by people on the mainline in \(window(365, history))", values: values)
        }
        return .answer(name, figures.mergeRequestShare >= 0.5, message, values: values)
    }
}
