import Testing
import GitAccess
@testable import CDScanKit

/// The SARIF report's parts alone: the hash, the choice of anchor files, URIs, text cleaning, and which
/// characteristics become results.
@Suite struct SarifReportUnitTests {
    @Test func fnv1aMatchesItsPublishedTestVectors() {
        #expect(FNV1a.hash64(Array("".utf8)) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
        #expect(FNV1a.hex(["a"]) == "af63dc4c8601ec8c")
        #expect(FNV1a.hex(["a", "b"]) != FNV1a.hex(["ab"]))
    }

    private func tree(_ entries: [(String, TreeEntryKind)]) -> [TreeEntry] {
        let object = ObjectID(hex: String(repeating: "a", count: 40))!
        return entries.map { TreeEntry(path: $0.0, kind: $0.1, mode: 0o100644, object: object, size: 1) }
    }

    private func item(_ path: String?, _ line: Int? = nil) -> EvidenceItem {
        EvidenceItem(message: "found", path: path, line: line)
    }

    @Test func evidenceFilesComeFirstWithTheirLines() throws {
        let anchors = SarifAnchors(tree: tree([("README.md", .file), ("infra/main.tf", .file), ("infra/vars.tf", .file)]), ciFiles: [])
        let anchored = try #require(anchors.anchor([item(nil), item("missing.tf"), item("infra/vars.tf", 7), item("infra/main.tf"), item("infra/vars.tf", 7)]))
        #expect(anchored.fromEvidence)
        #expect(anchored.primary.path == "infra/vars.tf" && anchored.primary.physical.region.startLine == 7)
        #expect(anchored.related.map(\.path) == ["infra/main.tf"])
        // A directory named by the evidence: its first file.
        let directory = try #require(anchors.anchor([item("infra/")]))
        #expect(directory.primary.path == "infra/main.tf" && directory.primary.physical.region.startLine == 1)
    }

    @Test func repositoryWideResultsUseTheReadmeThenACIFileThenTheFirstFile() throws {
        let withReadme = SarifAnchors(tree: tree([("a.txt", .file), ("docs/README.md", .file), ("readme.rst", .file), ("README.md", .file)]),
                                      ciFiles: ["a.txt"])
        #expect(withReadme.anchor([item(nil)])?.primary.path == "README.md")
        #expect(withReadme.anchor([])?.fromEvidence == false)

        let withCI = SarifAnchors(tree: tree([("a.txt", .file), (".gitlab-ci.yml", .file), ("Jenkinsfile", .file), ("docs/README.md", .file)]),
                                  ciFiles: ["Jenkinsfile", ".gitlab-ci.yml", "gone.yml"])
        #expect(withCI.anchor([])?.primary.path == ".gitlab-ci.yml")

        // Byte order (upper case before lower case); never a symlink or a submodule.
        let plain = SarifAnchors(tree: tree([("b", .file), ("A", .symlink), ("B", .submodule), ("a", .executable), ("Z/x", .file)]), ciFiles: ["A"])
        #expect(plain.anchor([item("A"), item("B")])?.primary.path == "Z/x")

        #expect(SarifAnchors(tree: tree([("sub", .submodule)]), ciFiles: []).anchor([]) == nil)
    }

    @Test func urisArePercentEncodedRelativePaths() {
        #expect(SarifAnchors.uri(".github/workflows/ci.yml") == ".github/workflows/ci.yml")
        #expect(SarifAnchors.uri("dir/a b#c%?.yml") == "dir/a%20b%23c%25%3F.yml")
        #expect(SarifAnchors.uri("c:é") == "c%3A%C3%A9")
        #expect(SarifAnchors.uri("dir/a b#c%?.yml").removingPercentEncoding == "dir/a b#c%?.yml")
    }

    @Test func textLosesControlAndBidiCharacters() {
        #expect(SarifText.clean("a\nb\tc\r\u{1B}[31md\u{7F}") == "a b c [31md")
        #expect(SarifText.clean("x\u{202E}y\u{2066}z") == "xyz")
        #expect(SarifText.clean("Gruß — ok") == "Gruß — ok")
    }

    @Test func ruleNamesAreUpperCamelCase() {
        #expect(SarifReport.name("L3.tech.infrastructure-as-code") == "InfrastructureAsCode")
        #expect(SarifReport.name("L4.people.sli-slo-sla") == "SliSloSla")
    }

    @Test func deficitsPresentAndUnmetCapabilitiesBecomeResults() throws {
        let rules = try RuleSet.load()
        func result(_ id: String, _ outcome: RuleOutcome) throws -> CharacteristicResult {
            CharacteristicResult(rule: try #require(rules.rule(id)), outcome: outcome, source: .detected, practiced: outcome == .met,
                                 detectedOutcome: outcome, explanation: "Line\none.", evidence: [])
        }
        let deficit = try result("L2.tech.painful-repeatable-releases", .met)
        #expect(SarifReport.reason(deficit, nextLevel: 4, scope: .next) == .deficitPresent)
        #expect(SarifReport.reason(try result("L2.tech.painful-repeatable-releases", .notMet), nextLevel: 4, scope: .all) == nil)
        let nextLevel = try result("L4.process.proactive-monitoring", .notMet)
        #expect(SarifReport.reason(nextLevel, nextLevel: 4, scope: .next) == .nextLevel)
        #expect(SarifReport.reason(try result("L4.process.proactive-monitoring", .unknown), nextLevel: 4, scope: .all) == nil)
        #expect(SarifReport.reason(try result("L4.process.proactive-monitoring", .met), nextLevel: 4, scope: .all) == nil)
        let further = try result("L5.tech.forced-failures", .notMet)
        #expect(SarifReport.reason(further, nextLevel: 4, scope: .next) == nil)
        #expect(SarifReport.reason(further, nextLevel: 4, scope: .all) == .notMet)
        #expect(SarifReport.nextLevel(after: nil) == 2 && SarifReport.nextLevel(after: 3) == 4 && SarifReport.nextLevel(after: 5) == nil)

        let message = SarifReport.message(nextLevel, reason: .nextLevel)
        #expect(message.hasPrefix("Not met: Proactive monitoring, a defining practice of the next level (L4 Continuous Feedback, Process). Line one. What to do: "))
        #expect(SarifReport.level(.deficit) == .warning && SarifReport.level(.capability) == .note)
    }

    @Test func fingerprintsDependOnTheRuleAndTheFileOnly() {
        let one = SarifReport.fingerprint(ruleId: "L3.tech.infrastructure-as-code", path: "infra/main.tf")
        #expect(one == SarifReport.fingerprint(ruleId: "L3.tech.infrastructure-as-code", path: "infra/main.tf"))
        #expect(one != SarifReport.fingerprint(ruleId: "L3.tech.infrastructure-as-code", path: "README.md"))
        #expect(one != SarifReport.fingerprint(ruleId: "L4.tech.dashboards", path: "infra/main.tf"))
        #expect(one.count == 16)
    }
}
