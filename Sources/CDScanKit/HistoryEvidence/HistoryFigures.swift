/// The figures of the history evidence, one small value type per question. Shares are 0…1; counts of
/// commits leave out commits after "as of".

/// Commits per window (committer time), and the repository's age.
public struct ActivityFigures: Sendable, Hashable, Codable {
    public var commits90 = 0
    public var commits365 = 0
    public var commitsTotal = 0
    /// Whole days from the oldest commit (committer time) to "as of".
    public var ageDays = 0
}

/// How people's work (non-merge commits by people, not bots) spreads over the weeks and months of the sample
/// window (the last 365 days, or the whole history when they hold too few commits; never more than the
/// history's span). Weeks and months are counted back from "as of".
public struct CadenceFigures: Sendable, Hashable, Codable {
    public var commits = 0
    /// Days of the window.
    public var windowDays = 0
    public var weeks = 0
    public var commitsPerWeek = 0.0
    public var activeWeeks = 0
    public var activeWeekShare = 0.0
    /// Months (twelfths of a year) of the window, and those with a commit.
    public var months = 0
    public var activeMonths = 0
    public var activeMonthShare = 0.0
    /// Standard deviation of the weekly counts over their mean (0 when there are no commits).
    public var weeklyVariation = 0.0
    /// Longest stretch without a commit, between two commits or from the last one to "as of" (whole days).
    public var longestGapDays = 0
    /// Share of the commits made in the busiest tenth of the weeks (at least one week).
    public var burstShare = 0.0
    /// Share of commits made on a Saturday or Sunday, in the author's own time zone.
    public var weekendShare = 0.0
    /// Share of commits made between 22:00 and 06:00, in the author's own time zone.
    public var lateNightShare = 0.0
}

/// People and bots. A person is an e-mail address compared case-insensitively; a bot is whoever the bots
/// catalogue names (by name or e-mail).
public struct PeopleFigures: Sendable, Hashable, Codable {
    public var authors90 = 0
    public var authors365 = 0
    public var authorsTotal = 0
    /// People who committed in the sample window (see `HistoryEvidence.sampleDays`).
    public var sampleAuthors = 0
    /// Share of all commits authored by bots.
    public var botCommitShare = 0.0
    /// The bots seen (catalogue names), sorted.
    public var bots: [String] = []
    /// Non-merge commits by people in the sample window: the population of the bus factor.
    public var busFactorCommits = 0
    /// The fewest people whose commits make up at least half of those commits.
    public var busFactor = 0
    public var topAuthorShare = 0.0
}

/// Who changes which area (application, tests, pipelines, infrastructure, docs …) in the sample window,
/// from commits by people whose changed paths were computed in full.
public struct AreaFigures: Sendable, Hashable, Codable {
    /// Areas changed at least once, in catalogue order.
    public var areas: [String] = []
    /// Areas only one person changed.
    public var areasWithSingleOwner: [String] = []
    /// Areas (that count across areas) whose people changed no other such area.
    public var siloedAreas: [String] = []
    /// Share of the people changing any cross-area area who changed two or more.
    public var crossAreaAuthorShare = 0.0
    public var people = 0
    /// People who changed two or more areas that count across areas.
    public var crossAreaPeople = 0
    public var commitsWithPaths = 0
    /// Commits by people in the window whose paths were not computed (outside the diff budget).
    public var commitsWithoutPaths = 0
}

/// How changes reach the mainline (the first-parent line from HEAD) in the sample window, and what
/// people's messages carry. Bots' commits, deployment records and version bumps are left out.
public struct CollaborationFigures: Sendable, Hashable, Codable {
    /// Mainline changes: merge-request merges + squash references + other merges + direct commits.
    public var mainlineChanges = 0
    public var mergeRequestMerges = 0
    public var squashMerges = 0
    /// Every merge commit on the mainline in the window (merge requests or not).
    public var mergeCommits = 0
    public var directCommits = 0
    /// Direct commits that someone other than their author committed (applied by a maintainer, merged from
    /// a forge's web interface).
    public var handedOverCommits = 0
    public var mergeRequestShare = 0.0
    /// Share of the mainline changes that passed through another person: merge requests, squash references
    /// and handed-over commits.
    public var throughOthersShare = 0.0
    public var directPushShare = 0.0
    /// The forges whose marks were seen, sorted.
    public var forges: [String] = []
    /// Commits by people in the window (merges included): the population of the trailer shares.
    public var messageCommits = 0
    public var reviewedCommits = 0
    public var coAuthoredCommits = 0
    public var reviewedShare = 0.0
    public var coAuthoredShare = 0.0
    public var signedOffShare = 0.0
    /// Non-merge commits by people in the window: the population of issue references and conventional commits.
    public var changeCommits = 0
    public var issueReferences = 0
    public var issueReferenceShare = 0.0
    public var conventionalShare = 0.0
}

