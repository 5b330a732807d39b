import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// Scans a fixture as a scan does (`EvidenceReader`): the file evidence from the layout, then the history
/// builder on the single walk, following the artefact paths the file detectors found (plus any given here).
enum HistoryScan {
    struct Result: Sendable {
        let url: URL
        let snapshot: RepositorySnapshot
        let files: FileEvidence
        let history: HistoryEvidence

        var evidence: Evidence { Evidence(snapshot: snapshot, files: files, history: history) }

        func finding(_ name: String) throws -> Finding {
            let probe = try #require(HistoryProbes.all.first { $0.name == name }, "no history probe \(name)")
            return ProbeRunner.run([probe], on: evidence)[0]
        }
    }

    static func scan(_ fixture: String, options: ScanOptions = ScanOptions(changedPaths: .all),
                     trackedPaths: [String] = [], catalogues: [RuleSourceFile] = BuiltInRules.files(under: "catalogues/"))
        throws -> Result {
        try scan(url: try Fixtures.path(fixture), options: options, trackedPaths: trackedPaths, catalogues: catalogues)
    }

    static func scan(url: URL, options: ScanOptions = ScanOptions(changedPaths: .all),
                     trackedPaths: [String] = [], catalogues: [RuleSourceFile] = BuiltInRules.files(under: "catalogues/"))
        throws -> Result {
        let evidence = try EvidenceReader.read(path: url.path, options: options, trackedPaths: trackedPaths, historyCatalogues: catalogues)
        return Result(url: url, snapshot: evidence.snapshot, files: evidence.files, history: evidence.history)
    }
}
