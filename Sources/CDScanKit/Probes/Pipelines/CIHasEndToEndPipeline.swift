/// Does one automated path lead from build and test to a release or deployment? Yes when a pipeline that
/// runs on changes has a deploy, release or publish job with a build, test or packaging job on its way
/// (itself or upstream). A pipeline started by hand counts when it releases or deploys: one command or
/// click that builds, releases and deploys is an automated path with a person deciding when (a
/// `workflow_dispatch` release). Names the kinds of work along the richest such path, and its system.
public struct CIHasEndToEndPipeline: Probe {
    public let name = "ciHasEndToEndPipeline"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        var best: (stages: [JobKind], pipeline: Pipeline, job: PipelineJob)?
        for pipeline in evidence.files.pipelines.pipelines {
            let onChange = pipeline.triggerKinds.contains(where: \.isChange)
            guard onChange || pipeline.triggerKinds.contains(.manual) else { continue }
            for job in pipeline.jobs where job.has(.deploy) || job.has(.release) || (onChange && job.has(.publish)) {
                let path = pipeline.upstream(of: job)
                guard path.contains(where: { $0.has(.build) || $0.has(.test) || $0.has(.package) }) else { continue }
                let stages = Set(path.flatMap(\.kinds)).sorted()
                if best == nil || Self.better(stages, pipeline, job, than: best!) { best = (stages, pipeline, job) }
            }
        }
        if best == nil, let (checks, delivery, job) = Self.checkedThenDelivered(evidence.files.pipelines.pipelines) {
            // Two files of one system: merge requests are checked, and the merge (or the tag put on it) is
            // released or deployed.
            let stages = Set((checks.jobs.filter(Self.checks) + delivery.upstream(of: job)).flatMap(\.kinds)).sorted()
            let when = delivery.triggerKinds.contains(.push) ? "on the merge" : "on a pushed tag"
            return .answer(name, true,
                           "\(checks.file) checks each merge request, then \(delivery.file) goes \(stages.map(\.rawValue).joined(separator: " → ")) \(when) (\(job.name))",
                           values: ["stages": .list(stages.map(\.rawValue)), "system": .string(delivery.system)],
                           locations: [delivery.location(job)])
        }
        guard let best else {
            return .answer(name, false, "no pipeline leads from build or test to a release or deployment",
                           values: ["stages": .list([]), "system": .string("")])
        }
        return .answer(name, true,
                       "\(best.pipeline.file) goes \(best.stages.map(\.rawValue).joined(separator: " → ")) (\(best.job.name))",
                       values: ["stages": .list(best.stages.map(\.rawValue)), "system": .string(best.pipeline.system)],
                       locations: [best.pipeline.location(best.job)])
    }

    /// A pipeline that releases or deploys on every push, or publishes what a pushed tag marks, beside one
    /// of the same system that builds or tests every merge request: the checks gate the merge, and the
    /// merge is delivered (pull-request checks, then semantic-release or a deployment on the main branch),
    /// or the tag put on it is (a role imported into Galaxy, a package uploaded, from the tag). The first
    /// such pair in file order.
    static func checkedThenDelivered(_ pipelines: [Pipeline]) -> (Pipeline, Pipeline, PipelineJob)? {
        for delivery in pipelines {
            let onPush = delivery.triggerKinds.contains(.push)
            guard onPush || delivery.triggerKinds.contains(.tag) else { continue }
            guard let job = delivery.jobs.first(where: { $0.has(.release) || $0.has(.deploy) || (!onPush && $0.has(.publish)) }),
                  let checks = pipelines.first(where: { other in
                      other.system == delivery.system && other.triggerKinds.contains(.mergeRequest) && other.jobs.contains(where: Self.checks)
                  }) else { continue }
            return (checks, delivery, job)
        }
        return nil
    }

    static func checks(_ job: PipelineJob) -> Bool {
        job.has(.build) || job.has(.test)
    }

    /// More kinds of work first, then a deployment over a release, then file and line order (stable output).
    private static func better(_ stages: [JobKind], _ pipeline: Pipeline, _ job: PipelineJob,
                               than other: (stages: [JobKind], pipeline: Pipeline, job: PipelineJob)) -> Bool {
        if stages.count != other.stages.count { return stages.count > other.stages.count }
        if job.has(.deploy) != other.job.has(.deploy) { return job.has(.deploy) }
        return (pipeline.file, job.line) < (other.pipeline.file, other.job.line)
    }
}
