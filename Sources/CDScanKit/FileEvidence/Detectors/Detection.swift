/// One thing a catalogue entry recognised in the HEAD tree.
public struct Detection: Sendable, Hashable, Comparable {
    /// The catalogue entry's id (`argo-rollouts-canary`).
    public let entry: String
    public let tool: String
    public let kind: String?
    public let feeds: [String]
    public let path: String
    public let line: Int?
    /// The artefact: the file, or its directory with a trailing "/" (a Terraform module, a Helm chart).
    public let artefact: String
    /// For dependency matches: the ecosystem and the dependency name declared.
    public let ecosystem: DependencyEcosystem?
    public let dependency: String?

    public func feeds(_ signal: String) -> Bool { feeds.contains(signal) }

    public var location: Finding.Location { Finding.Location(path: path, line: line) }

    public static func < (lhs: Detection, rhs: Detection) -> Bool {
        (lhs.path, lhs.line ?? 0, lhs.entry, lhs.dependency ?? "") < (rhs.path, rhs.line ?? 0, rhs.entry, rhs.dependency ?? "")
    }
}

/// A file the detectors could not use: malformed YAML or JSON, with where, and the probes it mattered to.
public struct DetectionProblem: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let column: Int?
    public let message: String
    public let feeds: [String]

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return "\(text): \(message)"
    }

    public var location: Finding.Location { Finding.Location(path: path, line: line) }

    public static func < (lhs: DetectionProblem, rhs: DetectionProblem) -> Bool {
        (lhs.path, lhs.line ?? 0, lhs.column ?? 0, lhs.message) < (rhs.path, rhs.line ?? 0, rhs.column ?? 0, rhs.message)
    }
}
