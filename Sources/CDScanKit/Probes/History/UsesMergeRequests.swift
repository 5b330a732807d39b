/// Do changes reach the default branch through pull/merge requests?
struct UsesMergeRequests: HistoryProbe {
    let name = "usesMergeRequests"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.collaboration
        let incomplete = !sampleComplete(history)
        let values: [String: FindingValue] = [
            "mergeRequestShare": .double(figures.mergeRequestShare), "directPushShare": .double(figures.directPushShare),
            "mergeCommits": .int(figures.mergeCommits), "squashMerges": .int(figures.squashMerges),
            "forges": .list(figures.forges), "incomplete": .bool(incomplete),
            "changes": .int(figures.mainlineChanges), "requests": .int(figures.mergeRequestMerges + figures.squashMerges),
            "handedOver": .int(figures.handedOverCommits), "throughOthers": .int(figures.mergeRequestMerges + figures.squashMerges + figures.handedOverCommits),
            "throughOthersShare": .double(figures.throughOthersShare),
        ]
        let message = "of \(figures.mainlineChanges) changes by people on the mainline (first parents from HEAD) in "
            + "\(sampleWindow(history)): \(figures.mergeRequestMerges) merge-request merges, \(figures.squashMerges) squash "
            + "references, \(figures.mergeCommits - figures.mergeRequestMerges) other merges, \(figures.directCommits) direct commits "
            + "(\(figures.handedOverCommits) of them committed by someone other than their author); "
            + "\(figures.mergeRequestMerges + figures.squashMerges) of \(figures.mainlineChanges) through merge requests"
            + (figures.forges.isEmpty ? "" : "; forges: \(figures.forges.joined(separator: ", "))")
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        guard figures.mainlineChanges > 0 else {
            return .notAvailable(name, "no changes by people on the mainline in \(sampleWindow(history))", values: values)
        }
        return .answer(name, figures.mergeRequestShare >= 0.5, message, values: values)
    }
}
