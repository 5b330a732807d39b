/// Does a pipeline deploy to an environment? Names the jobs and where they deploy.
public struct CIDeploys: Probe {
    public let name = "ciDeploys"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let base = JobKindProbe(name: name, kind: .deploy, what: "deploys").evaluate(evidence)
        let deploying = evidence.files.pipelines.jobs(doing: .deploy)
        func labels(startedBy include: (Set<TriggerKind>) -> Bool) -> FindingValue {
            .list(Array(Set(deploying.filter { include($0.pipeline.triggerKinds) }.map { $0.pipeline.label($0.job) })).sorted())
        }
        let environments = Set(deploying.compactMap { PipelineEvidence.environment(of: $0.job) }).sorted()
        var values = base.values
        values["environments"] = .list(environments)
        // Deployments anyone can start: deploy jobs of pipelines that run by hand (workflow_dispatch, web).
        values["onDemand"] = labels { $0.contains(.manual) }
        // Environments per change: deploy jobs of pipelines that only merge requests start (preview namespaces);
        // a pipeline that pushes start too may deploy on the push alone.
        values["perChange"] = labels { $0.contains(.mergeRequest) && !$0.contains(.push) }
        let message = environments.isEmpty ? base.message : base.message + " (to \(environments.joined(separator: ", ")))"
        return Finding(probe: name, outcome: base.outcome, message: message, values: values, locations: base.locations)
    }
}

/// Does a pipeline deploy to production? Lists the environment names, as the files give them, that mean production.
public struct CIDeploysToProduction: Probe {
    public let name = "ciDeploysToProduction"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let found = evidence.files.pipelines.jobs(doing: .deploy).filter { $0.job.normalisedEnvironment == "production" }
        let names = Set(found.map { ($0.job.environment ?? "production").lowercased() }).sorted()
        let message = found.isEmpty ? "no pipeline deploys to production"
            : "production deployments: \(Set(found.map { $0.pipeline.label($0.job) }).sorted().prefix(3).joined(separator: "; "))"
        return .answer(name, !found.isEmpty, message, values: ["environments": .list(names)],
                       locations: uniqueLocations(found.map { $0.pipeline.location($0.job) }))
    }
}

/// Does a pipeline wait for a person before a deployment or release? A manual step counts when it is, or
/// runs before, a deploy, release or publish job; a protected environment counts for production only
/// (its reviewers are configured in the CI system, so the file shows the protection, not the reviewers).
public struct CIHasApprovalGate: Probe {
    public let name = "ciHasApprovalGate"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        var gates: [String] = []
        var locations: [Finding.Location] = []
        for pipeline in evidence.files.pipelines.pipelines {
            let delivering = pipeline.jobs.filter { $0.has(.deploy) || $0.has(.release) || $0.has(.publish) }
            for job in pipeline.jobs {
                switch job.gate {
                case .manual?:
                    guard delivering.contains(where: { $0.name == job.name || pipeline.runs(job, before: $0) }) else { continue }
                    gates.append("\(pipeline.label(job)) (manual)")
                case .environment?:
                    guard job.normalisedEnvironment == "production" else { continue }
                    gates.append("\(pipeline.label(job)) (environment \(job.environment ?? "production"))")
                case nil:
                    continue
                }
                locations.append(pipeline.location(job))
            }
        }
        gates = Array(Set(gates)).sorted()
        let message = gates.isEmpty ? "no manual approval before a deployment or release"
            : "approval gates: \(gates.prefix(3).joined(separator: "; "))"
        return .answer(name, !gates.isEmpty, message, values: ["gates": .list(gates)], locations: uniqueLocations(locations))
    }
}

/// Do deployments go through environments in order, a lower one (staging) before a higher one (production),
/// within one pipeline?
public struct CIPromotesAcrossEnvironments: Probe {
    public let name = "ciPromotesAcrossEnvironments"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let ranks = evidence.files.pipelines.environmentRanks
        var environments: Set<String> = []
        var locations: [Finding.Location] = []
        for pipeline in evidence.files.pipelines.pipelines {
            let deploys = pipeline.jobs.filter { $0.has(.deploy) && $0.normalisedEnvironment != nil }
            for later in deploys {
                for earlier in deploys {
                    guard let low = ranks[earlier.normalisedEnvironment!], let high = ranks[later.normalisedEnvironment!],
                          low < high, pipeline.runs(earlier, before: later) else { continue }
                    environments.formUnion([earlier.normalisedEnvironment!, later.normalisedEnvironment!])
                    locations += [pipeline.location(earlier), pipeline.location(later)]
                }
            }
        }
        let path = environments.sorted { (ranks[$0] ?? 0, $0) < (ranks[$1] ?? 0, $1) }
        let message = path.isEmpty ? "no deployment is promoted from one environment to the next"
            : "deployments are promoted: \(path.joined(separator: " → "))"
        return .answer(name, !path.isEmpty, message, values: ["environments": .list(path)], locations: uniqueLocations(locations))
    }
}
