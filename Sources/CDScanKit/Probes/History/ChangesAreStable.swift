/// Are reverts and hotfixes rare?
struct ChangesAreStable: HistoryProbe {
    let name = "changesAreStable"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.stability
        let incomplete = !sampleComplete(history)
        var values: [String: FindingValue] = [
            "revertShare": .double(figures.revertShare), "hotfixShare": .double(figures.hotfixShare),
            "reverts": .int(figures.reverts), "changes": .int(figures.changes), "hotfixes": .int(figures.hotfixes), "incomplete": .bool(incomplete),
        ]
        values.set("medianHoursToRevert", figures.medianHoursToRevert)
        let message = "\(figures.reverts) reverts and \(figures.hotfixes) hotfixes among \(figures.changes) non-merge commits in "
            + "\(sampleWindow(history))"
            + (figures.medianHoursToRevert.map { "; a revert came \(FindingValue.format($0)) hours after its change (median)" } ?? "")
        guard figures.changes > 0 else {
            return .notAvailable(name, "no non-merge commits in \(sampleWindow(history))", values: values)
        }
        if incomplete { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        let unstable = Double(figures.reverts + figures.hotfixes) / Double(figures.changes)
        return .answer(name, unstable <= 0.1, message, values: values)
    }
}
