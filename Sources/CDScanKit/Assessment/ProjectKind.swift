/// What kind of project a repository holds. Some characteristics only fit some kinds: a library has no
/// production to monitor, so "Proactive monitoring" is not applicable to it rather than missing.
public enum ProjectKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case library
    case cli
    case service
    case infrastructure
    /// A reusable infrastructure module (Terraform's standard layout) that others call from their own
    /// configurations: infrastructure as code that the team itself does not apply or operate.
    case module
    case documentation
    /// A program whose delivery the repository does not show (no package, no deployment): nothing is
    /// ruled out for it.
    case application

    public var title: String {
        switch self {
        case .library: return "a library"
        case .cli: return "a command-line tool"
        case .service: return "a deployed service"
        case .infrastructure: return "an infrastructure or GitOps repository"
        case .module: return "a reusable infrastructure module"
        case .documentation: return "documentation or a tutorial"
        case .application: return "an application"
        }
    }

    /// The kinds that run something the team operates: every characteristic fits them.
    public var isOperated: Bool { self == .service || self == .infrastructure || self == .application }

    public static func < (lhs: ProjectKind, rhs: ProjectKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The kinds of project found in a repository, with the evidence for each, or as the team configured them.
public struct ProjectProfile: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable {
        case inferred
        /// `kind:` in `.cdscan.yml`.
        case configured
    }

    /// Never empty; sorted.
    public let kinds: [ProjectKind]
    /// Several projects of their own (workspace members, packages in their own folders).
    public let isMonorepo: Bool
    public let source: Source
    /// Why each kind was chosen, one sentence each (paths and files from the repository).
    public let evidence: [String]
    /// Top folders whose content is published for others to install (`charts` of a chart collection, the
    /// folders of a Terraform module collection): their alerts and dashboards are their users'. Sorted.
    public let shippedFolders: [String]

    public init(kinds: [ProjectKind], isMonorepo: Bool, source: Source, evidence: [String], shippedFolders: [String] = []) {
        self.kinds = kinds.isEmpty ? [.application] : Array(Set(kinds)).sorted()
        self.isMonorepo = isMonorepo
        self.source = source
        self.evidence = evidence
        self.shippedFolders = shippedFolders.sorted()
    }

    /// Whether a file is content the project ships or shows rather than uses: docs, examples and tests, a
    /// monitoring mixin, the charts or modules of a collection.
    public func isShipped(_ path: String) -> Bool {
        ProjectKindInference.isShipped(path, shippedFolders: shippedFolders)
    }

    /// A profile that rules nothing out, for callers that do not infer kinds (tests of the rules alone).
    public static let unspecified = ProjectProfile(kinds: [.application], isMonorepo: false, source: .inferred, evidence: [])

    /// Whether a rule fits at least one of the kinds.
    public func fits(_ rule: Rule) -> Bool {
        guard let appliesTo = rule.appliesTo else { return true }
        return kinds.contains { appliesTo.contains($0) }
    }

    /// "a library", "a monorepo of a deployed service and a library".
    public var summary: String {
        let titles = kinds.map(\.title)
        let listed = titles.count <= 1 ? (titles.first ?? "")
            : titles.dropLast().joined(separator: ", ") + " and " + titles.last!
        return isMonorepo ? "a monorepo holding \(listed)" : listed
    }
}
