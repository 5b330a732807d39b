/// Do commit messages reference issues or tickets?
struct ReferencesIssues: HistoryProbe {
    let name = "referencesIssues"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.collaboration
        let incomplete = !history.isComplete(days: 365)
        let values: [String: FindingValue] = [
            "issueReferenceShare": .double(figures.issueReferenceShare), "incomplete": .bool(incomplete),
        ]
        let message = "\(share(figures.issueReferenceShare)) of \(figures.changeCommits) non-merge commits by people in "
            + "\(window(365, history)) reference an issue or ticket (#12, PAY-123, …/issues/12; a merge request's own number does not count)"
        guard figures.changeCommits > 0 else {
            return .notAvailable(name, "no non-merge commits by people in \(window(365, history))", values: values)
        }
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: 365), values: values) }
        return .answer(name, figures.issueReferenceShare >= 0.25, message, values: values)
    }
}
