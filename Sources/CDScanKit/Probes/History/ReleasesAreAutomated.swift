/// Are release tags and version bumps made by pipelines or bots rather than people?
struct ReleasesAreAutomated: HistoryProbe {
    let name = "releasesAreAutomated"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.releases
        let values: [String: FindingValue] = [
            "automatedShare": .double(figures.automatedShare), "releases": .int(figures.releasesTotal),
            "versionBumps": .int(figures.versionBumps), "automatedBumpShare": .double(figures.automatedBumpShare),
            "incomplete": .bool(history.isShallow),
            "latestReleases": .int(min(ReleaseFigures.automationSample, figures.releasesTotal)),
            "automatedReleases": .int(figures.automatedReleases),
        ]
        let bumps = "\(figures.versionBumps) version-bump commits, \(share(figures.automatedBumpShare)) by bots"
        if figures.releasesTotal > 0 {
            return .answer(name, figures.automatedShare >= 0.5,
                           "\(figures.automatedReleases) of the latest \(min(ReleaseFigures.automationSample, figures.releasesTotal)) "
                           + "of \(figures.releasesTotal) release tags were made by bots "
                           + "(tagger, or the tagged commit's author for lightweight tags); \(bumps)", values: values)
        }
        if figures.versionBumps > 0 {
            return .answer(name, figures.automatedBumpShare >= 0.5, "no release tags; \(bumps)", values: values)
        }
        return .notAvailable(name, "no release tags and no version-bump commits", values: values)
    }
}
