/// Is infrastructure described as code? Lists the tools and files, and how the IaC roots are worked with.
public struct HasInfrastructureAsCode: Probe {
    public let name = "hasInfrastructureAsCode"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        var values = signal.practiceValues(of: signal.artefacts)
        values["tools"] = .list(signal.tools)
        values["files"] = FileSignal.list(signal.files)
        return signal.answer("infrastructure as code", values: values,
                             detail: signal.found ? "\(signal.files.count) files under \(signal.artefacts.count) roots" : nil)
    }
}

/// Is what runs replaced rather than changed: images pinned by digest, machine images (Packer), images the
/// pipeline tags with their commit, node groups built from launch templates? Yes when one of those tools is
/// found or at least half of the image references name a digest (never on a share of no references).
public struct HasImmutableImages: Probe {
    public let name = "hasImmutableImages"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        if let failure = signal.failure { return failure }
        let images = evidence.files.detections.images
        let pinned = images.filter(\.isPinned)
        let share = images.isEmpty ? 0 : Double(pinned.count) / Double(images.count)
        let files = FileSignal.sortedUnique(signal.files + pinned.map(\.path))
        let yes = signal.found || (!images.isEmpty && share >= 0.5)
        var parts: [String] = []
        if signal.found { parts.append("replaced rather than changed: \(signal.tools.joined(separator: ", "))") }
        parts.append(images.isEmpty ? "no image references"
                     : "\(pinned.count) of \(images.count) image references pinned by digest")
        let locations = FileSignal.locations(signal.locations + pinned.map { Finding.Location(path: $0.path, line: $0.line) })
        return .answer(name, yes, parts.joined(separator: "; "),
                       values: ["pinnedShare": .double(share), "pinnedImages": .int(pinned.count), "imageReferences": .int(images.count),
                                "files": FileSignal.list(files), "tools": .list(signal.tools)],
                       locations: yes ? locations : [])
    }
}
