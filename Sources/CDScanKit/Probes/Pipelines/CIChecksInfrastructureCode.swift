/// Does a pipeline check the infrastructure code on every change, in a repository whose code is chiefly
/// infrastructure? Validating, planning and policy-scanning Terraform (and its kin) are the tests of such
/// a repository: they have no test files of their own. Names the jobs and the tools, and the counts the
/// "chiefly" rests on (infrastructure files against source files of programming languages), and the jobs
/// that apply the code (`applyJobs`: what delivers an infrastructure repository, as packaging delivers software).
public struct CIChecksInfrastructureCode: Probe {
    public let name = "ciChecksInfrastructureCode"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let pipelines = evidence.files.pipelines
        let checkers = pipelines.toolMarks[.infrastructureCheck] ?? []
        let appliers = pipelines.toolMarks[.infrastructureApply] ?? []
        let applyJobs = Set(pipelines.jobs(doing: .deploy)
            .filter { !appliers.isDisjoint(with: $0.job.steps.flatMap(\.tools)) }.map { $0.pipeline.label($0.job) })
        var jobs: Set<String> = []
        var tools: Set<String> = []
        var locations: [Finding.Location] = []
        for pipeline in pipelines.pipelines where pipeline.runsOnEveryChange {
            for job in pipeline.jobs {
                let used = job.steps.flatMap(\.tools).filter(checkers.contains)
                guard !used.isEmpty else { continue }
                jobs.insert(pipeline.label(job))
                tools.formUnion(used)
                locations.append(pipeline.location(job))
            }
        }
        let infrastructureFiles = FileSignal("hasInfrastructureAsCode", evidence).files.count
        let sourceFiles = evidence.files.detections.tests.sourceFiles
        let chieflyInfrastructure = infrastructureFiles > sourceFiles
        let values: [String: FindingValue] = [
            "jobs": .list(jobs.sorted()), "tools": .list(tools.sorted()),
            "infrastructureFiles": .int(infrastructureFiles), "sourceFiles": .int(sourceFiles),
            "applyJobs": .list(applyJobs.sorted()),
        ]
        let counts = "\(infrastructureFiles) infrastructure files, \(sourceFiles) source files"
        guard !jobs.isEmpty else {
            return .answer(name, false, "no pipeline checks infrastructure code on every change (\(counts))", values: values)
        }
        let message = "\(jobs.count) pipeline job\(jobs.count == 1 ? "" : "s") check\(jobs.count == 1 ? "s" : "") infrastructure code "
            + "on every change (\(tools.sorted().joined(separator: ", "))); \(counts)"
            + (chieflyInfrastructure ? "" : ": the code is not chiefly infrastructure")
            + (applyJobs.isEmpty ? "" : "; \(applyJobs.count) job\(applyJobs.count == 1 ? "" : "s") apply it")
        return .answer(name, chieflyInfrastructure, message, values: values, locations: uniqueLocations(locations))
    }
}
