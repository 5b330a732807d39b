/// Do more than one or two people account for half of the commits?
struct BusFactorIsHealthy: HistoryProbe {
    let name = "busFactorIsHealthy"

    func evaluate(history: HistoryEvidence) -> Finding {
        let people = history.people
        let incomplete = !sampleComplete(history)
        let values: [String: FindingValue] = [
            "busFactor": .int(people.busFactor), "topAuthorShare": .double(people.topAuthorShare),
            "commits": .int(people.busFactorCommits),
            "topAuthorCommits": .int(Int((people.topAuthorShare * Double(people.busFactorCommits)).rounded())),
            "incomplete": .bool(incomplete),
        ]
        let message = "\(people.busFactor) \(people.busFactor == 1 ? "person accounts" : "people account") for half of the \(people.busFactorCommits) non-merge commits "
            + "by people in \(sampleWindow(history)); the most active made \(share(people.topAuthorShare)) of them"
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        guard people.busFactorCommits > 0 else {
            return .notAvailable(name, "no commits by people in \(sampleWindow(history))", values: values)
        }
        return .answer(name, people.busFactor >= 3, message, values: values)
    }
}
