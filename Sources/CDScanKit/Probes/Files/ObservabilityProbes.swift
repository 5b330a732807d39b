/// Do dependencies include metrics or tracing libraries? Names the library families and the ecosystems
/// whose manifests declare them.
public struct HasInstrumentation: Probe {
    public let name = "hasInstrumentation"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        let ecosystems = FileSignal.sortedUnique(signal.detections.compactMap { $0.ecosystem?.rawValue })
        let declared = FileSignal.sortedUnique(signal.detections.compactMap(\.dependency))
        return signal.answer("instrumentation libraries", values: ["libraries": .list(signal.tools), "ecosystems": .list(ecosystems)],
                             detail: signal.found ? "declared: \(FileSignal.summary(declared, shown: 4))" : nil)
    }
}

/// Are liveness/readiness probes or health checks declared?
public struct HasHealthChecks: Probe {
    public let name = "hasHealthChecks"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("health checks", values: ["files": FileSignal.list(signal.files)],
                             detail: signal.found ? "kinds: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}

/// Are alert rules kept as code?
public struct HasAlertRules: Probe {
    public let name = "hasAlertRules"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("alert rules", values: ["files": FileSignal.list(signal.files)])
    }
}

/// Are SLOs defined as code (OpenSLO, Sloth, Pyrra, SLO resources in IaC)?
public struct HasSLODefinitions: Probe {
    public let name = "hasSLODefinitions"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        var values = signal.practiceValues(of: signal.artefacts)
        values["tools"] = .list(signal.tools)
        values["files"] = FileSignal.list(signal.files)
        return signal.answer("SLO definitions", values: values)
    }
}

/// Are dashboards kept as code?
public struct HasDashboardsAsCode: Probe {
    public let name = "hasDashboardsAsCode"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("dashboards as code", values: ["tools": .list(signal.tools), "files": FileSignal.list(signal.files)])
    }
}

/// Are there runbooks or playbooks?
public struct HasRunbooks: Probe {
    public let name = "hasRunbooks"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("runbooks", values: ["files": FileSignal.list(signal.files)])
    }
}

/// Is there a post-mortem template or record, and does it say it is blameless?
public struct HasPostmortemTemplate: Probe {
    public let name = "hasPostmortemTemplate"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        let blameless = signal.detections.contains { $0.kind == "blameless" }
        return signal.answer("post-mortem documents", values: ["files": FileSignal.list(signal.files), "blameless": .bool(blameless)],
                             detail: signal.found ? (blameless ? "written as blameless" : "no mention of blamelessness") : nil)
    }
}

/// Are chaos or fault-injection experiments kept as code?
public struct HasChaosExperiments: Probe {
    public let name = "hasChaosExperiments"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        var values = signal.practiceValues(of: signal.artefacts)
        values["tools"] = .list(signal.tools)
        values["files"] = FileSignal.list(signal.files)
        return signal.answer("chaos experiments", values: values)
    }
}
