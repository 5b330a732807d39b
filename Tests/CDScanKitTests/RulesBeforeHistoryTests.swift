import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// A scan loads and checks its rules before it reads any history: a bad rule costs no walk. The proof is a
/// repository whose history cannot be walked (a commit is missing) and whose own rule pack has a bad rule:
/// the scan must stop on the rule, and must not have touched the history cache.
@Suite struct RulesBeforeHistoryTests {
    static let badRule = """
    id: L3.tech.pack-rule
    level: 3
    dimension: tech
    kind: capability
    title: A pack's rule
    met-when:
      probe: hasInfraAsCode
    explain:
      met: "yes"
      not-met: "no"
    advice: Nothing.

    """

    /// A repository with a missing middle commit, then a commit that adds a rule pack with a bad rule.
    static func repository(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-\(name)-\(UUID().uuidString)")
        try DamagedRepositories.missingMiddleCommit(at: url, then: [".cdscan.yml": "rules: [pack/]\n", "pack/rule.yml": badRule])
        return url
    }

    @Test func aBadRuleStopsTheScanBeforeTheHistoryIsRead() throws {
        let url = try Self.repository("rules-first")
        let cache = url.appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: url) }
        // The history alone cannot be walked: a scan without the pack fails on the missing commit.
        #expect(throws: ScanError.self) {
            _ = try SnapshotReader.read(path: url.path)
        }
        #expect {
            _ = try Scanner.scan(ScanRequest(path: url.path, options: ScanOptions(cacheDirectory: cache.path)))
        } throws: { error in
            guard let error = error as? ScanSetupError else { return false }
            return error.description.contains("pack/rule.yml:7:") && error.description.contains("unknown probe 'hasInfraAsCode'")
        }
        #expect(!FileManager.default.fileExists(atPath: cache.path), "the history cache was touched")
    }
}
