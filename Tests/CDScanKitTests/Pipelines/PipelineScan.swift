import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// Scans a repository as a scan does (file evidence from the layout, history from the one walk that
/// follows the pipeline files) and runs the pipeline probes.
enum PipelineScan {
    struct Result {
        let evidence: Evidence
        let findings: [Finding]

        var pipelines: PipelineEvidence { evidence.files.pipelines }

        func finding(_ probe: String) throws -> Finding {
            try #require(findings.first { $0.probe == probe }, "no finding for \(probe)")
        }

        func pipeline(_ file: String) throws -> Pipeline {
            try #require(pipelines.pipelines.first { $0.file == file }, "no pipeline \(file)")
        }
    }

    static func scan(path: String) throws -> Result {
        let evidence = try EvidenceReader.read(path: path)
        return Result(evidence: evidence, findings: ProbeRunner.run(PipelineProbes.all, on: evidence))
    }

    static func scan(fixture: String) throws -> Result {
        try scan(path: try Fixtures.path(fixture).path)
    }

    /// The pipelines of literal files, without a repository.
    static func evidence(_ files: [String: String]) -> PipelineEvidence {
        PipelineEvidence.collect(tree: SourceTree(files: files), catalogues: BuiltInRules.files(under: "catalogues/"))
    }

    /// A readable dump of the model and findings, for looking at real repositories.
    static func describe(_ result: Result) -> String {
        var lines: [String] = []
        for pipeline in result.pipelines.pipelines {
            let triggers = pipeline.triggers.map { "\($0.native)→\($0.kind?.rawValue ?? "-")" }.joined(separator: " ")
            lines.append("\(pipeline.system) \(pipeline.file)  triggers: \(triggers)")
            for template in pipeline.templates { lines.append("    template \(template.kind.rawValue): \(template.reference)") }
            for job in pipeline.jobs {
                var text = "  - \(job.name) [\(job.kinds.map(\.rawValue).joined(separator: ","))]"
                if let environment = job.environment ?? job.normalisedEnvironment { text += " env=\(environment)→\(job.normalisedEnvironment ?? "?")" }
                if let gate = job.gate { text += " gate=\(gate.rawValue)" }
                if !job.needs.isEmpty { text += " needs=\(job.needs.joined(separator: ","))" }
                if let stage = job.stage { text += " stage=\(stage)#\(job.stageIndex.map(String.init) ?? "-")" }
                lines.append(text)
                for step in job.steps where !step.kinds.isEmpty {
                    lines.append("      \(step.line): \(step.text.prefix(70).replacingOccurrences(of: "\n", with: " ")) → \(step.kinds.map(\.rawValue).joined(separator: ","))")
                }
            }
        }
        for problem in result.pipelines.problems { lines.append("PROBLEM \(problem)") }
        for note in result.pipelines.notes { lines.append("NOTE \(note)") }
        for finding in result.findings {
            let values = finding.values.keys.sorted().map { "\($0)=\(finding.values[$0]!)" }.joined(separator: " | ")
            lines.append("\(finding.probe): \(finding.outcome.rawValue) — \(finding.message)\n      \(values)")
        }
        return lines.joined(separator: "\n")
    }

}

/// Looks at a real repository: `CDSCAN_REAL_REPO=/path swift test --filter RealRepositoryPipelines`
/// (`CDSCAN_PIPELINE_DUMP=fixture` dumps a fixture instead). Skipped when neither is set.
@Suite struct RealRepositoryPipelines {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CDSCAN_REAL_REPO"] != nil
                   || ProcessInfo.processInfo.environment["CDSCAN_PIPELINE_DUMP"] != nil))
    func describeTheRepository() throws {
        let environment = ProcessInfo.processInfo.environment
        let result = try environment["CDSCAN_REAL_REPO"].map { try PipelineScan.scan(path: $0) }
            ?? PipelineScan.scan(fixture: environment["CDSCAN_PIPELINE_DUMP"]!)
        let output = PipelineScan.describe(result)
        if let file = environment["CDSCAN_PIPELINE_OUT"] {
            // Not atomically: a rename would replace a device such as /dev/null with a regular file.
            try output.write(toFile: file, atomically: false, encoding: .utf8)
        } else {
            print(output)
        }
        #expect(result.findings.count == PipelineProbes.all.count)
    }
}
