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
    mutating func kinds(_ node: YAMLNode?) -> [ProjectKind]? {
        guard let node else { return nil }
        let items = node.items ?? [node]
        var kinds: [ProjectKind] = []
        for item in items {
            guard let kind = item.string.flatMap(ProjectKind.init(rawValue:)) else {
                fail(item.mark, "'\(item.string ?? "?")' is not a kind of project (expected one of \(kindNames))")
                continue
            }
            kinds.append(kind)
        }
        if kinds.isEmpty && errors.isEmpty { fail(node.mark, "'kind' names at least one kind of project (\(kindNames))") }
        return kinds
    }

    /// `not-applicable: {L4.tech.dashboards: "because …"}`.
    mutating func notApplicable(_ node: YAMLNode?, declared: [String: DeclaredAnswer]) -> [String: String] {
        guard let node else { return [:] }
        guard let pairs = node.pairs else {
            errors.append(.wrongType("not-applicable", node, expected: "a mapping of characteristic ids to the reason they do not apply", file: file))
            return [:]
        }
        var result: [String: String] = [:]
        for pair in pairs {
            guard let id = pair.key.string, CharacteristicModel.builtIn.entry(id) != nil else {
                fail(pair.key.mark, "'\(pair.key.string ?? "?")' is not a characteristic of the model")
                continue
            }
            guard let because = pair.value.string, !because.isEmpty else {
                fail(pair.value.mark, "say why \(id) does not apply: not-applicable takes a reason")
                continue
            }
            if declared[id] != nil { fail(pair.key.mark, "\(id) is both declared and not applicable: keep one") }
            result[id] = because
        }
        return result
    }

    /// `suppress:` — a list of `{characteristic: ID or glob | finding: probe, because: …, expires: YYYY-MM-DD}`.
    mutating func suppressions(_ node: YAMLNode?) -> [Suppression] {
        guard let node else { return [] }
        guard let items = node.items else {
            errors.append(.wrongType("suppress", node, expected: "a list of {characteristic: ID, because: …} or {finding: probe, because: …}", file: file))
            return []
        }
        var result: [Suppression] = []
        for item in items {
            guard var map = try? YAMLMapReader(item, file: file, context: "a suppression") else {
                errors.append(.wrongType("suppress", item, expected: "a list of mappings {characteristic: ID, because: …, expires: YYYY-MM-DD}", file: file))
                continue
            }
            map.allow("characteristic", "finding", "because", "expires")
            errors += map.unknownKeyErrors()
            let target: Suppression.Target
            switch (item["characteristic"]?.string, item["finding"]?.string) {
            case (let id?, nil):
                let ids = CharacteristicModel.builtIn.entries.map(\.id)
                guard ids.contains(where: { IdGlob.matches(id, $0) }) else {
                    fail(item["characteristic"]?.mark, "'\(id)' matches no characteristic of the model")
                    continue
                }
                target = .characteristic(id)
            case (nil, let probe?):
                guard ProbeRegistry.builtIn.entries[probe] != nil else {
                    fail(item["finding"]?.mark, "'\(probe)' is not a probe (see `cdscan explain` or Rules/probes.yml)")
                    continue
                }
                target = .finding(probe)
            default:
                fail(item.mark, "a suppression names either a characteristic or a finding")
                continue
            }
            guard let because = item["because"]?.string, !because.isEmpty else {
                fail(item.mark, "say why with 'because:' — a suppression is listed in the report with its reason")
                continue
            }
            var expires: String?
            var expiresAt: Int64?
            if let expiry = item["expires"] {
                guard let text = expiry.string, text.count == 10, let start = Timestamp.parse(text) else {
                    errors.append(.wrongType("expires", expiry, expected: "a date YYYY-MM-DD", file: file))
                    continue
                }
                expires = text
                expiresAt = start + 86_400  // in force through the whole day
            }
            result.append(Suppression(target: target, because: because, expires: expires, expiresAt: expiresAt, line: item.mark.line))
        }
        return result
    }
}
