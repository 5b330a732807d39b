/// Are releases tagged at a steady cadence?
struct ReleasesRegularly: HistoryProbe {
    let name = "releasesRegularly"

    func evaluate(history: HistoryEvidence) -> Finding {
        let figures = history.releases
        let values: [String: FindingValue] = [
            "releases365": .int(figures.releases365), "releasesTotal": .int(figures.releasesTotal),
            "releasesPerMonth": .double(figures.releasesPerMonth), "intervalVariation": .double(figures.intervalVariation),
            "semverShare": .double(figures.semverShare), "annotatedShare": .double(figures.annotatedShare),
            "fixReleaseShare": .double(figures.fixReleaseShare), "incomplete": .bool(history.isShallow),
            "releaseFixups": .int(figures.releaseFixups),
            "fixReleases": .int(Int((figures.fixReleaseShare * Double(figures.releasesTotal)).rounded())),
            "fixupsPerRelease": .double(figures.releasesTotal > 0 ? Double(figures.releaseFixups) / Double(figures.releasesTotal) : 0),
        ]
        guard figures.releasesTotal > 0 else {
            return .answer(name, false, "no release tags (tags the releases catalogue recognises, pre-releases aside)", values: values)
        }
        let message = "\(figures.releases365) release tags in \(window(365, history)) (\(figures.releasesTotal) in all, "
            + "latest \(figures.latest ?? "none")): \(FindingValue.format(figures.releasesPerMonth)) a month, intervals vary by "
            + "\(share(figures.intervalVariation)); \(share(figures.semverShare)) semver, \(share(figures.annotatedShare)) annotated, "
            + "\(share(figures.fixReleaseShare)) fix releases soon after a release; \(figures.releaseFixups) release fix-ups"
        return .answer(name, figures.releases365 >= 3 && figures.intervalVariation <= 1, message, values: values)
    }
}
