/// What the history walk measured (filled in by the evidence-from-history work).
public struct HistoryEvidence: Sendable {
    public init() {}

    /// How a set of files has been worked with: the practice behind an artefact. Always answers; with no
    /// history of those paths, every figure is zero or nil.
    public func practice(of paths: [String]) -> ArtefactPractice {
        ArtefactPractice(commits: 0, authors: 0, firstSeen: nil, lastTouched: nil, complete: false)
    }
}

/// How an artefact (a pipeline, a Terraform tree, an SLO file …) has been worked with.
public struct ArtefactPractice: Sendable, Hashable {
    /// Commits that changed any of its files.
    public let commits: Int
    /// Distinct people (not bots) among those commits' authors.
    public let authors: Int
    /// When the first of its files appeared (author time), nil when unknown.
    public let firstSeen: Int64?
    /// When any of its files last changed, nil when unknown.
    public let lastTouched: Int64?
    /// False when the figures may miss commits (a shallow clone, or diffs cut short by the budget).
    public let complete: Bool

    public init(commits: Int, authors: Int, firstSeen: Int64?, lastTouched: Int64?, complete: Bool) {
        self.commits = commits
        self.authors = authors
        self.firstSeen = firstSeen
        self.lastTouched = lastTouched
        self.complete = complete
    }
}
