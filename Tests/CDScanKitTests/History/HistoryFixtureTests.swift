import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// The history evidence on the fixture repositories, against figures computed from `git log` in the test
/// or by hand from the fixture's text.
@Suite struct HistoryFixtureTests {
    static let fixtures = ["hobby", "library", "service", "cloud-native", "gitflow", "trunk", "oddities"]

    @Test(arguments: fixtures)
    func activityMatchesGit(fixture: String) throws {
        let result = try HistoryScan.scan(fixture)
        let git = try GitFigures(result.url)
        let activity = result.history.activity
        #expect(activity.commitsTotal == git.commits.count)
        #expect(activity.commits365 == git.commits.filter { git.inWindow($0, days: 365) }.count)
        #expect(activity.commits90 == git.commits.filter { git.inWindow($0, days: 90) }.count)
        let oldest = try #require(git.commits.map(\.committerTime).min())
        #expect(activity.ageDays == Int((git.headTime - oldest) / 86_400))
    }

    @Test(arguments: fixtures)
    func peopleBotsAndBusFactorMatchGit(fixture: String) throws {
        let result = try HistoryScan.scan(fixture)
        let git = try GitFigures(result.url)
        let people = result.history.people
        let humans = git.commits.filter { !$0.isBot }
        #expect(people.authorsTotal == Set(humans.map { $0.authorEmail.lowercased() }).count)
        #expect(people.authors90 == Set(humans.filter { git.inWindow($0, days: 90) }.map { $0.authorEmail.lowercased() }).count)
        #expect(abs(people.botCommitShare - Double(git.commits.count - humans.count) / Double(git.commits.count)) < 1e-9)
        var counts: [String: Int] = [:]
        for commit in humans where !commit.isMerge && git.inWindow(commit, days: 365) {
            counts[commit.authorEmail.lowercased(), default: 0] += 1
        }
        let sorted = counts.values.sorted(by: >)
        let total = sorted.reduce(0, +)
        var covered = 0
        let busFactor = sorted.firstIndex { covered += $0; return covered * 2 >= total }.map { $0 + 1 } ?? 0
        #expect(people.busFactor == busFactor)
        #expect(abs(people.topAuthorShare - Double(sorted.first ?? 0) / Double(max(total, 1))) < 1e-9)
    }

    @Test func botsAreRecognisedAndKeptApart() throws {
        #expect(try HistoryScan.scan("service").history.people.bots == ["dependabot", "github-actions"])
        #expect(try HistoryScan.scan("trunk").history.people.bots == ["semantic-release-bot"])
        #expect(try HistoryScan.scan("library").history.people.bots == [])
        // One person with two spellings of an e-mail address is one person (oddities: jose@ and JOSE@).
        let oddities = try HistoryScan.scan("oddities")
        let emails = try GitFigures(oddities.url).commits.map(\.authorEmail)
        #expect(Set(emails).count == oddities.history.people.authorsTotal + 1)
    }

    /// Weekend and late-night shares in the author's own time zone: git's `--date=format:` prints the
    /// author date in the offset it was recorded with (hobby: +01:00 and +02:00; oddities: -10:00 … +12:45).
    @Test(arguments: ["hobby", "oddities", "library", "trunk"])
    func weekendAndLateNightSharesInTheAuthorsTimeZone(fixture: String) throws {
        let result = try HistoryScan.scan(fixture)
        let git = try GitFigures(result.url)
        let days = min(365, Int((git.headTime - git.commits.map(\.committerTime).min()! + 86_399) / 86_400))
        let counted = git.commits.filter { !$0.isMerge && !$0.isBot && git.inWindow($0, days: days) }
        let weekend = counted.filter { $0.localWeekday >= 6 }.count
        let night = counted.filter { $0.localHour >= 22 || $0.localHour < 6 }.count
        let cadence = result.history.cadence
        #expect(cadence.commits == counted.count)
        #expect(abs(cadence.weekendShare - Double(weekend) / Double(counted.count)) < 1e-9)
        #expect(abs(cadence.lateNightShare - Double(night) / Double(counted.count)) < 1e-9)
    }

