import Testing
@testable import CDScanBatch

/// How `cdscan history` cuts its points into runs: neighbours together, one run per lane, and no run
/// holding more than `HistoryRunner.pointsPerRun` points.
@Suite struct HistoryRunsTests {
    @Test func pointsAreCutIntoOneRunOfNeighboursPerLane() {
        #expect(HistoryRunner.runs(of: Array(0..<7), lanes: 2) == [[0, 1, 2], [3, 4, 5, 6]])
        #expect(HistoryRunner.runs(of: [4, 9], lanes: 4) == [[4], [9]])
        #expect(HistoryRunner.runs(of: [], lanes: 2).isEmpty)
        #expect(HistoryRunner.runs(of: [1, 2, 3], lanes: 1) == [[1, 2, 3]])
    }

    @Test func aLongHistoryIsCutIntoBoundedRuns() {
        let points = Array(0..<260)
        let runs = HistoryRunner.runs(of: points, lanes: 2)
        #expect(runs.allSatisfy { $0.count <= HistoryRunner.pointsPerRun })
        #expect(runs.flatMap { $0 } == points)
        #expect(runs.count == 9)
        // Sixty monthly points on two lanes stay two runs.
        #expect(HistoryRunner.runs(of: Array(0..<61), lanes: 2).count == 2)
    }
}
