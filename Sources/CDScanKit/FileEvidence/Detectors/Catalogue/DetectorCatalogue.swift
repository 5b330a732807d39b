/// Everything the detector catalogues (`Rules/catalogues/*.yml`) say, merged: the entries, the test-file
/// conventions, the badge hosts, the paths CODEOWNERS should cover, and how much the scan may read.
public struct DetectorCatalogue: Sendable {
    /// How source and test files of one language are told apart by path.
    public struct TestConvention: Sendable {
        public let language: String
        public let sources: [PathGlob]
        public let tests: [PathGlob]
        public let origin: String
    }

    /// A badge image host and what kind of badge it makes.
    public struct BadgeHost: Sendable {
        public let name: String
        public let kind: String
        public let url: ContentRegex
        public let matchingExamples: [String]
        public let ignoredExamples: [String]
        public let origin: String
    }

    public var entries: [CatalogueEntry] = [] { didSet { forgetMatches() } }
    public var testConventions: [TestConvention] = [] { didSet { forgetMatches() } }
    public var badgeHosts: [BadgeHost] = [] { didSet { forgetMatches() } }
    /// Files CODEOWNERS should cover as "the pipelines", besides what the pipeline detectors report.
    public var codeownersPipelinePaths: [PathGlob] = [] { didSet { forgetMatches() } }
    /// Paths never looked into (vendored code, generated trees).
    public var ignoredPaths: [PathGlob] = [] { didSet { forgetMatches() } }
    public var readBudget = DetectorReadBudget(files: 5_000, bytes: 64 << 20)
    /// What the path tests said of each path seen so far, shared by every scan with this catalogue (and
    /// made anew when the entries, conventions or ignored paths change).
    private(set) var pathVerdicts = PathVerdicts()
    /// What each entry's content patterns found in each blob seen so far, shared the same way.
    private(set) var contentMatches = ContentMatches()
    /// Made anew with the two above: it tells catalogues apart for what is kept outside them
    /// (`FileEvidenceMemo`), since a file gives the same detections only with the same catalogue.
    private(set) var identity = CatalogueIdentity()

    private mutating func forgetMatches() {
        pathVerdicts = PathVerdicts()
        contentMatches = ContentMatches()
        identity = CatalogueIdentity()
    }

    public init() {}

    /// The signals file probes read besides their own names (`FileSignal(…, signal:)` and direct readers).
    static let innerSignals: Set<String> = ["testFramework", "testKind", "planning", "statusBadges", "imageReferences"]

    /// What an entry's `feeds:` may name: a file probe, or one of the inner signals.
    static let knownFeeds: Set<String> = innerSignals.union(FileProbes.all.map(\.name))
}

/// One detector catalogue as loaded, by reference: two catalogues are the same while they share one.
final class CatalogueIdentity: Sendable {}

/// How many files, and bytes, the detectors may read in one scan.
public struct DetectorReadBudget: Sendable, Hashable {
    public let files: Int
    public let bytes: Int
}