    @Test func hobbyIsBurstyAndOneLateNightPerson() throws {
        let result = try HistoryScan.scan("hobby")
        let cadence = result.history.cadence
        // By hand: bursts on 2023-03-11/12, 2023-04-01, 2023-06-16/17, 2023-10-28/29, 2024-02-03/04.
        // The longest gap is 2023-06-17 03:02 +02:00 to 2023-10-28 20:05 +02:00: 133 days.
        #expect(cadence.longestGapDays == 133)
        #expect(cadence.weekendShare > 0.9)
        #expect(try result.finding("commitCadenceIsRegular").outcome == .no)
        #expect(try result.finding("hasSeveralActiveAuthors").outcome == .no)
        #expect(try result.finding("busFactorIsHealthy").outcome == .no)
        #expect(try result.finding("branchModel").values["model"] == .string("trunk-based"))
        #expect(try result.finding("releasesRegularly").outcome == .no)
        #expect(try result.finding("usesMergeRequests").outcome == .no)
        let cloud = try HistoryScan.scan("cloud-native")
        #expect(try cloud.finding("commitCadenceIsRegular").outcome == .yes)
        #expect(try cloud.finding("busFactorIsHealthy").outcome == .yes)
    }

    @Test func mergeRequestWorkflowOnTheMainline() throws {
        // library: five "Merge pull request" merges on the first-parent line; the other first-parent
        // commits are direct, except "Release 0.2.1", a version bump.
        let library = try HistoryScan.scan("library")
        let firstParent = try GitFigures(library.url, range: ["--first-parent", "HEAD"])
        let prMerges = firstParent.commits.filter { $0.isMerge && $0.summary.hasPrefix("Merge pull request #") }.count
        let direct = firstParent.commits.filter { !$0.isMerge && !$0.summary.hasPrefix("Release ") }.count
        #expect(prMerges == 5)
        let figures = library.history.collaboration
        #expect(figures.mergeRequestMerges == prMerges && figures.mergeCommits == prMerges)
        #expect(figures.directCommits == direct)
        #expect(figures.forges == ["github"])

        // service and trunk: squash merges "… (#n)" by people on the first-parent line.
        for fixture in ["service", "trunk"] {
            let result = try HistoryScan.scan(fixture)
            let git = try GitFigures(result.url, range: ["--first-parent", "HEAD"])
            let squashes = git.commits.filter {
                !$0.isBot && !$0.isMerge && $0.summary.range(of: #" \(#[0-9]+\)$"#, options: .regularExpression) != nil
            }.count
            #expect(result.history.collaboration.squashMerges == squashes, "\(fixture)")
            #expect(result.history.collaboration.mergeCommits == 0)
        }
        #expect(try HistoryScan.scan("service").finding("usesMergeRequests").outcome == .yes)
        #expect(try HistoryScan.scan("trunk").finding("usesMergeRequests").outcome == .no)
        #expect(try HistoryScan.scan("cloud-native").finding("usesMergeRequests").outcome == .yes)
        // gitflow: local "Merge branch …" merges are merges, but not merge requests.
        let gitflow = try HistoryScan.scan("gitflow")
        #expect(gitflow.history.collaboration.mergeRequestMerges == 0)
        #expect(gitflow.history.collaboration.mergeCommits == 5)
        #expect(try gitflow.finding("usesMergeRequests").outcome == .no)
    }

    @Test func trailersMatchGit() throws {
        let result = try HistoryScan.scan("cloud-native")
        let git = try GitFigures(result.url)
        func carrying(_ key: String) throws -> Int {
            try git.git(["log", "--format=%H %(trailers:key=\(key),valueonly,separator=;)"])
                .split(separator: "\n").filter { $0.split(separator: " ").count > 1 }.count
        }
        let figures = result.history.collaboration
        #expect(figures.messageCommits == git.commits.count)   // no bots in cloud-native
        #expect(abs(figures.reviewedShare - Double(try carrying("Reviewed-by")) / Double(git.commits.count)) < 1e-9)
        #expect(abs(figures.signedOffShare - Double(try carrying("Signed-off-by")) / Double(git.commits.count)) < 1e-9)
        #expect(try result.finding("hasReviewTrailers").outcome == .yes)
        #expect(try HistoryScan.scan("hobby").finding("hasReviewTrailers").outcome == .no)
    }

    @Test func conventionalCommitsAndIssueReferences() throws {
        for (fixture, expected) in [("trunk", Finding.Outcome.yes), ("service", .yes), ("library", .no), ("hobby", .no)] {
            let result = try HistoryScan.scan(fixture)
            let git = try GitFigures(result.url)
            let changes = git.commits.filter { !$0.isBot && !$0.isMerge && git.inWindow($0, days: 365) }
            let conventional = changes.filter {
                $0.summary.range(of: #"^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert|deps|release|security)(\([^)]*\))?!?: "#,
                                 options: .regularExpression) != nil
            }.count
            #expect(abs(result.history.collaboration.conventionalShare - Double(conventional) / Double(changes.count)) < 1e-9, "\(fixture)")
            #expect(try result.finding("usesConventionalCommits").outcome == expected, "\(fixture)")
        }
        // No fixture message references an issue outside a merge request's own number, except library's
        // carol/fix-wraparound commit body ("Fixes #3") — found by hand in repo.yml.
        let library = try HistoryScan.scan("library")
        let referencing = try library.url.path.isEmpty ? "" : GitFigures(library.url).git(["log", "--no-merges", "--format=%H", "--grep=#[0-9]"])
        #expect(library.history.collaboration.issueReferenceShare * Double(library.history.collaboration.changeCommits)
                == Double(referencing.split(separator: "\n").count))
        #expect(try library.finding("referencesIssues").outcome == .no)
    }

