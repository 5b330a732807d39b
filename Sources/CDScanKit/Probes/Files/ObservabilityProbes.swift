/// Is the software instrumented? Names the library families in dependency manifests (and the ecosystems
/// whose manifests declare them), and apart from them the collection of signals declared as code (a
/// collector, scrape configuration, a monitoring stack installed by the infrastructure code).
public struct HasInstrumentation: Probe {
    public let name = "hasInstrumentation"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        let libraries = signal.detections.filter { $0.kind != "collection" }
        let collection = FileSignal.sortedUnique(signal.detections.filter { $0.kind == "collection" }.map(\.tool))
        let ecosystems = FileSignal.sortedUnique(libraries.compactMap { $0.ecosystem?.rawValue })
        let declared = FileSignal.sortedUnique(libraries.compactMap(\.dependency))
        var details: [String] = []
        if !declared.isEmpty { details.append("libraries declared: \(FileSignal.summary(declared, shown: 4))") }
        if !collection.isEmpty { details.append("collection declared: \(collection.joined(separator: ", "))") }
        return signal.answer("instrumentation", values: [
            "libraries": .list(FileSignal.sortedUnique(libraries.map(\.tool))), "ecosystems": .list(ecosystems), "collection": .list(collection),
        ], detail: details.isEmpty ? nil : details.joined(separator: "; "))
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

/// Are there runbooks, playbooks or incident procedures, or runbook links in alert definitions?
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
