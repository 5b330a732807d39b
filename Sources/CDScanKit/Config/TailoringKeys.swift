import YAMLReader

/// Reads the keys of `.cdscan.yml` that fit the verdict to the repository: `kind:`, `not-applicable:`
/// and `suppress:`. Every mistake is collected with its line and column.
struct TailoringKeys {
    let file: String
    private(set) var errors: [RuleError] = []

    init(file: String) {
        self.file = file
    }

    private mutating func fail(_ mark: YAMLMark?, _ message: String) {
        errors.append(RuleError(file: file, mark: mark, message: message))
    }

    private var kindNames: String { ProjectKind.allCases.map(\.rawValue).joined(separator: ", ") }

    /// `kind: library` or `kind: [service, library]`.
    mutating func kinds(_ config: inout YAMLMapReader) -> [ProjectKind]? {
        guard let items = config.oneOrMany("kind") else { return nil }
        let errorsBefore = errors.count
        var kinds: [ProjectKind] = []
        for item in items {
            guard let word = errors.collect({ () throws(YAMLError) in try YAMLMapReader.string(item, named: "kind", file: file) }) else { continue }
            guard let kind = ProjectKind(rawValue: word) else {
                fail(item.mark, "'\(word)' is not a kind of project (expected one of \(kindNames))")
                continue
            }
            kinds.append(kind)
        }
        if kinds.isEmpty && errors.count == errorsBefore, let node = config.node("kind") {
            fail(node.mark, "'kind' names at least one kind of project (\(kindNames))")
        }
        return kinds
    }

    /// `not-applicable: {L4.tech.dashboards: "because …"}`.
    mutating func notApplicable(_ config: inout YAMLMapReader, declared: [String: DeclaredAnswer]) -> [String: String] {
        guard var reasons = errors.collect({ () throws(YAMLError) in
            try config.map("not-applicable", context: "not-applicable")
        }) else { return [:] }
        var result: [String: String] = [:]
        for id in reasons.keys {
            guard CharacteristicModel.builtIn.entry(id) != nil else {
                fail(reasons.keyMark(id), "'\(id)' is not a characteristic of the model")
                continue
            }
            let errorsBefore = errors.count
            guard let because = errors.collect({ () throws(YAMLError) in try reasons.string(id) }) else {
                if errors.count == errorsBefore { fail(reasons.keyMark(id), "say why \(id) does not apply: not-applicable takes a reason") }
                continue
            }
            if declared[id] != nil { fail(reasons.keyMark(id), "\(id) is both declared and not applicable: keep one") }
            result[id] = because
        }
        return result
    }

    /// `suppress:` — a list of `{characteristic: ID or glob | finding: probe, because: …, expires: YYYY-MM-DD}`.
    mutating func suppressions(_ config: inout YAMLMapReader) -> [Suppression] {
        let what = "{characteristic: ID, because: …} or {finding: probe, because: …}"
        guard let items = errors.collect({ () throws(YAMLError) in try config.list("suppress", of: what) }) else { return [] }
        return items.compactMap { suppression($0) }
    }

    private mutating func suppression(_ item: YAMLNode) -> Suppression? {
        guard var map = errors.collect({ () throws(YAMLError) in try YAMLMapReader(item, file: file, context: "a suppression") }) else {
            return nil
        }
        let characteristic = errors.collect { () throws(YAMLError) in try map.string("characteristic") }
        let finding = errors.collect { () throws(YAMLError) in try map.string("finding") }
        let errorsBefore = errors.count
        let because = errors.collect { () throws(YAMLError) in try map.string("because") }
        let noReason = because == nil && errors.count == errorsBefore
        let expiry = errors.collect { () throws(YAMLError) in try map.string("expires") }
        errors += map.unknownKeyErrors()
        let target: Suppression.Target
        switch (characteristic, finding) {
        case (let id?, nil):
            let ids = CharacteristicModel.builtIn.entries.map(\.id)
            guard ids.contains(where: { IdGlob.matches(id, $0) }) else {
                fail(map.node("characteristic")?.mark, "'\(id)' matches no characteristic of the model")
                return nil
            }
            target = .characteristic(id)
        case (nil, let probe?):
            guard ProbeRegistry.builtIn.entries[probe] != nil else {
                fail(map.node("finding")?.mark, "'\(probe)' is not a probe (see `cdscan explain` or Rules/probes.yml)")
                return nil
            }
            target = .finding(probe)
        default:
            fail(item.mark, "a suppression names either a characteristic or a finding")
            return nil
        }
        guard let because else {
            if noReason { fail(item.mark, "say why with 'because:' — a suppression is listed in the report with its reason") }
            return nil
        }
        var expiresAt: Int64?
        if let expiry {
            guard expiry.count == 10, let start = Timestamp.parse(expiry) else {
                errors.append(.wrongType("expires", map.node("expires") ?? item, expected: "a date YYYY-MM-DD", file: file))
                return nil
            }
            expiresAt = start + 86_400  // in force through the whole day
        }
        return Suppression(target: target, because: because, expires: expiry, expiresAt: expiresAt, line: item.mark.line)
    }
}
