/// Is releasing automated (semantic-release, release-please, GoReleaser, Changesets …)?
public struct HasReleaseAutomation: Probe {
    public let name = "hasReleaseAutomation"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("release automation", values: ["tools": .list(signal.tools), "files": FileSignal.list(signal.files)])
    }
}

/// Is there a changelog?
public struct HasChangelog: Probe {
    public let name = "hasChangelog"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("changelog", values: ["files": FileSignal.list(signal.files)])
    }
}

/// Are canary, blue/green or progressive rollouts configured? The strategies are the entries' kinds.
public struct HasProgressiveDelivery: Probe {
    public let name = "hasProgressiveDelivery"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("progressive delivery", values: [
            "tools": .list(signal.tools), "strategies": .list(signal.kinds), "files": FileSignal.list(signal.files),
        ], detail: signal.found ? "strategies: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}

/// Do deployments roll back automatically on failure? The mechanisms are the entries' kinds.
public struct HasAutomatedRollback: Probe {
    public let name = "hasAutomatedRollback"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("automated rollback", values: ["mechanisms": .list(signal.kinds), "files": FileSignal.list(signal.files)],
                             detail: signal.found ? "mechanisms: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}

/// Are rolling updates guarded (readiness probes, PodDisruptionBudgets, surge settings)?
public struct HasZeroDowntimeSettings: Probe {
    public let name = "hasZeroDowntimeSettings"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("zero-downtime settings", values: ["kinds": .list(signal.kinds), "files": FileSignal.list(signal.files)],
                             detail: signal.found ? "kinds: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}

/// Are feature flags or experiments used?
public struct HasFeatureFlags: Probe {
    public let name = "hasFeatureFlags"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("feature flags", values: ["tools": .list(signal.tools), "files": FileSignal.list(signal.files)])
    }
}

/// Do controls guard what a release ships (provenance attestations, signed artefacts or required signed
/// commits, trusted publishing without stored tokens, supply-chain audits)? The controls are the kinds.
public struct HasSupplyChainControls: Probe {
    public let name = "hasSupplyChainControls"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("supply-chain controls", values: [
            "tools": .list(signal.tools), "kinds": .list(signal.kinds), "files": FileSignal.list(signal.files),
        ], detail: signal.found ? "controls: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}

/// Does the repository take configuration from its organisation's central repository (files synced from
/// it, an organisation Renovate preset)? How it arrives is the kind.
public struct UsesOrgSharedConfig: Probe {
    public let name = "usesOrgSharedConfig"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("configuration shared by the organisation", values: ["kinds": .list(signal.kinds), "files": FileSignal.list(signal.files)],
                             detail: signal.found ? "kinds: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}