    @Test func branchModels() throws {
        #expect(try HistoryScan.scan("gitflow").history.branchModel.model == .gitflow)
        #expect(try HistoryScan.scan("trunk").history.branchModel.model == .trunkBased)
        #expect(try HistoryScan.scan("library").history.branchModel.model == .githubFlow)
        #expect(try HistoryScan.scan("service").history.branchModel.model == .githubFlow)
        #expect(try HistoryScan.scan("cloud-native").history.branchModel.model == .githubFlow)
        let gitflow = try HistoryScan.scan("gitflow").history.branchModel
        #expect(gitflow.longLivedBranches == ["develop", "main", "release/1.0"])
    }

    /// A merged branch lives from its oldest own commit (author time; `git log M^1..M^2`) to its merge.
    @Test(arguments: ["library", "cloud-native"])
    func branchLifetimesMatchGit(fixture: String) throws {
        let result = try HistoryScan.scan(fixture)
        let mainline = try GitFigures(result.url, range: ["--first-parent", "HEAD"])
        var days: [Double] = []
        for merge in mainline.commits where merge.isMerge {
            let own = try GitFigures(result.url, range: ["\(merge.id)^1..\(merge.id)^2"])
            let oldest = try #require(own.commits.map(\.authorTime).min())
            days.append(Double(merge.committerTime - oldest) / 86_400)
        }
        let median = try #require(GitFigures.median(days))
        #expect(abs(try #require(result.history.branchModel.medianBranchLifetimeDays) - median) < 1e-9)
    }

