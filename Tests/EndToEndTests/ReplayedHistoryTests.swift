import Foundation
import Testing
import FixtureKit

/// A rescan with `--cache` replays the history the last scan left (the cache's `tip`) and reads only the
/// new commits: its report is the bytes of a scan without a cache however the history grew — an old
/// branch merged among the cached commits, commits moving past the full-diff limit, a new artefact to
/// follow, a rewritten history — and it says in `--verbose` when it walked instead, and why.
@Suite struct ReplayedHistoryTests {
    typealias Cache = HistoryCacheTests

    /// A commit with its own author and committer time (`date` in ISO-8601), on the current branch.
    static func commit(_ message: String, file: String, in repository: URL, date: String) throws {
        try Data("\(message)\n".utf8).write(to: repository.appendingPathComponent(file))
        let identity = ["GIT_AUTHOR_NAME": "Replay Tester", "GIT_AUTHOR_EMAIL": "replay@example.com", "GIT_AUTHOR_DATE": date,
                        "GIT_COMMITTER_NAME": "Replay Tester", "GIT_COMMITTER_EMAIL": "replay@example.com", "GIT_COMMITTER_DATE": date]
        _ = try Git.run(["add", file], in: repository, environment: identity)
        _ = try Git.run(["commit", "-q", "-m", message], in: repository, environment: identity)
    }

