/// The assessment as a GitLab Code Quality report (the subset of the Code Climate issue format that
/// GitLab's merge-request widget reads): the same results as the SARIF report — deficits present and the
/// next level's unmet capabilities, or every unmet one with `.all` — on the same real files, with the same
/// stable fingerprints.
public struct CodeQualityReport: Sendable {
    public struct Issue: Codable, Sendable, Equatable {
        public struct Lines: Codable, Sendable, Equatable { public let begin: Int }
        public struct Location: Codable, Sendable, Equatable {
            public let path: String
            public let lines: Lines
        }

        public let description: String
        /// GitLab's key is `check_name`.
        public let checkName: String
        public let fingerprint: String
        public let severity: String
        public let location: Location
        public let categories: [String]

        enum CodingKeys: String, CodingKey {
            case description, fingerprint, severity, location, categories
            case checkName = "check_name"
        }
    }

    public let result: ScanResult
    public let scope: SarifScope

    public init(_ result: ScanResult, scope: SarifScope = .next) {
        self.result = result
        self.scope = scope
    }

    public func issues() -> [Issue] {
        SarifReport(result, scope: scope, toolVersion: CDScanVersion.current).items().filter { $0.characteristic.outcome != .suppressed }.map { item in
            let rule = item.characteristic.rule
            return Issue(
                description: item.message,
                checkName: rule.id,
                fingerprint: item.fingerprint,
                severity: Self.severity(rule.kind),
                location: Issue.Location(path: item.anchored.primary.path, lines: Issue.Lines(begin: max(1, item.anchored.primary.line ?? 1))),
                categories: ["CD maturity", "L\(rule.level) \(rule.dimension.title)"])
        }
    }

    /// A deficit present holds the team at its level (`minor`, as SARIF's `warning`); a capability of the
    /// next level is advice (`info`, as SARIF's `note`). Nothing here is a defect in the code, so nothing
    /// is `major` or worse.
    static func severity(_ kind: CharacteristicKind) -> String {
        kind == .deficit ? "minor" : "info"
    }
}
