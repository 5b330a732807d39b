/// Is the software built into container images (Dockerfile, compose …)?
public struct HasContainerBuild: Probe {
    public let name = "hasContainerBuild"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("container build", values: ["files": FileSignal.list(signal.files)])
    }
}

/// Are environments pinned (dev containers, lockfiles, pinned toolchains, Vagrant, Nix)?
public struct HasReproducibleEnvironment: Probe {
    public let name = "hasReproducibleEnvironment"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        return signal.answer("pinned environment", values: ["kinds": .list(signal.kinds), "files": FileSignal.list(signal.files)],
                             detail: signal.found ? "kinds: \(signal.kinds.joined(separator: ", "))" : nil)
    }
}

/// Are builds scripted (Makefile, Taskfile, justfile, build scripts)? Lists the targets they offer.
public struct HasBuildScripts: Probe {
    public let name = "hasBuildScripts"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        let targets = evidence.files.detections.buildTargets
        return signal.answer("build scripts", values: ["files": FileSignal.list(signal.files), "targets": FileSignal.list(targets)],
                             detail: targets.isEmpty ? nil : "targets: \(FileSignal.summary(targets, shown: 6))")
    }
}
