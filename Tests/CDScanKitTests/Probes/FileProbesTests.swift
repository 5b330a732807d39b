import Testing
import YAMLReader
@testable import CDScanKit

/// File probes from hand-built evidence: what the detectors found in, findings out.
@Suite struct FileProbesTests {
    typealias Make = HandBuiltEvidence

    @Test func infrastructureAsCodeIsFoundWithItsToolsAndFiles() throws {
        let evidence = Make.evidence(detections: Make.detections([
            Make.detection("hasInfrastructureAsCode", tool: "Terraform", path: "infra/main.tf", line: 1),
            Make.detection("hasInfrastructureAsCode", tool: "Terraform", path: "infra/vars.tf"),
            Make.detection("hasGitOps", tool: "Argo CD", path: "deploy/app.yaml"),
        ]))
        let finding = try HasInfrastructureAsCode().evaluate(evidence)
        #expect(finding.outcome == .yes)
        #expect(finding.message == "infrastructure as code: infra/main.tf, infra/vars.tf (Terraform); 2 files under 2 roots")
        #expect(finding.values["tools"] == .list(["Terraform"]))
        #expect(finding.values["files"] == .list(["infra/main.tf", "infra/vars.tf"]))
        #expect(finding.values["practiceCommits"] == .int(0))
        #expect(finding.locations == [Finding.Location(path: "infra/main.tf", line: 1), Finding.Location(path: "infra/vars.tf")])
    }

    @Test func nothingDetectedIsANo() throws {
        let finding = try HasInfrastructureAsCode().evaluate(Make.evidence(tree: ["README.md", "main.tf.txt"]))
        #expect(finding.outcome == .no)
        #expect(finding.message == "no infrastructure as code found")
        #expect(finding.locations.isEmpty)
    }

    @Test func aMalformedFileWithNothingFoundIsAnError() throws {
        let problem = DetectionProblem(path: "infra/stack.json", line: 3, column: 7, message: "not valid JSON",
                                       feeds: ["hasInfrastructureAsCode"])
        let evidence = Make.evidence(detections: Make.detections([], problems: [problem]))
        let finding = try HasInfrastructureAsCode().evaluate(evidence)
        #expect(finding.outcome == .error)
        #expect(finding.message == "could not read infra/stack.json:3:7: not valid JSON")
        // Another probe's malformed file is not this one's problem.
        let gitOps = try #require(FileProbes.all.first { $0.name == "hasGitOps" })
        #expect(try gitOps.evaluate(evidence).outcome == .no)
    }

    @Test func unreadableCataloguesMakeEveryFileProbeAnError() {
        var detections = DetectionEvidence()
        detections.catalogueError = YAMLError(file: "catalogues/detectors.yml", mark: nil, message: "broken")
        let findings = ProbeRunner.run(FileProbes.all, on: Make.evidence(detections: detections))
        #expect(findings.count == FileProbes.all.count)
        #expect(findings.allSatisfy { $0.outcome == .error && $0.message.hasPrefix("the detector catalogues could not be read") },
                "\(findings.filter { $0.outcome != .error }.map(\.probe))")
    }
}
