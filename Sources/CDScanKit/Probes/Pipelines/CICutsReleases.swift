/// Does a pipeline cut the releases itself: make the version tag (a tag action, release-please,
/// semantic-release), or create the release, and with it the tag, in a run that no pushed tag started
/// (a release workflow started by hand)? Also names the jobs that take over once a person pushes a tag
/// (`afterTag`): those automate publishing, not the cut.
public struct CICutsReleases: Probe {
    public let name = "ciCutsReleases"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let pipelines = evidence.files.pipelines
        let taggers = pipelines.toolMarks[.createsTag] ?? []
        let releasers = pipelines.toolMarks[.createsRelease] ?? []
        var cutting: Set<String> = []
        var afterTag: Set<String> = []
        var locations: [Finding.Location] = []
        for pipeline in pipelines.pipelines {
            let startedByTag = pipeline.triggerKinds.contains(.tag)
            for job in pipeline.jobs {
                let tools = Set(job.steps.flatMap(\.tools))
                if !tools.isDisjoint(with: taggers) || (!startedByTag && job.has(.release) && !tools.isDisjoint(with: releasers)) {
                    cutting.insert(pipeline.label(job))
                    locations.append(pipeline.location(job))
                } else if startedByTag, job.has(.release) || job.has(.publish) || job.has(.deploy) {
                    afterTag.insert(pipeline.label(job))
                }
            }
        }
        let values: [String: FindingValue] = ["jobs": .list(cutting.sorted()), "afterTag": .list(afterTag.sorted())]
        let after = afterTag.isEmpty ? "" : "; after a pushed tag, pipelines release or publish (\(afterTag.sorted().prefix(3).joined(separator: "; ")))"
        guard !cutting.isEmpty else {
            return .answer(name, false, "no pipeline makes release tags itself" + after, values: values)
        }
        return .answer(name, true, "pipelines cut releases: \(cutting.sorted().prefix(3).joined(separator: "; "))" + after,
                       values: values, locations: uniqueLocations(locations))
    }
}
