/// Do the same people change application code, tests, pipelines and infrastructure?
struct AuthorsWorkAcrossAreas: HistoryProbe {
    let name = "authorsWorkAcrossAreas"

    func evaluate(history: HistoryEvidence) -> Finding {
        let areas = history.areas
        let incomplete = !sampleComplete(history) || areas.commitsWithoutPaths > 0
        let values: [String: FindingValue] = [
            "crossAreaAuthorShare": .double(areas.crossAreaAuthorShare), "areasWithSingleOwner": .list(areas.areasWithSingleOwner),
            "areas": .list(areas.areas), "siloedAreas": .list(areas.siloedAreas), "incomplete": .bool(incomplete),
            "people": .int(areas.people), "crossAreaPeople": .int(areas.crossAreaPeople),
        ]
        var message = "\(areas.crossAreaPeople) of \(areas.people) people with two or more changes changed more than one area "
            + "(\(areas.areas.joined(separator: ", "))) in \(sampleWindow(history))"
        if !areas.siloedAreas.isEmpty { message += "; siloed: \(areas.siloedAreas.joined(separator: ", "))" }
        if !areas.areasWithSingleOwner.isEmpty { message += "; one person only: \(areas.areasWithSingleOwner.joined(separator: ", "))" }
        if areas.commitsWithoutPaths > 0 {
            message += "; \(areas.commitsWithoutPaths) commits were past the changed-paths limit and are not counted"
        }
        if !sampleComplete(history) { return .notAvailable(name, message + shallowNote(history, days: history.sampleDays), values: values) }
        guard areas.people >= 2 else {
            return .notAvailable(name, "fewer than two people made two or more changes to application, test, pipeline or infrastructure files "
                                 + "in \(sampleWindow(history)): nothing to compare", values: values)
        }
        return .answer(name, areas.crossAreaAuthorShare >= 0.5, message, values: values)
    }
}
