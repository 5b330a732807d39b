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
