/// What the single history walk measured, as plain figures for the history probes. Windows end at
/// "as of" (the HEAD commit's time or `--as-of`) and reach back 90 days, 365 days, or over the whole
/// history; nothing here reads the clock. Commits after "as of" are left out of every figure.
public struct HistoryEvidence: Sendable {
    public static let day: Int64 = 86_400

    /// Fewer non-merge commits by people than this in the last 365 days say little about how people work:
    /// the people figures then look at the whole history (see `sampleDays`).
    public static let minimumSample = 20

    public let asOf: Int64
    /// The window of the people figures (cadence, bus factor, collaboration, areas, stability): 365 days
    /// back from "as of", or nil for the whole history when the last 365 days hold too few commits.
    public let sampleDays: Int?
    /// A shallow clone: history before its boundary commits is missing.
    public let isShallow: Bool
    /// The newest committer time among the shallow boundary commits (history before it may be missing).
    public let shallowBoundaryTime: Int64?
    /// A history catalogue that could not be read: every history probe reports it as an error.
    public let catalogueProblem: String?

    public let activity: ActivityFigures
    public let cadence: CadenceFigures
    public let people: PeopleFigures
    public let areas: AreaFigures
    public let collaboration: CollaborationFigures
    public let branchModel: BranchModelFigures
    public let releases: ReleaseFigures
    public let stability: StabilityFigures
    public let delivery: DeliveryFigures
    let practiceIndex: ArtefactPracticeIndex

    /// No history measured (no walk observed, or a catalogue problem).
    public init(asOf: Int64 = 0, catalogueProblem: String? = nil) {
        self.init(asOf: asOf, sampleDays: 365, isShallow: false, shallowBoundaryTime: nil, catalogueProblem: catalogueProblem,
                  activity: ActivityFigures(), cadence: CadenceFigures(), people: PeopleFigures(), areas: AreaFigures(),
                  collaboration: CollaborationFigures(), branchModel: BranchModelFigures(), releases: ReleaseFigures(),
                  stability: StabilityFigures(), delivery: DeliveryFigures(), practiceIndex: ArtefactPracticeIndex())
    }

    init(asOf: Int64, sampleDays: Int?, isShallow: Bool, shallowBoundaryTime: Int64?, catalogueProblem: String?,
         activity: ActivityFigures, cadence: CadenceFigures, people: PeopleFigures, areas: AreaFigures,
         collaboration: CollaborationFigures, branchModel: BranchModelFigures, releases: ReleaseFigures,
         stability: StabilityFigures, delivery: DeliveryFigures, practiceIndex: ArtefactPracticeIndex) {
        self.asOf = asOf
        self.sampleDays = sampleDays
        self.isShallow = isShallow
        self.shallowBoundaryTime = shallowBoundaryTime
        self.catalogueProblem = catalogueProblem
        self.activity = activity
        self.cadence = cadence
        self.people = people
        self.areas = areas
        self.collaboration = collaboration
        self.branchModel = branchModel
        self.releases = releases
        self.stability = stability
        self.delivery = delivery
        self.practiceIndex = practiceIndex
    }

    /// Whether a window of `days` back from "as of" (nil: the whole history) holds every commit: always in
    /// a full clone; in a shallow one only when the boundary lies before the window starts.
    public func isComplete(days: Int?) -> Bool {
        guard isShallow else { return true }
        guard let days, let boundary = shallowBoundaryTime else { return false }
        return boundary <= asOf - Int64(days) * Self.day
    }

    /// How a set of files has been worked with: the practice behind an artefact. Always answers; with no
    /// history of those paths, every figure is zero or nil. `paths` are files or prefixes ending in "/";
    /// the figures come from the paths the walk followed (the artefacts the file detectors found).
    public func practice(of paths: [String]) -> ArtefactPractice {
        practiceIndex.practice(of: paths, isShallow: isShallow)
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
    /// Non-merge commits made since the first of its files appeared, up to "as of": the work that went
    /// through the artefact while it existed, however seldom its own files changed.
    public let flowCommits: Int

    public init(commits: Int, authors: Int, firstSeen: Int64?, lastTouched: Int64?, complete: Bool, flowCommits: Int = 0) {
        self.flowCommits = flowCommits
        self.commits = commits
        self.authors = authors
        self.firstSeen = firstSeen
        self.lastTouched = lastTouched
        self.complete = complete
    }
}
