/// Governance, maintainer and ownership files, and governance sections in the README or contributing guide.
public struct HasGovernanceDocs: Probe {
    public let name = "hasGovernanceDocs"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        let mentions = signal.detections.filter { $0.kind == "mention" }.map { "\($0.path):\($0.line ?? 0)" }
        let files = signal.detections.filter { $0.kind != "mention" }.map(\.path)
        return signal.answer("governance documents", values: ["files": FileSignal.list(files), "mentions": FileSignal.list(mentions)])
    }
}

/// Documentation beyond the README: files in docs folders, READMEs of sub-directories, documents at the root
/// beside the README, or a docs site generator.
public struct HasDocumentation: Probe {
    public let name = "hasDocumentation"
    public init() {}

    /// The catalogue entries whose matches are documents (a docs site generator is configuration, not one).
    static let documentEntries: Set<String> = ["docs-folder", "docs-folders-named", "docs-readmes", "docs-root-documents"]

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        let documents = signal.detections.filter { Self.documentEntries.contains($0.entry) }
        let count = Set(documents.map(\.path)).count
        let folders = FileSignal.sortedUnique(documents.filter { $0.entry == "docs-folder" || $0.entry == "docs-folders-named" }.map(\.artefact))
        let readmes = Set(documents.filter { $0.entry == "docs-readmes" }.map(\.path)).count
        var parts = folders.isEmpty ? [] : ["docs folders \(folders.joined(separator: ", "))"]
        if readmes > 0 { parts.append("\(readmes) READMEs of sub-directories") }
        return signal.answer("documentation", values: ["files": .int(count), "folders": .list(folders), "readmes": .int(readmes)],
                             detail: signal.found ? "\(count) documentation files" + (parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))") : nil)
    }
}

/// A TODO file with no other planning artefact (issue templates, a roadmap).
public struct HasTodoFileOnly: Probe {
    public let name = "hasTodoFileOnly"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        if let failure = signal.failure { return failure }
        let detections = evidence.files.detections
        let planning = FileSignal.sortedUnique((detections.detections(feeding: "planning") + detections.detections(feeding: "hasIssueTemplates")).map(\.path))
        let yes = signal.found && planning.isEmpty
        let message: String
        if !signal.found { message = "no TODO file" }
        else if planning.isEmpty { message = "\(signal.files.joined(separator: ", ")) is the only planning artefact (no issue templates or roadmap)" }
        else { message = "a TODO file beside other planning artefacts: \(FileSignal.summary(planning))" }
        return .answer(name, yes, message, values: ["files": FileSignal.list(signal.files)], locations: yes ? signal.locations : [])
    }
}

/// Does the README show build, coverage or quality badges?
public struct HasStatusBadges: Probe {
    public let name = "hasStatusBadges"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence, signal: "statusBadges")
        if let failure = signal.failure { return failure }
        let badges = evidence.files.detections.badges
        let labels = FileSignal.sortedUnique(badges.map(\.label))
        let message = badges.isEmpty
            ? (signal.found ? "no status badges in \(signal.files.joined(separator: ", "))" : "no README with status badges")
            : "badges: \(labels.joined(separator: ", "))"
        return .answer(name, !badges.isEmpty, message, values: ["badges": .list(labels)],
                       locations: FileSignal.locations(badges.map { Finding.Location(path: $0.path, line: $0.line) }))
    }
}
