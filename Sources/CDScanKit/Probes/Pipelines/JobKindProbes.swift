/// Does a pipeline build the software? A job that packages it (a container image build, an archive)
/// builds it too: many pipelines have no separate compile step.
public struct CIBuilds: Probe {
    public let name = "ciBuilds"
    public init() {}
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        JobKindProbe(name: name, kind: .build, what: "builds", alsoCounting: [.package]).evaluate(evidence)
    }
}

/// Does a pipeline run the tests?
public struct CIRunsTests: Probe {
    public let name = "ciRunsTests"
    public init() {}
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        JobKindProbe(name: name, kind: .test, what: "runs tests").evaluate(evidence)
    }
}

/// Does a pipeline run linters or static analysis?
public struct CILints: Probe {
    public let name = "ciLints"
    public init() {}
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        JobKindProbe(name: name, kind: .lint, what: "lints").evaluate(evidence)
    }
}

/// Does a pipeline package deliverables?
public struct CIPackages: Probe {
    public let name = "ciPackages"
    public init() {}
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        JobKindProbe(name: name, kind: .package, what: "packages").evaluate(evidence)
    }
}

/// Does a pipeline publish artifacts to a registry or repository?
public struct CIPublishes: Probe {
    public let name = "ciPublishes"
    public init() {}
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        JobKindProbe(name: name, kind: .publish, what: "publishes").evaluate(evidence)
    }
}

/// Does a pipeline create releases?
public struct CIReleases: Probe {
    public let name = "ciReleases"
    public init() {}
    public func evaluate(_ evidence: Evidence) throws -> Finding {
        JobKindProbe(name: name, kind: .release, what: "releases").evaluate(evidence)
    }
}
