/// Do several people (not bots) commit?
struct HasSeveralActiveAuthors: HistoryProbe {
    let name = "hasSeveralActiveAuthors"
    /// "Several": at least this many people in the last 365 days.
    static let several = 3

    func evaluate(history: HistoryEvidence) -> Finding {
        let people = history.people
        let incomplete = !history.isComplete(days: 365)
        let values: [String: FindingValue] = [
            "authors90": .int(people.authors90), "authors365": .int(people.authors365),
            "authorsTotal": .int(people.authorsTotal), "botCommitShare": .double(people.botCommitShare),
            "bots": .list(people.bots), "incomplete": .bool(incomplete),
            "sampleAuthors": .int(people.sampleAuthors),
        ]
        let message = "\(people.authors365) \(people.authors365 == 1 ? "person" : "people") committed in \(window(365, history)) (\(people.authors90) in 90 days, "
            + "\(people.authorsTotal) in all); bots made \(share(people.botCommitShare)) of the commits"
            + (people.bots.isEmpty ? "" : " (\(people.bots.joined(separator: ", ")))")
            + (history.sampleDays == nil ? "; \(people.sampleAuthors) committed in \(sampleWindow(history))" : "")
        if people.authors365 >= Self.several { return .answer(name, true, message, values: values) }
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: 365), values: values) }
        return .answer(name, false, message, values: values)
    }
}
