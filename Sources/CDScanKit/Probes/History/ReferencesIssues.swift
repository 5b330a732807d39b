/// Do commit messages reference issues or tickets?
struct ReferencesIssues: HistoryProbe {
    let name = "referencesIssues"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.collaboration
        let incomplete = !sampleComplete(history)
        let values: [String: FindingValue] = [
            "issueReferenceShare": .double(figures.issueReferenceShare), "incomplete": .bool(incomplete),
            "references": .int(figures.issueReferences), "commits": .int(figures.changeCommits),
        ]
        let message = "\(figures.issueReferences) of \(figures.changeCommits) non-merge commits by people in "
            + "\(sampleWindow(history)) reference an issue or ticket (#12, PAY-123, …/issues/12; a merge request's own number does not count)"
        guard figures.changeCommits > 0 else {
            return .notAvailable(name, "no non-merge commits by people in \(sampleWindow(history))", values: values)
        }
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        return .answer(name, figures.issueReferenceShare >= 0.25, message, values: values)
    }
}
