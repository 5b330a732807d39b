@testable import CDScanKit

/// Reads a repository into evidence the way a scan does, without its configuration or rules: opened, file
/// evidence from the HEAD tree through the built-in catalogues, then the one history walk watched by the
/// history builder (following the artefacts found, plus `trackedPaths`). The one wiring the tests share.
enum EvidenceReader {
    static func read(path: String, options: ScanOptions = ScanOptions(changedPaths: .all), walksHistory: Bool = true,
                     trackedPaths: [String] = [], historyCatalogues: [RuleSourceFile] = BuiltInRules.files(under: "catalogues/"))
        throws -> Evidence {
        let opened = try SnapshotReader.open(path: path, options: options)
        let files = FileEvidence.collect(layout: opened.layout, catalogues: BuiltInRules.files(under: "catalogues/"))
        guard walksHistory else {
            return Evidence(snapshot: try SnapshotReader.walk(opened, observer: nil), files: files, history: HistoryEvidence())
        }
        let builder = HistoryEvidenceBuilder(layout: opened.layout, catalogues: historyCatalogues,
                                             trackedPaths: files.artefactPaths + trackedPaths)
        builder.deploysOnPush = files.pipelines.deploysOnPush
        let snapshot = try SnapshotReader.walk(opened, observer: builder)
        return Evidence(snapshot: snapshot, files: files, history: builder.finish(snapshot: snapshot))
    }
}
