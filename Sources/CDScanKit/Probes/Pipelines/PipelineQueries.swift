/// Questions the pipeline probes share: which jobs do what, and which jobs run before which.
extension PipelineEvidence {
    /// Every job of the given kind, with its pipeline, in file and line order.
    func jobs(doing kind: JobKind) -> [(pipeline: Pipeline, job: PipelineJob)] {
        pipelines.flatMap { pipeline in pipeline.jobs.filter { $0.has(kind) }.map { (pipeline, $0) } }
    }

    /// Some pipeline started by a push deploys to an environment: changes reach it without a release.
    var deploysOnPush: Bool {
        pipelines.contains { $0.triggerKinds.contains(.push) && $0.jobs.contains { $0.has(.deploy) } }
    }

    /// The environment a deploy job goes to, in the catalogue's words when it knows the name; none when
    /// the name is chosen as the job runs (`${{ inputs.environment }}`, `$ENVIRONMENT`).
    static func environment(of job: PipelineJob) -> String? {
        if let normalised = job.normalisedEnvironment { return normalised }
        guard let raw = job.environment, !raw.contains("$"), !raw.contains("{{") else { return nil }
        return raw.lowercased()
    }
}

extension Pipeline {
    /// `file: job`, how findings name a job.
    func label(_ job: PipelineJob) -> String { "\(file): \(job.name)" }

    func location(_ job: PipelineJob) -> Finding.Location { Finding.Location(path: file, line: job.line) }

    /// The job and every job that must finish before it: through `needs:` (and its kin), and through
    /// earlier stages when stages run in order.
    func upstream(of job: PipelineJob) -> [PipelineJob] {
        var seen: Set<String> = [job.name]
        var queue = [job]
        var result: [PipelineJob] = [job]
        while let current = queue.popLast() {
            var before = current.needs.compactMap(self.job(named:))
            if let index = current.stageIndex {
                before += jobs.filter { ($0.stageIndex ?? Int.max) < index }
            }
            for earlier in before where seen.insert(earlier.name).inserted {
                result.append(earlier)
                queue.append(earlier)
            }
        }
        return result
    }

    /// Whether `first` must finish before `second` starts.
    func runs(_ first: PipelineJob, before second: PipelineJob) -> Bool {
        first.name != second.name && upstream(of: second).contains { $0.name == first.name }
    }
}

/// Locations sorted and without repeats, as findings carry them.
func uniqueLocations(_ locations: [Finding.Location]) -> [Finding.Location] {
    Array(Set(locations)).sorted()
}

/// A "does a pipeline do X" probe: yes when some job is of that kind; names the jobs.
struct JobKindProbe: Sendable {
    let name: String
    let kind: JobKind
    let what: String
    /// Other kinds of job that imply this one (packaging a container image builds the software).
    var alsoCounting: [JobKind] = []

    func evaluate(_ evidence: Evidence) -> Finding {
        let found = ([kind] + alsoCounting).flatMap { evidence.files.pipelines.jobs(doing: $0) }
        let labels = Array(Set(found.map { $0.pipeline.label($0.job) })).sorted()
        let message = found.isEmpty ? "no pipeline job \(what)"
            : "\(labels.count) pipeline job\(labels.count == 1 ? "" : "s") \(what): \(labels.prefix(3).joined(separator: "; "))"
        return .answer(name, !found.isEmpty, message, values: ["jobs": .list(labels)],
                       locations: uniqueLocations(found.map { $0.pipeline.location($0.job) }))
    }
}

extension Pipeline {
    /// Started by every push or merge request (a tag or a schedule alone is not every change).
    var runsOnEveryChange: Bool { triggerKinds.contains(.push) || triggerKinds.contains(.mergeRequest) }
}