    @Test func releasesByPeopleAndByPipelines() throws {
        let library = try HistoryScan.scan("library")
        let releases = library.history.releases
        #expect(releases.releasesTotal == 4 && releases.annotatedShare == 1 && releases.semverShare == 1)
        // By hand: v0.2.1 came two days after v0.2.0 and raises only the patch number.
        #expect(releases.fixReleaseShare == 0.25)
        #expect(releases.automatedShare == 0)
        #expect(try library.finding("releasesAreAutomated").outcome == .no)
        for fixture in ["service", "trunk"] {
            let result = try HistoryScan.scan(fixture)
            let taggers = try GitFigures(result.url).git(["for-each-ref", "refs/tags", "--format=%(taggername)"]).split(separator: "\n")
            #expect(taggers.allSatisfy { $0.hasSuffix("[bot]") || $0 == "semantic-release-bot" })
            #expect(result.history.releases.automatedShare == 1, "\(fixture)")
            #expect(result.history.releases.automatedBumpShare == 1, "\(fixture)")
            #expect(try result.finding("releasesAreAutomated").outcome == .yes)
        }
        let trunk = try HistoryScan.scan("trunk")
        // v1.2.1 a day after v1.2.0: a fix release; four releases in nine days.
        #expect(trunk.history.releases.fixReleaseShare == 0.25)
        #expect(try trunk.finding("releasesRegularly").outcome == .yes)
        #expect(try HistoryScan.scan("hobby").finding("releasesAreAutomated").outcome == .notAvailable)
        // oddities: v1.0 is a release, "latest" is not.
        #expect(try HistoryScan.scan("oddities").history.releases.releasesTotal == 1)
    }

    @Test func revertsAndTimeToRevertMatchGit() throws {
        let result = try HistoryScan.scan("service")
        let git = try GitFigures(result.url)
        let revert = try #require(git.commits.first { $0.summary.hasPrefix("Revert \"") })
        let body = try git.git(["show", "-s", "--format=%b", revert.id])
        let revertedID = try #require(body.range(of: "This reverts commit ").map { String(body[$0.upperBound...].prefix(40)) })
        let reverted = Int64(try git.git(["show", "-s", "--format=%ct", revertedID]))!
        let stability = result.history.stability
        #expect(stability.reverts == 1)
        #expect(try #require(stability.medianHoursToRevert) == Double(revert.committerTime - reverted) / 3600)
        #expect(try result.finding("changesAreStable").outcome == .yes)
        let gitflow = try HistoryScan.scan("gitflow")
        // develop's history holds the merge of hotfix/1.0.1 (the hotfix merge into main is on main only).
        #expect(gitflow.history.stability.hotfixes == 1)
        #expect(gitflow.history.stability.reverts == 0)
    }

    /// Lead time: from each non-merge commit to the first release tag containing it (`git rev-list
    /// previous..tag`), release commits themselves aside.
    @Test(arguments: ["trunk", "library", "service"])
    func leadTimesMatchGit(fixture: String) throws {
        let result = try HistoryScan.scan(fixture)
        let git = try GitFigures(result.url)
        let tags = try git.git(["for-each-ref", "refs/tags", "--sort=taggerdate", "--format=%(refname:short) %(taggerdate:unix)"])
            .split(separator: "\n").map { $0.split(separator: " ") }
        var hours: [Double] = []
        var previous: String?
        for tag in tags {
            let range = previous.map { ["\($0)..\(tag[0])"] } ?? [String(tag[0])]
            let date = Int64(tag[1])!
            for commit in try GitFigures(result.url, range: ["--no-merges"] + range).commits
            where !(commit.summary.hasPrefix("chore(release)") || commit.summary.hasPrefix("chore(main): release")
                    || commit.summary.hasPrefix("Release ")) {
                hours.append(Double(max(0, date - commit.committerTime)) / 3600)
            }
            previous = String(tag[0])
        }
        let delivery = result.history.delivery
        #expect(delivery.basis == .releaseTags)
        #expect(delivery.leadTimeSamples == hours.count)
        #expect(abs(try #require(delivery.medianLeadTimeHours) - GitFigures.median(hours)!) < 1e-9)
        #expect(try result.finding("deliveryProxies").message.contains("proxy"))
    }

