import Foundation
import Testing
@testable import CDScanKit

/// Runs the detectors and file probes on a real repository named by `CDSCAN_REAL_REPO` (a work tree or a
/// bare mirror) and prints what they found, for a person to judge. Skipped when the variable is unset.
@Suite struct RealRepositoryTests {
    static let path = ProcessInfo.processInfo.environment["CDSCAN_REAL_REPO"]

    @Test(.enabled(if: path != nil))
    func printsWhatTheFileProbesFind() throws {
        let evidence = try DetectorFixtures.scan(path: try #require(Self.path))
        let detections = evidence.files.detections
        print("read \(detections.filesRead) files, \(detections.bytesRead) bytes; \(detections.detections.count) detections")
        for note in detections.notes.prefix(20) { print("note: \(note)") }
        for problem in detections.problems.prefix(20) { print("problem: \(problem)") }
        for finding in ProbeRunner.run(FileProbes.all, on: evidence) {
            print("\(finding.probe) = \(finding.outcome.rawValue): \(finding.message)")
        }
        #expect(detections.catalogueError == nil)
    }
}
