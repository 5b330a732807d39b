/// Do commits carry review, co-author or sign-off trailers?
struct HasReviewTrailers: HistoryProbe {
    let name = "hasReviewTrailers"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.collaboration
        let incomplete = !sampleComplete(history)
        let values: [String: FindingValue] = [
            "reviewedShare": .double(figures.reviewedShare), "coAuthoredShare": .double(figures.coAuthoredShare),
            "signedOffShare": .double(figures.signedOffShare), "incomplete": .bool(incomplete),
            "commits": .int(figures.messageCommits), "reviewed": .int(figures.reviewedCommits),
            "coAuthored": .int(figures.coAuthoredCommits),
        ]
        let message = "of \(figures.messageCommits) commits by people in \(sampleWindow(history)): "
            + "\(share(figures.reviewedShare)) carry review trailers, \(share(figures.coAuthoredShare)) co-author trailers, "
            + "\(share(figures.signedOffShare)) sign-offs"
        guard figures.messageCommits > 0 else {
            return .notAvailable(name, "no commits by people in \(sampleWindow(history))", values: values)
        }
        let carries = max(figures.reviewedShare, figures.coAuthoredShare, figures.signedOffShare) >= 0.1
        if incomplete && !carries { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        return .answer(name, carries, message + shallowNote(history, days: history.sampleDays), values: values)
    }
}
