import Foundation
import Testing
import FixtureKit
import YAMLReader
@testable import CDScanKit

/// Evidence from the fixture repositories, gathered the way a scan gathers it (`EvidenceReader`): the file
/// evidence from the HEAD tree and the built-in catalogues; no history figures.
enum DetectorFixtures {
    private static let cache = EvidenceCache()

    static func evidence(_ fixture: String) throws -> Evidence {
        try cache.evidence(fixture) { try scan(path: try Fixtures.path(fixture).path) }
    }

    static func scan(path: String) throws -> Evidence {
        try EvidenceReader.read(path: path, options: ScanOptions(), walksHistory: false)
    }

    /// A real snapshot with detector evidence made by hand.
    static func syntheticEvidence(_ detections: DetectionEvidence) -> Evidence {
        let base = try! evidence("hobby")
        return Evidence(snapshot: base.snapshot, files: FileEvidence(pipelines: base.files.pipelines, detections: detections),
                        history: base.history)
    }

    /// `TestRepos/<fixture>/expected-detectors.yml`, if the fixture has one.
    static func expectations(_ fixture: String) throws -> YAMLNode? {
        let url = Fixtures.testReposDirectory.appendingPathComponent(fixture).appendingPathComponent("expected-detectors.yml")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try YAMLParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    static func fixturesWithExpectations() -> [String] {
        ((try? Fixtures.names()) ?? []).filter { ((try? expectations($0)) ?? nil) != nil }
    }
}

private final class EvidenceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [String: Evidence] = [:]

    func evidence(_ name: String, make: () throws -> Evidence) throws -> Evidence {
        lock.lock()
        defer { lock.unlock() }
        if let evidence = built[name] { return evidence }
        let evidence = try make()
        built[name] = evidence
        return evidence
    }
}
