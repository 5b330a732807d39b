import Foundation
import Testing
@testable import CDScanKit

/// The single-pass cost, by hand: `CDSCAN_HISTORY_BENCH=/path/to/repo` with
/// `CDSCAN_HISTORY_BENCH_MODE=snapshot` (the walk alone) or `history` (file evidence + history builder +
/// every history probe) scans the repository once with the default budget (10,000 full diffs) and prints
/// the wall time. Run each mode in its own process under `/usr/bin/time -f '%e s %M KB'` for peak memory
/// (see the report for the figures). Build with `swift build -c release --build-tests -Xswiftc -enable-testing`.
@Suite struct HistoryCostHarness {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CDSCAN_HISTORY_BENCH"] != nil))
    func measure() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["CDSCAN_HISTORY_BENCH"]!
        let withHistory = environment["CDSCAN_HISTORY_BENCH_MODE"] == "history"
        let options = ScanOptions(changedPaths: ChangedPathsBudget(commitLimit: 10_000))
        let start = ContinuousClock.now
        // The walk alone reads no file evidence.
        let evidence = withHistory ? try EvidenceReader.read(path: path, options: options) : nil
        let snapshot = try evidence?.snapshot ?? SnapshotReader.read(path: path, options: options)
        var lines: [String] = []
        if let evidence {
            for finding in ProbeRunner.run(HistoryProbes.all, on: evidence) {
                let values = finding.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                lines.append("\(finding.probe) [\(finding.outcome.rawValue)] \(finding.message)\n    \(values)")
            }
        }
        let elapsed = ContinuousClock.now - start
        print("HISTORY-BENCH \(withHistory ? "history" : "snapshot") \(path): \(snapshot.history.commits.count) commits in \(elapsed)")
        for line in lines { print(line) }
    }
}
