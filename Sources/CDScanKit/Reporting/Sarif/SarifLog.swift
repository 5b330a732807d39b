/// The part of SARIF 2.1.0 that cdscan writes, as typed values: one log, one run, one rule per
/// characteristic, results anchored to files of the HEAD tree. Field names are SARIF's own; optional
/// fields are left out when nil (Swift's synthesised `Codable` uses `encodeIfPresent`). No field holds
/// a wall-clock time, so the same commit and rules give the same bytes.
public struct SarifLog: Codable, Sendable, Equatable {
    public static let version = "2.1.0"
    /// The OASIS schema's own id (the 2.1.0 errata 01 schema); a copy is in Tests/Schemas/.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public let schema: String
    public let version: String
    public let runs: [SarifRun]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    public init(runs: [SarifRun]) {
        schema = Self.schemaURI
        version = Self.version
        self.runs = runs
    }
}

public struct SarifRun: Codable, Sendable, Equatable {
    public let tool: SarifTool
    /// `id` is "category/run-id": code scanning keeps one set of alerts per category.
    public let automationDetails: SarifAutomationDetails
    /// `%SRCROOT%`: the root of the repository's HEAD tree, which every result's path is relative to.
    public let originalUriBaseIds: [String: SarifArtifactLocation]
    public let results: [SarifResult]
    public var invocations: [SarifInvocation]? = nil
    public let properties: SarifRunProperties
}

public struct SarifTool: Codable, Sendable, Equatable {
    public let driver: SarifToolComponent
}

public struct SarifToolComponent: Codable, Sendable, Equatable {
    public let name: String
    public let version: String
    public let semanticVersion: String
    public let informationUri: String?
    public let rules: [SarifReportingDescriptor]
}

public struct SarifAutomationDetails: Codable, Sendable, Equatable {
    public let id: String
}

/// A plain-text message (`message`, `shortDescription`); `markdown` only where GitHub renders it (`help`).
public struct SarifMessage: Codable, Sendable, Equatable {
    public let text: String
    public let markdown: String?

    public init(text: String, markdown: String? = nil) {
        self.text = text
        self.markdown = markdown
    }
}

public struct SarifReportingDescriptor: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    public let shortDescription: SarifMessage
    public let fullDescription: SarifMessage
    public let help: SarifMessage
    public let defaultConfiguration: SarifReportingConfiguration
    public let properties: SarifRuleProperties
}

public struct SarifReportingConfiguration: Codable, Sendable, Equatable {
    public let level: SarifLevel
}

/// SARIF's result levels. cdscan uses `warning` and `note` only: its results are maturity findings, not
/// defects that should fail a build (`error`), and not security alerts.
public enum SarifLevel: String, Codable, Sendable, Equatable {
    case none, note, warning, error
}

/// The characteristic behind a rule, in the rule's property bag. `tags` are what code scanning filters
/// by (it keeps at most 10 per rule); there is deliberately no `security-severity`: these are not
/// security alerts.
public struct SarifRuleProperties: Codable, Sendable, Equatable {
    public let tags: [String]
    public let level: Int
    public let levelName: String
    public let dimension: String
    public let kind: String
    public let defining: Bool
}

public struct SarifResult: Codable, Sendable, Equatable {
    public let ruleId: String
    public let ruleIndex: Int
    public let level: SarifLevel
    public let message: SarifMessage
    public let locations: [SarifLocation]
    public let relatedLocations: [SarifLocation]?
    public let partialFingerprints: [String: String]
    /// Set when the team suppressed the characteristic in `.cdscan.yml`: code scanning shows the alert as
    /// dismissed, with the reason.
    public var suppressions: [SarifSuppression]? = nil
    /// With `scan --baseline FILE` only: `unchanged` when the baseline report had the same characteristic
    /// in the same bad state, `new` otherwise (SARIF §3.27.24).
    public var baselineState: String? = nil
    public let properties: SarifResultProperties
}

/// A suppression of one result (SARIF §3.35): `external`, since it lives in `.cdscan.yml`, not the code.
public struct SarifSuppression: Codable, Sendable, Equatable {
    public let kind: String
    public let status: String
    public let justification: String
}

/// One run's invocation, carried only to report problems with the configuration (an expired or unused
/// suppression) as notifications.
public struct SarifInvocation: Codable, Sendable, Equatable {
    public let executionSuccessful: Bool
    public let toolConfigurationNotifications: [SarifNotification]
}

public struct SarifNotification: Codable, Sendable, Equatable {
    public let level: String
    public let message: SarifMessage
}

/// Why a characteristic is a result, in the result's property bag.
public struct SarifResultProperties: Codable, Sendable, Equatable {
    /// `deficit-present`, `next-level` (an unmet capability of the level above the best fit) or `not-met`
    /// (an unmet capability of another level, with `--sarif-scope all`).
    public let reason: String
    public let outcome: String
    /// `detected` or `declared` (an answer from `.cdscan.yml`).
    public let source: String
    /// How the location was chosen: `evidence` (a file the rule's evidence names) or `repository` (a
    /// repository-wide result, shown on a stable file of the tree).
    public let anchor: String
}

public struct SarifLocation: Codable, Sendable, Equatable {
    /// Set on related locations only.
    public let id: Int?
    public let physicalLocation: SarifPhysicalLocation
    public let message: SarifMessage?
}

public struct SarifPhysicalLocation: Codable, Sendable, Equatable {
    public let artifactLocation: SarifArtifactLocation
    public let region: SarifRegion
}

public struct SarifArtifactLocation: Codable, Sendable, Equatable {
    public let uri: String?
    public let uriBaseId: String?
    public let description: SarifMessage?

    public init(uri: String? = nil, uriBaseId: String? = nil, description: SarifMessage? = nil) {
        self.uri = uri
        self.uriBaseId = uriBaseId
        self.description = description
    }
}

public struct SarifRegion: Codable, Sendable, Equatable {
    public let startLine: Int
}

/// The assessment's headline figures, so a reader of the SARIF file alone sees where the team stands.
public struct SarifRunProperties: Codable, Sendable, Equatable {
    public struct Fit: Codable, Sendable, Equatable {
        public let level: Int?
        public let name: String?

        /// "No level" is written as `null`, as in the JSON report.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(level, forKey: .level)
            try container.encode(name, forKey: .name)
        }
    }

    public let head: String
    public let scope: String
    public let nextLevel: Int?
    public let bestFit: Fit
    public let dimensions: [String: Fit]
    public let rulesDigest: String
    /// As in the JSON report: judged only against an explicit as-of.
    public let dormancy: Dormancy
}
