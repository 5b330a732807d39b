import Foundation
import Testing
import FixtureKit
import YAMLReader
@testable import CDScanKit

/// A scan's history builder starts watching the walk before the file detectors have named the artefacts it
/// follows, and is told them part-way (`follow(trackedPrefixes:)`). Whenever that happens — before the first
/// commit, after a few, only once the walk is over — the history findings are those of a builder that knew
/// the artefacts from the start.
@Suite struct LateFollowingTests {
    static let fixtures = ["hobby", "library", "service", "cloud-native", "gitflow", "trunk", "oddities", "shallow"]

    @Test(arguments: fixtures)
    func toldLateIsToldFirst(fixture: String) throws {
        let path = try Fixtures.path(fixture).path
        // A small full-diff budget, so that the walk asks for the tracked prefixes too.
        let options = ScanOptions(changedPaths: ChangedPathsBudget(commitLimit: 4))
        let opened = try SnapshotReader.open(path: path, options: options)
        let files = FileEvidence.collect(layout: opened.layout, catalogues: BuiltInRules.files(under: "catalogues/"))
        let catalogue = Result { () throws(YAMLError) in try HistoryCatalogue.load(from: BuiltInRules.files(under: "catalogues/")) }
        let artefacts = files.artefactPaths + ["README.md"]

        let knowing = HistoryEvidenceBuilder(layout: opened.layout, catalogue: catalogue, trackedPaths: artefacts)
        let expected = Self.findings(try SnapshotReader.walk(opened, observer: knowing), knowing, files)
        #expect(!knowing.trackedPrefixes.isEmpty)

        for readyAfter in [0, 1, 3, Int.max] {
            let late = HistoryEvidenceBuilder(layout: opened.layout, catalogue: catalogue)
            let polls = Counter()
            let prefixes = HistoryEvidenceBuilder.trackedPrefixes(following: artefacts)
            let pending = PendingPrefixes(ready: { polls.next() >= readyAfter ? prefixes : nil }, wait: { prefixes })
            let snapshot = try SnapshotReader.walk(opened, observer: late, trackedPrefixes: pending)
            #expect(late.trackedPrefixes == knowing.trackedPrefixes)
            #expect(Self.findings(snapshot, late, files) == expected, "\(fixture), ready after \(readyAfter) polls")
        }
    }

    private static func findings(_ snapshot: RepositorySnapshot, _ builder: HistoryEvidenceBuilder, _ files: FileEvidence) -> [String] {
        builder.deploysOnPush = files.pipelines.deploysOnPush
        let history = builder.finish(snapshot: snapshot)
        let evidence = Evidence(snapshot: snapshot, files: files, history: history)
        // Each followed artefact's practice (what the touches say), then every history finding.
        let practices = (builder.trackedPrefixes.map { [$0] } + [builder.trackedPrefixes]).map { paths in
            "\(paths): \(history.practice(of: paths))"
        }
        return practices + ProbeRunner.run(HistoryProbes.all, on: evidence).map { finding in
            let values = finding.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(finding.probe) [\(finding.outcome.rawValue)] \(finding.message) \(values)"
        }
    }
}

/// Counts calls from the walk's visitor thread.
private final class Counter: @unchecked Sendable {  // `count` only under `lock`
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count - 1
    }
}