    @Test func anOldBranchMergedAfterTheScanIsOrderedAmongTheCachedCommits() throws {
        let scratch = try Cache.Scratch()
        let repository = try scratch.clone("gitflow")
        try Cache.expectSameReport(repository.path, cache: scratch.cache)
        // A branch from an early commit, its commits dated between the cached ones, merged on top.
        let root = try Git.run(["rev-list", "--max-parents=0", "HEAD"], in: repository).split(separator: "\n")[0]
        let main = try Git.run(["rev-parse", "--abbrev-ref", "HEAD"], in: repository).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Git.run(["checkout", "-q", "-b", "late-branch", String(root)], in: repository)
        let firstTime = try Git.run(["log", "-1", "--format=%ct", String(root)], in: repository)
        let start = try #require(Int(firstTime.trimmingCharacters(in: .whitespacesAndNewlines)))
        for step in 1...3 {
            try Self.commit("fix: a late change \(step)", file: "late-\(step).txt", in: repository, date: "@\(start + step * 3_600) +0000")
        }
        _ = try Git.run(["checkout", "-q", main], in: repository)
        let identity = ["GIT_AUTHOR_NAME": "Replay Tester", "GIT_AUTHOR_EMAIL": "replay@example.com", "GIT_AUTHOR_DATE": "2031-02-01T00:00:00Z",
                        "GIT_COMMITTER_NAME": "Replay Tester", "GIT_COMMITTER_EMAIL": "replay@example.com",
                        "GIT_COMMITTER_DATE": "2031-02-01T00:00:00Z"]
        _ = try Git.run(["merge", "-q", "--no-ff", "-m", "Merge branch 'late-branch'", "late-branch"], in: repository, environment: identity)
        let notes = try Cache.expectSameReport(repository.path, cache: scratch.cache)
        #expect(Cache.replayed(notes), "\(notes)")
        #expect(Cache.commitCounts(notes)?.read == 4)
        // With a small full-diff budget the merged commits fall on both sides of it.
        let limited = try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "3"])
        #expect(Cache.replayed(limited), "\(limited)")
    }

    @Test func commitsMovingPastTheFullDiffLimitAreDiffedForWhatTheyNowNeed() throws {
        let scratch = try Cache.Scratch()
        let repository = try scratch.clone("trunk")
        try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        for day in 1...3 {
            try Cache.commit("feat: change \(day)", file: "change-\(day).txt", in: repository, day: day)
        }
        let notes = try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        #expect(Cache.replayed(notes), "\(notes)")
        #expect(notes.contains("changed-path lists computed"))
        // Every other budget replays the same cached history to its own report.
        for budget in ["none", "1", "5", "all"] {
            let other = try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", budget])
            #expect(Cache.replayed(other), "\(budget): \(other)")
        }
    }

    @Test func aNewArtefactToFollowMakesTheScanWalkAndSaySo() throws {
        let scratch = try Cache.Scratch()
        let repository = try scratch.clone("trunk")
        try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        // Infrastructure as code: one more artefact whose history is followed.
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("infra"), withIntermediateDirectories: true)
        try Cache.commit("resource \"null_resource\" \"network\" {}", file: "infra/main.tf", in: repository, day: 7)
        let notes = try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        #expect(notes.contains("the cached history was not replayed: the artefacts followed through the history changed"), "\(notes)")
        let again = try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        #expect(Cache.replayed(again), "the walk left a history to replay: \(again)")
        #expect(Cache.commitCounts(again)?.read == 0)
    }

    @Test func anArtefactRemovedIsFollowedNoMoreFromTheCachedPaths() throws {
        let scratch = try Cache.Scratch()
        let repository = try scratch.clone("trunk")
        try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        let identity = ["GIT_AUTHOR_NAME": "Replay Tester", "GIT_AUTHOR_EMAIL": "replay@example.com", "GIT_AUTHOR_DATE": "2031-01-09T12:00:00Z",
                        "GIT_COMMITTER_NAME": "Replay Tester", "GIT_COMMITTER_EMAIL": "replay@example.com",
                        "GIT_COMMITTER_DATE": "2031-01-09T12:00:00Z"]
        _ = try Git.run(["rm", "-q", ".github/workflows/release.yml"], in: repository, environment: identity)
        _ = try Git.run(["commit", "-q", "-m", "ci: release by hand again"], in: repository, environment: identity)
        let notes = try Cache.expectSameReport(repository.path, cache: scratch.cache, ["--changed-paths", "2"])
        #expect(Cache.replayed(notes), "\(notes)")
    }

    @Test func aFewNewCommitsAreReadAgainAndManyRewriteTheCachedHistory() throws {
        let scratch = try Cache.Scratch()
        let repository = try scratch.clone("service")
        try Cache.expectSameReport(repository.path, cache: scratch.cache)
        try Cache.commit("fix: one", file: "one.txt", in: repository, day: 1)
        try Cache.commit("fix: two", file: "two.txt", in: repository, day: 2)
        let few = try Cache.expectSameReport(repository.path, cache: scratch.cache)
        #expect(few.contains("not rewritten: 2 new commits are read again"), "\(few)")
        #expect(Cache.commitCounts(try Cache.expectSameReport(repository.path, cache: scratch.cache))?.read == 2)
        for step in 0..<70 {
            try Self.commit("feat: step \(step)", file: "steps.txt", in: repository,
                            date: "2031-03-\(String(format: "%02d", 1 + step / 24))T\(String(format: "%02d", step % 24)):00:00Z")
        }
        let many = try Cache.expectSameReport(repository.path, cache: scratch.cache)
        #expect(Cache.commitCounts(many)?.read == 72)
        #expect(many.contains("history cache: saved"), "\(many)")
        #expect(Cache.commitCounts(try Cache.expectSameReport(repository.path, cache: scratch.cache))?.read == 0)
    }

    @Test func aPastRevisionIsReplayedWithoutRewritingTheCache() throws {
        let scratch = try Cache.Scratch()
        let repository = try Fixtures.path("gitflow").path
        try Cache.expectSameReport(repository, cache: scratch.cache)
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.cache).first)
        let tip = URL(fileURLWithPath: scratch.cache).appendingPathComponent(folder).appendingPathComponent("tip")
        let before = try Data(contentsOf: tip)
        for revision in ["HEAD~1", "HEAD~3"] {
            let notes = try Cache.expectSameReport(repository, cache: scratch.cache, ["--revision", revision])
            #expect(Cache.replayed(notes), "\(revision): \(notes)")
            #expect(!notes.contains("no longer in the history"))
        }
        #expect(try Data(contentsOf: tip) == before)
    }
}
