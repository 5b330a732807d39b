import GitAccess

/// What a scan may still claim when part of the HEAD tree could not be read (a damaged or missing
/// object, a listing stopped by its budget): a file probe's "no" may be wrong, since the evidence could
/// sit in the unread part, and a finding located at an unreadable file rests on nothing. Both become
/// error findings that name the objects and paths, so the characteristics they feed are unknown and
/// coverage drops; a damaged object is never silent.
enum UnreadableTree {
    static func qualify(_ findings: [Finding], unreadable: [TreeProblem], registry: ProbeRegistry = .builtIn) -> [Finding] {
        guard let first = unreadable.first else { return findings }
        let unreadablePaths = Set(unreadable.map(\.path))
        let more = unreadable.count > 1 ? " (and \(unreadable.count - 1) more)" : ""
        let summary = "part of the tree could not be read: \(first)\(more)"
        let problemLocations = unreadable.filter { !$0.path.isEmpty }.map { Finding.Location(path: $0.path) }
        return findings.map { finding in
            guard registry.entries[finding.probe]?.source == "files" else { return finding }
            let restsOnUnreadable = finding.locations.contains { unreadablePaths.contains($0.path) }
            guard finding.outcome == .no || (finding.outcome == .yes && restsOnUnreadable) else { return finding }
            var locations = finding.locations
            for location in problemLocations where !locations.contains(location) { locations.append(location) }
            return Finding(probe: finding.probe, outcome: .error, message: "cannot tell, \(summary) (\(finding.message))",
                           values: finding.values, locations: locations)
        }
    }
}
