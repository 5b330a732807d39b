/// What the detectors found for one probe (its signal), with the helpers every file probe shares: lists
/// capped for findings, locations, practice figures, and the error a malformed file or catalogue gives.
struct FileSignal {
    /// Lists in findings stop here (sorted first, so the cut is stable); the message gives the total.
    static let listLimit = 50

    let probe: String
    let evidence: Evidence
    let detections: [Detection]
    let problems: [DetectionProblem]

    init(_ probe: String, _ evidence: Evidence, signal: String? = nil) {
        self.probe = probe
        self.evidence = evidence
        let detectionEvidence = evidence.files.detections
        detections = detectionEvidence.detections(feeding: signal ?? probe)
        problems = detectionEvidence.problems(feeding: signal ?? probe)
    }

    var found: Bool { !detections.isEmpty }
    var tools: [String] { Self.sortedUnique(detections.map(\.tool)) }
    var kinds: [String] { Self.sortedUnique(detections.compactMap(\.kind)) }
    var files: [String] { Self.sortedUnique(detections.map(\.path)) }
    var artefacts: [String] { Self.sortedUnique(detections.map(\.artefact)) }
    var locations: [Finding.Location] { Self.locations(detections.map(\.location)) }

    /// The finding a probe gives before judging: an error when the catalogues could not be read, or when
    /// nothing was found but a file that might have said otherwise was malformed.
    var failure: Finding? {
        if let error = evidence.files.detections.catalogueError {
            return .error(probe, "the detector catalogues could not be read: \(error)")
        }
        if detections.isEmpty, let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            return .error(probe, "could not read \(first)\(more)", locations: Self.locations(problems.map(\.location)))
        }
        return nil
    }

    /// A yes/no finding over this signal: yes when anything was found.
    func answer(_ noun: String, values: [String: FindingValue], yes: Bool? = nil, detail: String? = nil) -> Finding {
        if let failure { return failure }
        let isYes = yes ?? found
        var message: String
        if isYes {
            message = "\(noun): \(Self.summary(files))"
            if !tools.isEmpty, !(tools.count == 1 && tools[0] == noun) { message += " (\(tools.joined(separator: ", ")))" }
        } else {
            message = "no \(noun) found"
        }
        if let detail { message += "; \(detail)" }
        if !problems.isEmpty { message += "; \(problems.count) file(s) could not be read, first \(problems[0])" }
        return .answer(probe, isYes, message, values: values, locations: isYes ? locations : [])
    }

    /// `a, b, c and 4 more`.
    static func summary(_ items: [String], shown: Int = 3) -> String {
        if items.count <= shown { return items.joined(separator: ", ") }
        return items.prefix(shown).joined(separator: ", ") + " and \(items.count - shown) more"
    }

    static func sortedUnique(_ items: [String]) -> [String] { Array(Set(items)).sorted() }

    static func list(_ items: [String]) -> FindingValue { .list(Array(sortedUnique(items).prefix(listLimit))) }

    static func locations(_ items: [Finding.Location]) -> [Finding.Location] {
        Array(Array(Set(items)).sorted().prefix(listLimit))
    }

    /// The practice values (`practiceCommits` …) of the artefacts, from the history walk.
    func practiceValues(of paths: [String]) -> [String: FindingValue] {
        let practice = evidence.history.practice(of: paths)
        let day: Int64 = 86_400
        return [
            "practiceCommits": .int(practice.commits),
            "practiceFlowCommits": .int(practice.flowCommits),
            "practiceAuthors": .int(practice.authors),
            "practiceAgeDays": .int(practice.firstSeen.map { Int(max(0, evidence.asOf - $0) / day) } ?? 0),
            "practiceLastTouchedDays": .int(practice.lastTouched.map { Int(max(0, evidence.asOf - $0) / day) } ?? 0),
        ]
    }
}