    @Test func deliveryProxiesByHand() throws {
        // trunk, by hand: releases v1.0.0 (03-05), v1.1.0 (03-07), v1.2.0 (03-13), v1.2.1 (03-14, a fix
        // release a day later): one failed release of four; restored when the fix release came out.
        let trunk = try HistoryScan.scan("trunk")
        #expect(trunk.history.delivery.changeFailureRate == 0.25)
        let v120 = Int64(try GitFigures(trunk.url).git(["for-each-ref", "refs/tags/v1.2.0", "--format=%(taggerdate:unix)"]))!
        let v121 = Int64(try GitFigures(trunk.url).git(["for-each-ref", "refs/tags/v1.2.1", "--format=%(taggerdate:unix)"]))!
        #expect(trunk.history.delivery.medianRestoreHours == Double(v121 - v120) / 3600)
        // gitflow: v1.0.0 is followed by the hotfix branch and the fix release v1.0.1; v1.0.1 by nothing.
        #expect(try HistoryScan.scan("gitflow").history.delivery.changeFailureRate == 0.5)
        // cloud-native has no tags: its production promotions are the release points.
        let cloud = try HistoryScan.scan("cloud-native")
        let promotions = try GitFigures(cloud.url, range: ["--first-parent", "HEAD"]).commits.filter {
            $0.summary.contains("to production")
        }.count
        #expect(cloud.history.delivery.basis == .deploymentCommits)
        #expect(cloud.history.delivery.releasePoints == promotions)
        // hobby has neither: the change-failure proxy falls back to reverts and hotfixes per commit.
        let hobby = try HistoryScan.scan("hobby")
        #expect(hobby.history.delivery.basis == .none && hobby.history.delivery.changeFailureBasis == .commits)
    }

    @Test func authorsAcrossAreas() throws {
        // gitflow, by hand: Jonas alone touched the Jenkinsfile (pipelines); all three changed code and tests.
        let gitflow = try HistoryScan.scan("gitflow").history.areas
        #expect(gitflow.areasWithSingleOwner == ["pipelines"])
        #expect(try HistoryScan.scan("library").finding("authorsWorkAcrossAreas").outcome == .yes)
        #expect(try HistoryScan.scan("hobby").finding("authorsWorkAcrossAreas").outcome == .notAvailable)
        // With no full diffs, areas cannot be told and the finding says the figures are incomplete.
        let partial = try HistoryScan.scan("library", options: ScanOptions(changedPaths: ChangedPathsBudget(commitLimit: 5)))
        #expect(partial.history.areas.commitsWithoutPaths > 0)
        #expect(try partial.finding("authorsWorkAcrossAreas").values["incomplete"] == .bool(true))
    }

