import Foundation
import Testing
import FixtureKit
@testable import GitAccess

/// The walk is checked line for line against `git log` on every fixture: git is the independent oracle.
@Suite struct HistoryWalkTests {
    @Test func thereAreFixturesToTest() {
        #expect(FixtureRepositories.withHistory.count >= 8)
    }

    @Test(arguments: FixtureRepositories.withHistory)
    func metadataMatchesGitLog(fixture: String) throws {
        let (repository, url) = try FixtureRepositories.open(fixture)
        let head = try repository.head()
        var ours: [String] = []
        try repository.walkHistory(from: [head.commit], shallowRoots: repository.shallowRoots()) { commit in
            let parents = commit.parents.map(\.hex).joined(separator: " ")
            ours.append("\(commit.id.hex) \(commit.author.name) \(commit.author.email) \(commit.author.time.seconds) \(commit.committer.time.seconds) \(parents)")
        }
        let theirs = try FixtureRepositories.git("log", "--format=%H %an %ae %at %ct %P", in: url)
            .split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        #expect(ours.map { $0.trimmingCharacters(in: .whitespaces) }.sorted() == theirs.sorted())
        #expect(ours.count == theirs.count)
    }

    @Test(arguments: FixtureRepositories.withHistory)
    func summariesAndTrailersMatchGit(fixture: String) throws {
        let (repository, url) = try FixtureRepositories.open(fixture)
        var ours: [String] = []
        try repository.walkHistory(from: [try repository.head().commit], shallowRoots: repository.shallowRoots()) { commit in
            let trailers = commit.trailers.map { "\($0.key): \($0.value)" }.joined(separator: "|")
            ours.append("\(commit.id.hex)\t\(commit.summary)\t\(trailers)")
        }
        let theirs = try FixtureRepositories.git(
            "log", "--format=%H%x09%s%x09%(trailers:unfold,separator=|)%x00", in: url)
            .split(separator: "\0").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        #expect(ours.sorted() == theirs.sorted())
    }

    @Test(arguments: FixtureRepositories.withHistory)
    func changedPathsMatchGitLogNameOnly(fixture: String) throws {
        let (repository, url) = try FixtureRepositories.open(fixture)
        var ours: [String: [String]] = [:]
        try repository.walkHistory(from: [try repository.head().commit], changedPaths: .all,
                                   shallowRoots: repository.shallowRoots()) { commit in
            if let paths = commit.changedPaths, !paths.isEmpty { ours[commit.id.hex] = paths }
        }
        let theirs = try FixtureRepositories.changedPathsFromGit(in: url, excluding: repository.shallowRoots())
        #expect(ours == theirs)
    }

    @Test func prefixesLimitTheDiffToThosePaths() throws {
        let (repository, url) = try FixtureRepositories.open("service")
        var ours: [String: [String]] = [:]
        try repository.walkHistory(from: [try repository.head().commit],
                                   changedPaths: ChangedPathsBudget(commitLimit: .max, prefixes: ["infra/", ".github/"])) { commit in
            if let paths = commit.changedPaths, !paths.isEmpty { ours[commit.id.hex] = paths }
        }
        let theirs = try FixtureRepositories.changedPathsFromGit(in: url, paths: ["infra/", ".github/"])
        #expect(!theirs.isEmpty)
        #expect(ours == theirs)
    }

    @Test func trackedPrefixesAreFollowedPastTheFullDiffLimit() throws {
        let (repository, url) = try FixtureRepositories.open("service")
        var full: [String: [String]] = [:]
        var tracked: [String: [String]] = [:]
        let budget = ChangedPathsBudget(commitLimit: 3, trackedPrefixes: ["infra/", ".github/workflows/"])
        let statistics = try repository.walkHistory(from: [try repository.head().commit], changedPaths: budget) { commit in
            guard let paths = commit.changedPaths else { return }
            if commit.changedPathsScope == .full { full[commit.id.hex] = paths } else if !paths.isEmpty { tracked[commit.id.hex] = paths }
        }
        #expect(full.count == 3)
        #expect(statistics.commitsWithChangedPaths == 3)
        let all = try FixtureRepositories.changedPathsFromGit(in: url)
        for (id, paths) in full { #expect(all[id] == paths) }
        let gitTracked = try FixtureRepositories.changedPathsFromGit(in: url, paths: ["infra/", ".github/workflows/"])
            .filter { full[$0.key] == nil }
        #expect(!gitTracked.isEmpty)
        #expect(tracked == gitTracked)
    }

    @Test func theBudgetBoundsHowManyCommitsAreDiffed() throws {
        let (repository, _) = try FixtureRepositories.open("library")
        var diffed = 0
        let statistics = try repository.walkHistory(from: [try repository.head().commit],
                                                    changedPaths: ChangedPathsBudget(commitLimit: 3)) { commit in
            if commit.changedPaths != nil { diffed += 1 }
        }
        #expect(diffed == 3)
        #expect(statistics.commitsWithChangedPaths == 3)
        #expect(statistics.commits > 3)
    }

    @Test func aShallowCloneStopsAtItsBoundaryAndSaysSo() throws {
        let (repository, url) = try FixtureRepositories.open("shallow")
        #expect(repository.isShallow)
        let roots = repository.shallowRoots()
        #expect(!roots.isEmpty)
        var boundaries: [ObjectID] = []
        let statistics = try repository.walkHistory(from: [try repository.head().commit], changedPaths: .all,
                                                    shallowRoots: roots) { commit in
            if commit.isShallowBoundary {
                boundaries.append(commit.id)
                #expect(commit.parents.isEmpty)
                #expect(commit.changedPaths == nil)
            }
        }
        #expect(Set(boundaries) == roots)
        #expect(statistics.shallowBoundaries == roots.count)
        let count = Int(try FixtureRepositories.git("rev-list", "--count", "HEAD", in: url).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(statistics.commits == count)
    }

    @Test func walkingWithoutShallowRootsReportsTheMissingParent() throws {
        let (repository, _) = try FixtureRepositories.open("shallow")
        #expect {
            try repository.walkHistory(from: [try repository.head().commit]) { _ in }
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.kind == .notFound && error.message.contains("missing")
        }
    }
}
