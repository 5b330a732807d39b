/// Does a pipeline run security or dependency scans? Names the jobs and the scanners.
public struct CIScansSecurity: Probe {
    public let name = "ciScansSecurity"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let base = JobKindProbe(name: name, kind: .security, what: "scans for security issues").evaluate(evidence)
        let found = evidence.files.pipelines.jobs(doing: .security)
        let tools = Set(found.flatMap { $0.job.steps.filter { $0.kinds.contains(.security) }.flatMap(\.tools) })
        var values = base.values
        values["tools"] = .list(tools.sorted())
        let message = tools.isEmpty ? base.message : base.message + " (\(tools.sorted().joined(separator: ", ")))"
        return Finding(probe: name, outcome: base.outcome, message: message, values: values, locations: base.locations)
    }
}
