/// The probes that read the history evidence, in the order of `Rules/probes.yml`.
public enum HistoryProbes {
    public static let all: [any Probe] = [
        HasRecentActivity(), CommitCadenceIsRegular(), HasSeveralActiveAuthors(), BusFactorIsHealthy(),
        AuthorsWorkAcrossAreas(), UsesMergeRequests(), HasReviewTrailers(), ReferencesIssues(),
        UsesConventionalCommits(), BranchModel(), ReleasesRegularly(), ReleasesAreAutomated(),
        ChangesAreStable(), DeliveryProxies(),
    ]
}

/// What every history probe shares: the catalogue check, window wording, and value helpers.
protocol HistoryProbe: Probe {
    func evaluate(history: HistoryEvidence) -> Finding
}

extension HistoryProbe {
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        if let problem = evidence.history.catalogueProblem {
            return .error(name, "the history catalogues could not be read: \(problem)")
        }
        return evaluate(history: evidence.history)
    }

    /// "the 365 days up to 2024-02-04"
    func window(_ days: Int, _ history: HistoryEvidence) -> String {
        "the \(days) days up to \(Timestamp.day(history.asOf))"
    }

    /// The window of the people figures: "the 365 days up to 2024-02-04", or "the whole history up to
    /// 2024-02-04" when the last 365 days held too few commits by people.
    func sampleWindow(_ history: HistoryEvidence) -> String {
        guard let days = history.sampleDays else {
            return "the whole history up to \(Timestamp.day(history.asOf)) (the last 365 days hold fewer than "
                + "\(HistoryEvidence.minimumSample) non-merge commits by people)"
        }
        return window(days, history)
    }

    /// Whether the window of the people figures holds every commit.
    func sampleComplete(_ history: HistoryEvidence) -> Bool { history.isComplete(days: history.sampleDays) }

    /// " (shallow clone: history before 2024-01-01 is missing)" when it matters for the window.
    func shallowNote(_ history: HistoryEvidence, days: Int?) -> String {
        guard !history.isComplete(days: days) else { return "" }
        if let boundary = history.shallowBoundaryTime {
            return " (shallow clone: history before \(Timestamp.day(boundary)) is missing)"
        }
        return " (shallow clone: earlier history is missing)"
    }

    func share(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}

extension Dictionary where Key == String, Value == FindingValue {
    /// Adds a double only when it is known: an unknown median is left out rather than made up.
    mutating func set(_ key: String, _ value: Double?) {
        if let value { self[key] = .double(value) }
    }
}
