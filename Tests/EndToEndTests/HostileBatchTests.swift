import CDScanStore
import FixtureKit
import Foundation
import Testing

/// The promise to a platform team: a batch of good repositories with every hostile shape among them runs
/// to the end, stores every good result, and says of each hostile one what happened — a failed row with its
/// reason where the repository cannot be assessed (HEAD's commit or root tree damaged), a stored report
/// with the damage named where it can — and a rerun does the same.
@Suite struct HostileBatchTests {
    /// Each hostile repository with what the batch must say of it: nil for a stored report, else a part of
    /// the failure's reason.
    private static func hostileRepositories(in root: URL) throws -> [(name: String, failure: String?)] {
        func at(_ name: String) -> URL { root.appendingPathComponent(name) }
        try HostileObjects.headerClaimsFewerBytes(at: at("header-lies"))
        _ = try HostileObjects.truncated(.workflowBlob, at: at("truncated-blob"))
        _ = try HostileObjects.truncated(.rootTree, at: at("truncated-root-tree"))
        _ = try HostileObjects.truncated(.headCommit, at: at("truncated-head"))
        _ = try HostileObjects.truncated(.middleCommit, at: at("truncated-history"))
        _ = try HostileObjects.treeCutMidEntry(root: true, at: at("root-tree-cut"))
        _ = try HostileObjects.treeCutMidEntry(root: false, at: at("subtree-cut"))
        try HostileObjects.flippedWorkflowBytes(at: at("flipped-bytes"))
        try HostileObjects.sharedSubtrees(levels: 40, at: at("shared-subtrees"))
        try HostileFiles.sharedWorkflowBlob(at: at("one-blob-many-workflows"), count: 5_000)
        try HostileFiles.nestedJenkinsStages(at: at("nested-stages"))
        try HostileFiles.repeatedBuildspec(at: at("repeated-buildspec"))
        try HostileFiles.oversizedPipelineFile(at: at("oversized-ci-file"), bytes: 80_000_000)
        try HostileFiles.billionLaughsWorkflow(at: at("billion-laughs"))
        try HostilePatterns.deepTreeWithStarredExclude(at: at("starred-exclude"))
        try HostilePatterns.packWithNestedQuantifier(at: at("nested-quantifier-pack"))
        try HostilePatterns.packThatDoesNotLoad(at: at("broken-pack"), contains: "(x)\\1")
        return [
            ("one-blob-many-workflows", nil), ("nested-stages", nil), ("repeated-buildspec", nil),
            ("oversized-ci-file", nil), ("billion-laughs", nil), ("starred-exclude", nil),
            ("nested-quantifier-pack", nil), ("broken-pack", "not supported"),
            ("header-lies", nil), ("truncated-blob", nil), ("subtree-cut", nil), ("flipped-bytes", nil),
            ("shared-subtrees", nil),
            ("truncated-root-tree", "damaged"), ("truncated-head", "damaged"), ("truncated-history", "damaged"),
            ("root-tree-cut", "damaged"),
        ]
    }

    @Test func twentyGoodRepositoriesAndEveryHostileOneTwice() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-hostile-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let root = work.appendingPathComponent("org")
        try SyntheticRepositories.generate(count: 20, into: root.appendingPathComponent("good"))
        let hostile = try Self.hostileRepositories(in: root.appendingPathComponent("hostile"))
        let database = work.appendingPathComponent("org.db").path
        let total = 20 + hostile.count
        let failing = hostile.filter { $0.failure != nil }
        for round in ["first", "rerun"] {
            let started = Date()
            let run = try CDScanBinary.run(["batch", root.path, "--db", database, "--jobs", "2", "--timeout", "30"])
            #expect(run.status == 3, "\(round): \(run.stderr)")
            #expect(run.status < 128)
            let scanned = round == "first" ? "\(total - failing.count) scanned, 0 unchanged" : "0 scanned, \(total - failing.count) unchanged"
            #expect(run.stderr.contains("done: \(total) repositories: \(scanned), \(failing.count) failed"), "\(round): \(run.stderr)")
            let failures = run.stderr.split(separator: "\n").drop { $0 != "failed:" }.dropFirst()
            for (name, reason) in failing {
                #expect(failures.contains { $0.contains(name) && $0.contains(reason ?? "") }, "\(round): \(name) in \(failures)")
            }
            #expect(Date().timeIntervalSince(started) < 60, "\(round)")
        }
        let store = try ScanStore.openExisting(path: database)
        let latest = try store.latest().map(\.record)
        #expect(latest.filter { $0.status == .scanned }.count == total - failing.count)
        // Each hostile repository has a row: a report (its damage named there, see HostileObjectTests) or
        // a failure with its reason.
        for (name, failure) in hostile {
            let record = try #require(latest.first { $0.name.hasSuffix(name) }, "\(name)")
            #expect(record.status == (failure == nil ? .scanned : .failed), "\(name): \(record.error ?? "")")
        }
    }
}
