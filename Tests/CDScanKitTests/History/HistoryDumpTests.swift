import Foundation
import Testing
@testable import CDScanKit

/// Prints every history finding of every fixture when CDSCAN_DUMP_HISTORY is set (a look, not a check).
@Suite struct HistoryDumpTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CDSCAN_DUMP_HISTORY"] != nil))
    func dump() throws {
        for fixture in ["hobby", "library", "service", "cloud-native", "gitflow", "trunk", "shallow", "oddities", "mirror"] {
            let result = try HistoryScan.scan(fixture)
            print("=== \(fixture)")
            for finding in ProbeRunner.run(HistoryProbes.all, on: result.evidence) {
                let values = finding.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                print("\(finding.probe) [\(finding.outcome.rawValue)] \(finding.message)\n    \(values)")
            }
        }
    }
}
