import Testing
@testable import CDScanKit

@Suite struct ScanConfigTests {
    @Test func readsEverySection() throws {
        let config = try ScanConfig.parse("""
        exclude: [vendor/, "examples/**"]
        thresholds:
          L2.people.managed-backlog: {minIssueReferenceShare: 0.1}
        rules: [tools/cdscan]
        declared:
          L4.people.mentors-guilds: {answer: met, because: "Platform guild meets fortnightly"}
          L1.people.blame-culture: {answer: not-met, because: "Blameless post-mortems since 2022"}
        policy:
          fail-under: 3
          fail-under-dimension: {tech: 3}
        """, file: ".cdscan.yml")
        #expect(config.excludes("vendor/lib/a.go"))
        #expect(config.excludes("examples/demo/main.tf"))
        #expect(!config.excludes("src/main.go"))
        #expect(config.thresholds["L2.people.managed-backlog"]?["minIssueReferenceShare"] == 0.1)
        #expect(config.rulePacks == ["tools/cdscan/"])
        #expect(config.declared["L4.people.mentors-guilds"]?.outcome == .met)
        #expect(config.declared["L1.people.blame-culture"]?.because.contains("Blameless") == true)
        #expect(config.policy.failUnder == 3)
        #expect(config.policy.failUnderDimension[.tech] == 3)
    }

    @Test(arguments: [
        ("colour: blue\n", "unknown key 'colour'", 1),
        ("declared:\n  L9.people.x: {answer: met, because: x}\n", "not a characteristic", 2),
        ("declared:\n  L4.people.mentors-guilds: {answer: maybe, because: x}\n", "met or not-met", 2),
        ("declared:\n  L4.people.mentors-guilds: {answer: met}\n", "because", 2),
        ("policy:\n  fail-under: 9\n", "level from 1 to 5", 2),
        ("rules: [../outside]\n", "inside the repository", 1),
        ("thresholds:\n  L2.people.managed-backlog: {minIssueReferenceShare: lots}\n", "'minIssueReferenceShare' must be a number, found 'lots'", 2),
        ("policy:\n  fail-under-dimension: {tech: high}\n", "'tech' must be a whole number, found 'high'", 2),
        ("exclude: [\"\"]\n", "'exclude' must be a non-empty string, found ''", 1),
    ])
    func badConfigurationsAreReportedWithTheirPosition(text: String, message: String, line: Int) {
        #expect {
            _ = try ScanConfig.parse(text, file: ".cdscan.yml")
        } throws: { error in
            guard let errors = (error as? RuleErrors)?.errors else { return false }
            return errors.contains { $0.message.contains(message) && $0.mark?.line == line && $0.file == ".cdscan.yml" }
        }
    }
}
