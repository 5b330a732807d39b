import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// Scans a fixture as a scan does: the file evidence from the layout, then the history builder on the
/// single walk, following the artefact paths the file detectors found (plus any given here).
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
        let box = Box()
        let snapshot = try SnapshotReader.read(path: url.path, options: options) { layout in
            let files = FileEvidence.collect(layout: layout, catalogues: BuiltInRules.files(under: "catalogues/"))
            let builder = HistoryEvidenceBuilder(layout: layout, catalogues: catalogues,
                                                 trackedPaths: files.artefactPaths + trackedPaths)
            builder.deploysOnPush = files.pipelines.deploysOnPush
            box.files = files
            box.builder = builder
            return builder
        }
        return Result(url: url, snapshot: snapshot, files: box.files!, history: box.builder!.finish(snapshot: snapshot))
    }

    private final class Box {
        var files: FileEvidence?
        var builder: HistoryEvidenceBuilder?
    }
}
