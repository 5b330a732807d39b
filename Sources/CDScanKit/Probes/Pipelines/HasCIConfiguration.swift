/// Does the repository hold CI/CD pipeline configuration? An error when a pipeline file could not be
/// read (with file:line:col); the pipelines that could still count everywhere else.
public struct HasCIConfiguration: Probe {
    public let name = "hasCIConfiguration"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let pipelines = evidence.files.pipelines
        let systems = Array(Set(pipelines.pipelines.map(\.system))).sorted()
        let files = pipelines.files
        let practice = evidence.history.practice(of: files)
        var values: [String: FindingValue] = [
            "systems": .list(systems),
            "files": .list(files),
            "jobs": .int(pipelines.pipelines.reduce(0) { $0 + $1.jobs.count }),
            "problems": .list(pipelines.problems.map(\.description)),
            "practiceCommits": .int(practice.commits),
            "practiceFlowCommits": .int(practice.flowCommits),
            "practiceAuthors": .int(practice.authors),
            "practiceAgeDays": .int(Self.days(from: practice.firstSeen, to: evidence.asOf)),
            "practiceLastTouchedDays": .int(Self.days(from: practice.lastTouched, to: evidence.asOf)),
        ]
        // Files listed but not read (too large, binary) and a budget that stopped parsing are said, never
        // silently dropped; the keys appear only when there is something to say.
        var unread = pipelines.notes
        if let stopped = pipelines.budgetNote {
            unread.insert(stopped, at: 0)
            values["parsingStopped"] = .string(stopped)
        }
        if !pipelines.notes.isEmpty { values["skipped"] = .list(pipelines.notes) }
        let aside = unread.isEmpty ? "" : "; " + unread[0] + (unread.count > 1 ? " (and \(unread.count - 1) more)" : "")
        var locations = files.map { Finding.Location(path: $0) }
        locations += pipelines.problems.map { Finding.Location(path: $0.file, line: $0.line) }
        if let problem = pipelines.problems.first {
            let more = pipelines.problems.count > 1 ? " (and \(pipelines.problems.count - 1) more)" : ""
            return Finding(probe: name, outcome: .error, message: "a pipeline file could not be read: \(problem)\(more)\(aside)",
                           values: values, locations: uniqueLocations(locations))
        }
        let message = files.isEmpty ? "no CI/CD pipeline configuration"
            : "\(files.count) pipeline file\(files.count == 1 ? "" : "s") (\(systems.isEmpty ? "none parsed" : systems.joined(separator: ", ")))\(aside)"
        return .answer(name, !files.isEmpty, message, values: values, locations: uniqueLocations(locations))
    }

    /// Whole days from a moment to "as of"; zero when the moment is unknown.
    static func days(from moment: Int64?, to asOf: Int64) -> Int {
        guard let moment else { return 0 }
        return max(0, Int((asOf - moment) / 86_400))
    }
}
