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
        let points = try points(of: url, count: 6)
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
