import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// `PointsScanner` (what `cdscan history` runs): every point scanned from one shared history walk gets
/// the very report a scan of that commit alone writes, on every fixture, with the default budget of full
/// diffs and with one so small that most commits are only followed below the artefacts.
@Suite struct PointsScannerTests {
    /// Up to `count` commits of the first-parent chain, evenly spread, oldest first, HEAD last.
    static func points(of url: URL, count: Int) throws -> [PastPoint] {
        let lines = try Git.run(["log", "--first-parent", "--format=%H %ct", "HEAD"], in: url)
            .split(separator: "\n").map { $0.split(separator: " ") }
        let chain = lines.reversed().map { PastPoint(commit: String($0[0]), asOf: Int64($0[1])!) }
        guard chain.count > count else { return chain }
        return (0..<count).map { chain[($0 * (chain.count - 1)) / (count - 1)] }
    }

    static func report(_ result: ScanResult) throws -> String {
        try JSONOutput.encode(ReportDocument(result, toolVersion: "test"))
    }

    static func expectSameReports(_ fixture: String, budget: ChangedPathsBudget, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = try Fixtures.path(fixture)
        try expectSameReports(at: url, points: try points(of: url, count: 6), budget: budget, sourceLocation: sourceLocation)
    }

    static func expectSameReports(at url: URL, points: [PastPoint], budget: ChangedPathsBudget,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = url.lastPathComponent
        let request = ScanRequest(path: url.path, options: ScanOptions(changedPaths: budget))
        var seen = 0
        try PointsScanner.scan(request, points: points) { index, result in
            seen += 1
            var alone = request
            alone.options.revision = points[index].commit
            alone.options.asOf = points[index].asOf
            switch (result, Result { try Scanner.scan(alone) }) {
            case (.success(let replayed), .success(let scanned)):
                let same = (try? report(replayed)) == (try? report(scanned))
                #expect(same, "\(fixture) at \(points[index].commit)", sourceLocation: sourceLocation)
            case (.failure(let replayed), .failure(let scanned)):
                #expect("\(replayed)" == "\(scanned)", sourceLocation: sourceLocation)
            default:
                Issue.record("\(fixture) at \(points[index].commit): one way failed, the other did not", sourceLocation: sourceLocation)
            }
        }
        #expect(seen == points.count, sourceLocation: sourceLocation)
    }

    @Test(arguments: try Fixtures.names().filter { $0 != "empty" })
    func everyPointIsTheScanOfItsCommit(fixture: String) throws {
        try Self.expectSameReports(fixture, budget: ChangedPathsBudget(commitLimit: 10_000))
    }

    @Test(arguments: ["library", "service", "trunk", "gitflow", "ci-infra", "cloud-native", "shallow"])
    func aSmallBudgetFollowsTheSameArtefacts(fixture: String) throws {
        try Self.expectSameReports(fixture, budget: ChangedPathsBudget(commitLimit: 2))
    }

    /// The detectors keep what they made of each file from point to point; a point whose own rule pack
    /// changes the catalogues (here every other commit, matching a file no commit changes) must not take
    /// what the built-in catalogues made of the file, nor the reverse.
    @Test func aPointWithItsOwnCataloguesTakesNothingFromTheOthers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-points-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        func commit(_ files: [String: String], day: Int) throws {
            for (path, text) in files {
                let url = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let date = "2024-03-\(10 + day)T12:00:00+00:00"
            try Git.run(["add", "."], in: directory)
            try Git.run(["-c", "user.name=Points", "-c", "user.email=points@example.com", "commit", "-q", "-m", "day \(day)"],
                        in: directory, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Git.run(["init", "-q", "-b", "main"], in: directory)
        let deployment = "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: nginx:1.25\n          readinessProbe:\n            httpGet: {path: /}\n"
        let pack = """
            kind: detectors
            entries:
              - id: pack-word
                tool: Word
                feeds: [hasBuildScripts]
                paths: ["*.yaml"]
                contains: ['readinessProbe']

            """
        try commit(["README.md": "# Points\n", "k8s/deploy.yaml": deployment, ".cdscan.yml": "rules: [pack/]\n",
                    "pack/catalogues/words.yml": pack], day: 0)
        try commit([".cdscan.yml": "exclude: [docs/]\n"], day: 1)
        try commit([".cdscan.yml": "rules: [pack/]\n"], day: 2)
        try commit([".cdscan.yml": "exclude: [notes/]\n"], day: 3)
        let points = try Self.points(of: directory, count: 4)
        #expect(points.count == 4)
        try Self.expectSameReports(at: directory, points: points, budget: ChangedPathsBudget(commitLimit: 10_000))
        var withPack: [Int] = []
        try PointsScanner.scan(ScanRequest(path: directory.path), points: points) { index, result in
            if case .success(let scanned) = result, scanned.evidence.files.detections.detections.contains(where: { $0.entry == "pack-word" }) {
                withPack.append(index)
            }
        }
        #expect(withPack == [0, 2])
    }

    @Test func aCommitOutsideTheHistoryFailsAlone() throws {
        let url = try Fixtures.path("library")
        let good = try Self.points(of: url, count: 2)
        let points = [PastPoint(commit: String(repeating: "0", count: 40), asOf: 0)] + good
        var outcomes: [Int: Bool] = [:]
        try PointsScanner.scan(ScanRequest(path: url.path), points: points) { index, result in
            if case .success = result { outcomes[index] = true } else { outcomes[index] = false }
        }
        #expect(outcomes == [0: false, 1: true, 2: true])
    }
}