    /// A tutorial's Terraform, changed by several people and nothing else: with one area, nobody could have
    /// changed another, so no area is a silo (it was read as "infrastructure held apart").
    @Test func workInOneAreaOnlyHasNoSilos() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-one-area-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try FixtureSpec.parse("""
            authors:
              ann: {name: Ann One, email: ann@example.com, tz: "+0000"}
              bo: {name: Bo Two, email: bo@example.com, tz: "+0000"}
            steps:
              - repeat:
                  count: 6
                  from: "2024-01-01T10:00:00"
                  every: "3d"
                  author: [ann, bo]
                  message: "eks {n}"
                  write: {main.tf: "locals {\\n  n = {n}\\n}\\n"}
            """, file: "inline.yml", name: "one-area")
        try FixtureBuilder().build(spec: spec, into: directory)
        let result = try HistoryScan.scan(url: directory)
        #expect(result.history.areas.areas == ["infrastructure"])
        #expect(result.history.areas.siloedAreas.isEmpty)
        #expect(result.history.areas.crossAreaAuthorShare == 0)
    }

    /// Two maintainers who each change code, tests and the pipeline, and five people who each sent one
    /// change to the application: the drive-by contributors could not have shown work in two areas, so they
    /// say nothing about silos (the application is not "held by people who touch nothing else").
    @Test func driveByContributorsShowNoSilos() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-drive-by-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var authors = "  ann: {name: Ann One, email: ann@example.com, tz: \"+0000\"}\n  bo: {name: Bo Two, email: bo@example.com, tz: \"+0000\"}\n"
        var visits = ""
        for visitor in 1...5 {
            authors += "  v\(visitor): {name: Visitor \(visitor), email: v\(visitor)@example.com, tz: \"+0000\"}\n"
            visits += """
                  - commit: {at: "2024-02-0\(visitor)T10:00:00", author: v\(visitor), message: "fix \(visitor)", write: {"src/fix\(visitor).py": "x = \(visitor)\\n"}}

                """
        }
        let spec = try FixtureSpec.parse("""
            authors:
            \(authors)steps:
              - repeat:
                  count: 4
                  from: "2024-01-01T10:00:00"
                  every: "2d"
                  author: [ann, bo]
                  message: "feature {n}"
                  write: {"src/app.py": "n = {n}\\n", "tests/test_app.py": "n = {n}\\n", ".github/workflows/ci.yml": "on: push # {n}\\n"}
            \(visits)
            """, file: "inline.yml", name: "drive-by")
        try FixtureBuilder().build(spec: spec, into: directory)
        let areas = try HistoryScan.scan(url: directory).history.areas
        #expect(areas.people == 2)
        #expect(areas.crossAreaPeople == 2)
        #expect(areas.siloedAreas.isEmpty)
    }

    @Test func aShallowCloneGivesWhatItCanMarkedIncomplete() throws {
        let result = try HistoryScan.scan("shallow")
        #expect(result.history.isShallow)
        #expect(try result.finding("hasRecentActivity").outcome == .yes)
        #expect(try result.finding("hasRecentActivity").values["incomplete"] == .bool(true))
        for probe in ["busFactorIsHealthy", "commitCadenceIsRegular", "usesMergeRequests", "branchModel",
                      "changesAreStable", "deliveryProxies"] {
            let finding = try result.finding(probe)
            #expect(finding.outcome == .notAvailable, "\(probe)")
            #expect(finding.values["incomplete"] == .bool(true), "\(probe)")
            #expect(finding.message.contains("shallow clone"), "\(probe)")
        }
        #expect(try HistoryScan.scan("library").finding("busFactorIsHealthy").values["incomplete"] == .bool(false))
    }

    @Test func theSameCommitGivesTheSameFiguresOnAnyDay() throws {
        let first = ProbeRunner.run(HistoryProbes.all, on: try HistoryScan.scan("service").evidence)
        let second = ProbeRunner.run(HistoryProbes.all, on: try HistoryScan.scan("service").evidence)
        #expect(first == second)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first) == encoder.encode(second))
        // "As of" moves the windows, not the clock: a year after HEAD nothing is recent.
        let library = try HistoryScan.scan("library")
        let later = try HistoryScan.scan("library", options: ScanOptions(asOf: library.snapshot.asOf + 400 * 86_400, changedPaths: .all))
        #expect(later.history.activity.commits90 == 0 && later.history.activity.commits365 == 0)
        #expect(try later.finding("hasRecentActivity").outcome == .no)
        // Before HEAD: commits after "as of" are left out (2023-07-01: up to the v0.2.1 release).
        let earlier = try HistoryScan.scan("library", options: ScanOptions(asOf: 1_688_169_600, changedPaths: .all))
        let git = try GitFigures(library.url)
        #expect(earlier.history.activity.commitsTotal == git.commits.filter { $0.committerTime <= 1_688_169_600 }.count)
        #expect(earlier.history.releases.releasesTotal == 3)
    }
}
