import Foundation
import Testing
import FixtureKit
@testable import GitAccess

/// A visitor on a second thread sees exactly what it sees on the walking thread: the same commits, in the
/// same order, with the same changed paths, over a history long enough to fill the handoff's queue many
/// times; and its error ends the walk as it would without a second thread.
@Suite struct VisitBesideWalkTests {
    /// 6,000 commits on main, a merge of a two-commit side branch every 250.
    static let repository: Result<URL, any Error> = Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-beside-walk-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Git.run(["init", "-q", "--bare", "-b", "main", url.path], in: url)
        var stream = ""
        var mark = 0
        func commit(_ branch: String, from parents: [Int], time: Int, file: String) -> Int {
            mark += 1
            stream += "commit refs/heads/\(branch)\nmark :\(mark)\n"
            stream += "author A <a@example.com> \(1_600_000_000 + time * 60) +0000\n"
            stream += "committer A <a@example.com> \(1_600_000_000 + time * 60) +0000\n"
            let message = "change \(mark)\n", content = "rev \(mark)\n"
            stream += "data \(message.utf8.count)\n\(message)"
            if let first = parents.first { stream += "from :\(first)\n" }
            for other in parents.dropFirst() { stream += "merge :\(other)\n" }
            stream += "M 100644 inline \(file)\ndata \(content.utf8.count)\n\(content)"
            return mark
        }
        var main = commit("main", from: [], time: 0, file: "README")
        for number in 1..<6_000 {
            if number % 250 == 0 {
                let side1 = commit("side", from: [main], time: number * 10 - 5, file: "side/\(number).txt")
                let side2 = commit("side", from: [side1], time: number * 10 - 3, file: "side/\(number).txt")
                main = commit("main", from: [main, side2], time: number * 10, file: "merges/\(number % 7)")
            } else {
                main = commit("main", from: [main], time: number * 10, file: "src/\(number % 40)/f\(number % 3)")
            }
        }
        try Git.run(["fast-import", "--quiet"], in: url, input: Data(stream.utf8))
        return url
    }

    static func walk(besideWalk: Bool, stopAt: Int? = nil) throws -> [String] {
        let repository = try GitRepository(path: try Self.repository.get().path)
        var seen: [String] = []
        try repository.walkHistory(from: [try repository.head().commit],
                                   changedPaths: ChangedPathsBudget(commitLimit: 4_000, prefixes: []),
                                   visitBesideWalk: besideWalk) { commit in
            if seen.count == stopAt { throw StopHere() }
            seen.append("\(commit.id.hex) \((commit.changedPaths ?? ["-"]).joined(separator: ","))")
        }
        return seen
    }

    struct StopHere: Error {}

    /// Each commit's changed paths and scope, walked with tracked prefixes known up front or told late.
    static func trackedWalk(late: Bool, besideWalk: Bool, commitLimit: Int) throws -> [String] {
        let repository = try GitRepository(path: try Self.repository.get().path)
        let tracked = ["side/", "src/3/f0"]
        var budget = ChangedPathsBudget(commitLimit: commitLimit, trackedLimit: 5_000)
        if !late { budget.trackedPrefixes = tracked }
        var seen: [String] = []
        try repository.walkHistory(from: [try repository.head().commit], changedPaths: budget, visitBesideWalk: besideWalk,
                                   trackedPrefixesLater: late ? { tracked } : nil) { commit in
            seen.append("\(commit.id.hex) \(commit.changedPathsScope) \((commit.changedPaths ?? ["-"]).joined(separator: ","))")
        }
        return seen
    }

    @Test(arguments: [0, 1_000])
    func trackedPrefixesToldLateGiveTheSameWalk(commitLimit: Int) throws {
        let early = try Self.trackedWalk(late: false, besideWalk: false, commitLimit: commitLimit)
        #expect(early.filter { $0.contains("tracked side/") }.count > 10)
        #expect(try Self.trackedWalk(late: true, besideWalk: false, commitLimit: commitLimit) == early)
        #expect(try Self.trackedWalk(late: true, besideWalk: true, commitLimit: commitLimit) == early)
    }

    @Test func theVisitorSeesTheSameCommitsInTheSameOrder() throws {
        let onWalkingThread = try Self.walk(besideWalk: false)
        #expect(onWalkingThread.count == 6_000 + 2 * 23)
        #expect(try Self.walk(besideWalk: true) == onWalkingThread)
    }

    /// The diffs computed on a thread of their own count a missing tree as the walking thread counts it.
    @Test func aMissingTreeCostsItsCommitThePathsOnEitherThread() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-beside-missing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let layout = try HostileObjects.healthy(at: directory)
        let tree = layout.workflowsTree
        try FileManager.default.removeItem(at: directory.appendingPathComponent(
            ".git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))"))
        func walk(besideWalk: Bool) throws -> ([String], WalkStatistics) {
            let repository = try GitRepository(path: directory.path)
            var seen: [String] = []
            let statistics = try repository.walkHistory(from: [try repository.head().commit], changedPaths: .all,
                                                        visitBesideWalk: besideWalk) { commit in
                seen.append("\(commit.id.hex) \((commit.changedPaths ?? ["-"]).joined(separator: ","))")
            }
            return (seen, statistics)
        }
        let (alone, aloneStatistics) = try walk(besideWalk: false)
        let (beside, besideStatistics) = try walk(besideWalk: true)
        #expect(aloneStatistics.commitsWithUnreadableTrees > 0)
        #expect(beside == alone)
        #expect(besideStatistics == aloneStatistics)
    }

    @Test(arguments: [0, 1, 511, 512, 3_000, 6_045])
    func aVisitorsErrorEndsTheWalk(at count: Int) throws {
        #expect(throws: StopHere.self) { try Self.walk(besideWalk: true, stopAt: count) }
        #expect(throws: StopHere.self) { try Self.walk(besideWalk: false, stopAt: count) }
    }
}
