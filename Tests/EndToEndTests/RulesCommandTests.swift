import Foundation
import Testing
import FixtureKit

/// The rules commands and the assessment options, run as a program.
@Suite struct RulesCommandTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let packRule = """
    id: L3.tech.infrastructure-as-code
    level: 3
    dimension: tech
    kind: capability
    title: Infrastructure as code
    defining: true
    weight: 2
    met-when: {probe: hasInfrastructureAsCode}
    explain: {met: "Our IaC: {hasInfrastructureAsCode.tools}", not-met: "No IaC (org rule)."}
    advice: Use the platform team's Terraform modules.
    examples:
      - {findings: {hasInfrastructureAsCode: true}, expect: met}
      - {findings: {hasInfrastructureAsCode: false}, expect: not-met}
    """

    @Test func listShowsEveryRuleAndWhereItCameFrom() throws {
        let run = try CDScanBinary.run(["rules", "list"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("L5.tech.forced-failures"))
        #expect(run.stdout.contains("42 rules"))
        #expect(run.stdout.contains("built in"))
    }

    @Test func theBuiltInExamplesPass() throws {
        let run = try CDScanBinary.run(["rules", "test"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(" passed, 0 failed"))
    }

    @Test func aPackOverridesABuiltInRuleAndTheReportSaysSo() throws {
        let pack = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: pack) }
        try Data(Self.packRule.utf8).write(to: pack.appendingPathComponent("iac.yml"))
        let list = try CDScanBinary.run(["rules", "list", "--rules", pack.path])
        #expect(list.stdout.contains("overrides built in"))
        let validate = try CDScanBinary.run(["rules", "validate", pack.path])
        #expect(validate.status == 0, "\(validate.stderr)")
        let scan = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--format", "json", "--rules", pack.path])
        #expect(scan.status == 0, "\(scan.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        let rules = try #require(report["rules"] as? [String: Any])
        #expect(rules["overrides"] as? [String] == ["L3.tech.infrastructure-as-code"])
        let characteristics = try #require(report["characteristics"] as? [[String: Any]])
        let iac = try #require(characteristics.first { $0["id"] as? String == "L3.tech.infrastructure-as-code" })
        #expect((iac["explanation"] as? String)?.hasPrefix("Our IaC:") == true)
    }

    @Test func aBrokenPackIsRejectedWithItsPosition() throws {
        let pack = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: pack) }
        let broken = Self.packRule.replacingOccurrences(of: "met-when: {probe: hasInfrastructureAsCode}", with: "met-when: {probe: hasInfraAsCode}")
        try Data(broken.utf8).write(to: pack.appendingPathComponent("iac.yml"))
        let unknownId = Self.packRule.replacingOccurrences(of: "L3.tech.infrastructure-as-code", with: "L3.tech.golden-paths")
        try Data(unknownId.utf8).write(to: pack.appendingPathComponent("golden.yml"))
        let validate = try CDScanBinary.run(["rules", "validate", pack.path])
        #expect(validate.status == 64, "a rule file that cannot be used is a usage error")
        #expect(validate.stderr.contains("iac.yml:8:"))
        #expect(validate.stderr.contains("unknown probe 'hasInfraAsCode'"))
        #expect(validate.stderr.contains("overrides no known characteristic"))
        let scan = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--rules", pack.path])
        #expect(scan.status == 64)
        #expect(scan.stderr.contains("iac.yml:8:"))
    }

    @Test func aPackWhoseExamplesFailLoadsButDoesNotValidate() throws {
        let pack = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: pack) }
        let wrong = Self.packRule.replacingOccurrences(
            of: "  - {findings: {hasInfrastructureAsCode: false}, expect: not-met}",
            with: "  - {findings: {hasInfrastructureAsCode: false}, expect: not-met}\n  - {findings: {hasInfrastructureAsCode: false}, expect: met}")
        try Data(wrong.utf8).write(to: pack.appendingPathComponent("iac.yml"))
        let validate = try CDScanBinary.run(["rules", "validate", pack.path])
        #expect(validate.status == 1, "examples that fail are not a usage error: \(validate.stderr)")
        #expect(validate.stderr.contains("iac.yml"), "\(validate.stderr)")
    }

    @Test func explainSaysWhatARuleChecksAndWhatItFound() throws {
        let run = try CDScanBinary.run(["explain", "L3.tech.infrastructure-as-code", try Fixtures.path("service").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Met when:"))
        #expect(run.stdout.contains("hasInfrastructureAsCode"))
        #expect(run.stdout.contains("Advice:"))
        #expect(run.stdout.contains("met"))
        let unknown = try CDScanBinary.run(["explain", "L9.nothing"])
        #expect(unknown.status == 64)
    }

    @Test func declaredAnswersAreShownAsDeclaredAndCanBeTurnedOff() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("cdscan.yml")
        try Data("declared:\n  L4.people.mentors-guilds: {answer: met, because: \"Guild meets fortnightly\"}\n".utf8).write(to: config)
        let path = try Fixtures.path("service").path
        func outcome(_ extra: [String]) throws -> (String?, String?) {
            let run = try CDScanBinary.run(["scan", path, "--format", "json", "--config", config.path] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let characteristics = try #require(report["characteristics"] as? [[String: Any]])
            let mentors = try #require(characteristics.first { $0["id"] as? String == "L4.people.mentors-guilds" })
            return (mentors["outcome"] as? String, mentors["source"] as? String)
        }
        let declared = try outcome([])
        #expect(declared.0 == "met")
        #expect(declared.1 == "declared")
        let evidenceOnly = try outcome(["--no-declared"])
        #expect(evidenceOnly.0 == "unknown")
        #expect(evidenceOnly.1 == "detected")
    }

    @Test func aBadConfigurationIsAUsageErrorWithItsPosition() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("cdscan.yml")
        try Data("exclude: [vendor/]\ncolour: blue\n".utf8).write(to: config)
        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--config", config.path])
        #expect(run.status == 64)
        #expect(run.stderr.contains("cdscan.yml:2:1: unknown key 'colour'"))
    }
}
