/// Do commit messages follow Conventional Commits?
struct UsesConventionalCommits: HistoryProbe {
    let name = "usesConventionalCommits"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.collaboration
        let incomplete = !sampleComplete(history)
        let values: [String: FindingValue] = [
            "conventionalShare": .double(figures.conventionalShare), "incomplete": .bool(incomplete),
            "conventionalCommits": .int(Int((figures.conventionalShare * Double(figures.changeCommits)).rounded())),
            "commits": .int(figures.changeCommits),
        ]
        let message = "\(share(figures.conventionalShare)) of \(figures.changeCommits) non-merge commits by people in "
            + "\(sampleWindow(history)) follow Conventional Commits (type(scope): subject)"
        guard figures.changeCommits > 0 else {
            return .notAvailable(name, "no non-merge commits by people in \(sampleWindow(history))", values: values)
        }
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        return .answer(name, figures.conventionalShare >= 0.5, message, values: values)
    }
}
