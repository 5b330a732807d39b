import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

@Suite struct BuiltInRulesTests {
    /// The binary carries Rules/ byte for byte: every YAML file of the source tree is embedded, unchanged.
    @Test func everyRulesFileIsEmbeddedUnchanged() throws {
        let rules = Fixtures.testReposDirectory.deletingLastPathComponent().appendingPathComponent("Rules")
        var onDisk: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where ["yml", "yaml"].contains(url.pathExtension) {
            let relative = String(url.standardizedFileURL.path.dropFirst(rules.standardizedFileURL.path.count + 1))
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Dictionary(uniqueKeysWithValues: BuiltInRules.files.map { ($0.path, $0.text) }) == onDisk)
        #expect(BuiltInRules.files.allSatisfy { $0.origin == .builtIn })
        #expect(BuiltInRules.file("probes.yml") != nil)
    }
}
