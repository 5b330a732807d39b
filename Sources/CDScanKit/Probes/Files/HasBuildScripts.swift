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
