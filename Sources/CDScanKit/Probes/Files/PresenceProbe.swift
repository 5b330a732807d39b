/// A file probe that only asks whether the catalogue entries feeding its signal are present, and how they
/// are practised in history. It has no Swift type of its own: `Rules/probes.yml` declares it (`presence:`),
/// and its values are those declared there.
public struct PresenceProbe: Probe {
    public let name: String
    let presence: PresenceDeclaration
    let values: Set<String>

    init(_ entry: ProbeRegistry.Entry, _ presence: PresenceDeclaration) {
        name = entry.name
        self.presence = presence
        values = Set(entry.values.keys)
    }

    /// The presence probes `registry` declares, by name.
    static func declared(in registry: ProbeRegistry) -> [PresenceProbe] {
        registry.entries.values.compactMap { entry in entry.presence.map { PresenceProbe(entry, $0) } }
            .sorted { $0.name < $1.name }
    }

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        var found: [String: FindingValue] = values.isSuperset(of: PresenceDeclaration.practiceValues)
            ? signal.practiceValues(of: signal.artefacts) : [:]
        if values.contains("tools") { found["tools"] = .list(signal.tools) }
        if values.contains("files") { found["files"] = FileSignal.list(signal.files) }
        if let kinds = presence.kindsValue { found[kinds] = .list(signal.kinds) }
        let detail = presence.detailLabel.flatMap { signal.found ? "\($0): \(signal.kinds.joined(separator: ", "))" : nil }
        return signal.answer(presence.noun, values: found, detail: detail)
    }
}