/// The branch model the refs and the merge topology show.
public struct BranchModelFigures: Sendable, Hashable, Codable {
    public var model = BranchModelKind.unknown
    /// Why: the evidence the model was chosen on, for the message.
    public var reason = ""
    public var longLivedBranches: [String] = []
    /// Median days from a merged branch's first commit (author time) to its merge, over merges into the
    /// mainline in the last 365 days; nil when no branch was merged with a merge commit.
    public var medianBranchLifetimeDays: Double?
    public var mergedBranches = 0
}

/// Release tags (non-pre-release tags that the releases catalogue recognises), by tag date.
public struct ReleaseFigures: Sendable, Hashable, Codable {
    public var releasesTotal = 0
    public var releases365 = 0
    public var preReleases = 0
    public var releasesPerMonth = 0.0
    /// Standard deviation over mean of the days between consecutive releases in the last 365 days.
    public var intervalVariation = 0.0
    public var semverShare = 0.0
    public var annotatedShare = 0.0
    public var fixReleaseShare = 0.0
    /// Non-merge commits up to "as of" that repair a release after the fact or nudge the pipeline.
    public var releaseFixups = 0
    /// Among the latest `automationSample` releases (how releases are cut now, not how they were cut a
    /// decade ago): those whose tagger, or (without a tagger) whose tagged commit's author, is a bot.
    public var automatedReleases = 0
    public var automatedShare = 0.0
    /// How many of the latest releases the automated figures look at.
    public static let automationSample = 10
    /// Version-bump commits in the whole history, and the share made by bots.
    public var versionBumps = 0
    public var automatedBumpShare = 0.0
    public var latest: String?
}

/// Reverts and hotfixes among the sample window's non-merge commits (hotfixes also as merged hotfix branches).
public struct StabilityFigures: Sendable, Hashable, Codable {
    public var changes = 0
    public var reverts = 0
    public var hotfixes = 0
    public var revertShare = 0.0
    public var hotfixShare = 0.0
    /// Median hours from a reverted commit to its revert (committer times), nil when none was found.
    public var medianHoursToRevert: Double?
}

/// Git-only proxies of the DORA metrics over the last 365 days. Release points are release tags, or, when
/// there are none, deployment commits on the mainline.
public struct DeliveryFigures: Sendable, Hashable, Codable {
    public var basis = DeliveryBasis.none
    public var releasePoints = 0
    public var releasesPerWeek = 0.0
    /// Median hours from a commit (committer time) to the first release point that contains it.
    public var medianLeadTimeHours: Double?
    public var leadTimeSamples = 0
    /// Share of release points followed, before the next one, by a revert or hotfix or by a fix release
    /// within the catalogue's days; without release points, (reverts + hotfixes) / changes.
    public var changeFailureRate: Double?
    public var changeFailureBasis = ChangeFailureBasis.none
    /// Median hours from a failed release point to its repair (the first revert or hotfix after it, else
    /// the fix release); without release points, the median hours from a change to its revert.
    public var medianRestoreHours: Double?
}

/// How the branches are used, as the refs and the merge topology show it.
public enum BranchModelKind: String, Sendable, Hashable, Codable {
    case trunkBased = "trunk-based"
    case githubFlow = "github-flow"
    case gitflow
    case releaseBranches = "release-branches"
    case unknown
}

/// What the delivery proxies count as a release: release tags, else deployment commits on the mainline.
public enum DeliveryBasis: String, Sendable, Hashable, Codable {
    case releaseTags = "release tags"
    case deploymentCommits = "deployment commits"
    case none
}

/// What the change failure rate is a share of: release points, or (without any) commits.
public enum ChangeFailureBasis: String, Sendable, Hashable, Codable {
    case releasePoints = "release points"
    case commits
    case none
}
