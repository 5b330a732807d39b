import YAMLReader

/// Reads one rule file into a `Rule`, checking every key, probe, value and comparison against the probe
/// registry, and reporting each problem with its file:line:col.
struct RuleParser {
    let file: String
    let registry: ProbeRegistry
    /// Threshold overrides for this rule's parameters (from a config file).
    let parameterOverrides: [String: Double]
    private(set) var errors: [RuleError] = []

    static let ruleKeys: Set<String> = [
        "id", "level", "dimension", "kind", "title", "weight", "defining", "unobservable", "parameters",
        "met-when", "not-met-when", "practiced-when", "explain", "advice", "examples", "new", "applies-to",
    ]
    /// The same as a list, allowed at once.
    static let ruleKeyList = ruleKeys.sorted()
    static let comparisonKeys: Set<String> = [
        "at-least", "at-most", "greater-than", "less-than", "equals", "one-of", "includes-any", "count-at-least",
    ]
    /// Every key a `probe:` condition may hold, allowed at once.
    static let probeConditionKeys = ["probe", "is", "value"] + comparisonKeys.sorted()

    init(file: String, registry: ProbeRegistry, parameterOverrides: [String: Double] = [:]) {
        self.file = file
        self.registry = registry
        self.parameterOverrides = parameterOverrides
    }

    mutating func parse(_ root: YAMLNode, origin: RuleOrigin) -> Rule? {
        guard var map = try? YAMLMapReader(root, file: file, context: "a rule") else {
            fail(root.mark, "a rule file must be a mapping (id, level, dimension, …)")
            return nil
        }
        map.allow(contentsOf: Self.ruleKeyList)
        errors += map.unknownKeyErrors()
        let id = errors.collect { () throws(YAMLError) in try map.requiredString("id") }
        let level = errors.collect { () throws(YAMLError) in try map.requiredInt("level") }
        if let level, !MaturityLevel.all.contains(level), let node = map.node("level") {
            errors.append(.wrongType("level", node, expected: "a whole number from 1 to 5", file: file))
        }
        let dimension = errors.collect { () throws(YAMLError) in
            try map.requiredWord("dimension", as: Dimension.self, expected: "people, process or tech")
        }
        let kind = errors.collect { () throws(YAMLError) in
            try map.requiredWord("kind", as: CharacteristicKind.self, expected: "capability or deficit")
        }
        let title = errors.collect { () throws(YAMLError) in try map.requiredString("title") }
        if let id, let level, let dimension, !id.hasPrefix("L\(level).\(dimension.rawValue).") {
            fail(map.node("id")?.mark ?? root.mark, "id \(id) does not match level \(level) and dimension \(dimension.rawValue) (expected L\(level).\(dimension.rawValue).…)")
        }
        let weight = errors.collect { () throws(YAMLError) in try map.double("weight") } ?? 1
        if weight <= 0 || weight > 10, let node = map.node("weight") {
            errors.append(.wrongType("weight", node, expected: "a number above 0 and at most 10", file: file))
        }
        let parameters = parseParameters(&map)
        let unobservable = errors.collect { () throws(YAMLError) in try map.bool("unobservable") } ?? false
        let isDefining = errors.collect { () throws(YAMLError) in try map.bool("defining") } ?? false

        let metWhenNode = map.node("met-when")
        let notMetWhenNode = map.node("not-met-when")
        var metWhen: Condition?
        if let node = metWhenNode {
            metWhen = parseCondition(node, parameters: parameters)
            if unobservable { fail(node.mark, "an unobservable rule has no met-when") }
        } else if !unobservable && notMetWhenNode == nil {
            fail(root.mark, "a rule needs 'met-when' (or only 'not-met-when' for evidence that can only clear it, or 'unobservable: true' for a characteristic a repository cannot show)")
        }
        let notMetWhen = notMetWhenNode.flatMap { parseCondition($0, parameters: parameters) }
        if unobservable, let node = notMetWhenNode { fail(node.mark, "an unobservable rule has no not-met-when") }
        let practicedWhen = map.node("practiced-when").flatMap { parseCondition($0, parameters: parameters) }

        let explanation = parseExplanation(&map, unobservable: unobservable, hasMetWhen: metWhenNode != nil)
        let advice = errors.collect { () throws(YAMLError) in try map.requiredString("advice") }
        let appliesTo = parseAppliesTo(&map)
        let examples = parseExamples(&map, unobservable: unobservable,
                                     clearsOnly: metWhenNode == nil && notMetWhenNode != nil)

        guard errors.isEmpty, let id, let level, let dimension, let kind, let title, let advice else { return nil }
        return Rule(
            id: id, level: level, dimension: dimension, kind: kind, title: title,
            weight: weight, isDefining: isDefining,
            metWhen: metWhen, notMetWhen: notMetWhen, practicedWhen: practicedWhen,
            explanation: explanation,
            advice: advice, examples: examples, parameters: parameters, appliesTo: appliesTo,
            source: RuleSourceRef(file: file, mark: map.node("id")?.mark, origin: origin, overrides: nil))
    }

    // MARK: Parts

    /// `explain: {met:, not-met:, unknown:, presence-only:}`: a sentence for each outcome the rule can give.
    private mutating func parseExplanation(_ rule: inout YAMLMapReader, unobservable: Bool, hasMetWhen: Bool) -> Rule.Explanation {
        var explain = errors.collect { () throws(YAMLError) in try rule.map("explain", context: "explain") }
        let met = errors.collect { () throws(YAMLError) in try explain?.string("met") }
        let notMet = errors.collect { () throws(YAMLError) in try explain?.string("not-met") }
        let unknown = errors.collect { () throws(YAMLError) in try explain?.string("unknown") }
        let presenceOnly = errors.collect { () throws(YAMLError) in try explain?.string("presence-only") }
        if explain == nil || (!unobservable && notMet == nil) || (hasMetWhen && met == nil) {
            fail(explain?.node.mark ?? rule.node.mark, "'explain' needs a sentence for each outcome the rule can give (met, not-met)")
        }
        errors += explain?.unknownKeyErrors() ?? []
        return Rule.Explanation(
            met: met ?? "Declared met.", notMet: notMet ?? "Declared not met.",
            unknown: unknown ?? "The repository does not show this.", presenceOnly: presenceOnly)
    }

    /// `applies-to: [service, infrastructure]`: the kinds of project the characteristic fits.
    private mutating func parseAppliesTo(_ rule: inout YAMLMapReader) -> Set<ProjectKind>? {
        let allKinds = ProjectKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let items = errors.collect({ () throws(YAMLError) in
            try rule.nonEmptyList("applies-to", of: "project kinds (\(allKinds))")
        }) else { return nil }
        var kinds = Set<ProjectKind>()
        for item in items {
            guard let word = errors.collect({ () throws(YAMLError) in try YAMLMapReader.string(item, named: "applies-to", file: file) }) else {
                continue
            }
            guard let kind = ProjectKind(rawValue: word) else {
                fail(item.mark, "unknown project kind '\(word)' (expected one of \(allKinds))")
                continue
            }
            kinds.insert(kind)
        }
        return kinds
    }

    private mutating func parseParameters(_ rule: inout YAMLMapReader) -> [String: Double] {
        guard var map = errors.collect({ () throws(YAMLError) in try rule.map("parameters", context: "parameters") }) else { return [:] }
        var parameters: [String: Double] = [:]
        for name in map.keys {
            if let value = errors.collect({ () throws(YAMLError) in try map.requiredDouble(name) }) {
                parameters[name] = value
            }
        }
        for (name, value) in parameterOverrides {
            if parameters[name] == nil {
                fail(map.node.mark, "the configuration overrides parameter '\(name)', which this rule does not have (it has: \(parameters.keys.sorted().joined(separator: ", ")))")
            } else {
                parameters[name] = value
            }
        }
        return parameters
    }

    mutating func parseCondition(_ node: YAMLNode, parameters: [String: Double]) -> Condition? {
        guard var map = errors.collect({ () throws(YAMLError) in try YAMLMapReader(node, file: file, context: "a condition") }) else {
            return nil
        }
        let keys = map.keys
        if let combinator = ["all", "any"].first(where: map.contains) {
            guard keys.count == 1 else {
                fail(node.mark, "'all'/'any' stand alone in their condition; wrap other keys in a list item")
                return nil
            }
            guard let items = errors.collect({ () throws(YAMLError) in try map.requiredNonEmptyList(combinator, of: "conditions") }) else {
                return nil
            }
            let parts = items.compactMap { parseCondition($0, parameters: parameters) }
            guard parts.count == items.count else { return nil }
            return combinator == "all" ? .all(parts) : .any(parts)
        }
        if map.contains("not") {
            guard keys.count == 1 else {
                fail(node.mark, "'not' stands alone in its condition")
                return nil
            }
            guard let inner = errors.collect({ () throws(YAMLError) in try map.requiredNode("not") }) else { return nil }
            return parseCondition(inner, parameters: parameters).map(Condition.not)
        }
        guard map.contains("probe") else {
            fail(node.mark, "unknown condition (expected all:, any:, not: or probe:; found \(keys.joined(separator: ", ")))")
            return nil
        }
        map.allow(contentsOf: Self.probeConditionKeys)
        let unknownKeys = map.unknownKeyErrors()
        guard unknownKeys.isEmpty else {
            errors += unknownKeys
            return nil
        }
        do throws(YAMLError) {
            return try parseProbeCondition(&map, parameters: parameters)
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// `probe:` with `is:`, or with `value:` and one comparison. Throws on a value of the wrong shape;
    /// collects (and returns nil on) a name the registry does not know.
    private mutating func parseProbeCondition(_ map: inout YAMLMapReader, parameters: [String: Double]) throws(YAMLError) -> Condition? {
        let probeNode = try map.requiredNode("probe")
        let probe = try map.requiredString("probe")
        guard let entry = registry.entries[probe] else {
            fail(probeNode.mark, "unknown probe '\(probe)'\(suggestion(probe, among: Array(registry.entries.keys)))")
            return nil
        }
        let comparisonKeys = map.keys.filter(Self.comparisonKeys.contains)
        guard let valueName = try map.string("value") else {
            if !comparisonKeys.isEmpty {
                fail(map.node.mark, "a comparison needs 'value:' (the name of one of \(probe)'s values)")
                return nil
            }
            return .outcome(probe: probe, expected: try map.bool("is") ?? true)
        }
        guard let type = entry.values[valueName] else {
            fail(map.node("value")?.mark, "probe \(probe) has no value '\(valueName)' (it has: \(entry.values.keys.sorted().joined(separator: ", ")))")
            return nil
        }
        guard comparisonKeys.count == 1, let comparisonKey = comparisonKeys.first, let bound = map.node(comparisonKey) else {
            fail(map.node.mark, "a value condition needs exactly one comparison (\(Self.comparisonKeys.sorted().joined(separator: ", ")))")
            return nil
        }
        guard let comparison = try parseComparison(comparisonKey, bound, type: type, parameters: parameters, probe: probe, value: valueName) else {
            return nil
        }
        return .compare(probe: probe, value: valueName, comparison: comparison)
    }

    /// The bound of one comparison, read for the probe value's type. Throws on a bound of the wrong shape;
    /// collects (and returns nil on) a comparison that does not fit the value's type or an unknown parameter.
    private mutating func parseComparison(
        _ key: String, _ node: YAMLNode, type: ProbeRegistry.ValueType, parameters: [String: Double], probe: String, value: String
    ) throws(YAMLError) -> Condition.Comparison? {
        func number() throws(YAMLError) -> Double? {
            if let text = node.scalar, text.hasPrefix("$") {
                let name = String(text.dropFirst())
                guard let bound = parameters[name] else {
                    fail(node.mark, "unknown parameter '\(name)' (declare it under 'parameters:')")
                    return nil
                }
                return bound
            }
            guard let bound = node.double else { throw .wrongType(key, node, expected: "a number or a $parameter", file: file) }
            return bound
        }
        func requireType(_ allowed: Bool, _ what: String) -> Bool {
            if !allowed { fail(node.mark, "'\(key)' compares \(what), but \(probe).\(value) is a \(type.rawValue)") }
            return allowed
        }
        switch key {
        case "at-least", "at-most", "greater-than", "less-than":
            guard requireType(type.isNumeric, "numbers"), let bound = try number() else { return nil }
            switch key {
            case "at-least": return .atLeast(bound)
            case "at-most": return .atMost(bound)
            case "greater-than": return .greaterThan(bound)
            default: return .lessThan(bound)
            }
        case "count-at-least":
            guard requireType(type == .list, "list lengths"), let bound = try number() else { return nil }
            return .countAtLeast(Int(bound))
        case "one-of":
            guard requireType(type == .string, "words") else { return nil }
            let words = try YAMLMapReader.strings(node, named: key, file: file)
            if words.isEmpty { throw .wrongType(key, node, expected: "a word or a list of words", file: file) }
            return .oneOf(words)
        case "includes-any":
            guard requireType(type == .list, "list members") else { return nil }
            return .includesAny(try YAMLMapReader.strings(node, named: key, file: file))
        default:  // equals
            switch type {
            case .bool:
                guard let flag = node.bool else { throw .wrongType(key, node, expected: "true or false for \(probe).\(value)", file: file) }
                return .equals(.bool(flag))
            case .int, .double:
                guard let bound = try number() else { return nil }
                return .equals(.double(bound))
            case .string:
                return .equals(.string(try YAMLMapReader.string(node, named: key, file: file)))
            case .list:
                fail(node.mark, "use 'includes-any' or 'count-at-least' for the list \(probe).\(value)")
                return nil
            }
        }
    }

    private mutating func parseExamples(_ rule: inout YAMLMapReader, unobservable: Bool, clearsOnly: Bool) -> [RuleExample] {
        guard let items = errors.collect({ () throws(YAMLError) in try rule.requiredNonEmptyList("examples", of: "examples") }) else {
            return []
        }
        let listMark = rule.node("examples")?.mark
        var examples: [RuleExample] = []
        for (index, item) in items.enumerated() {
            if let example = parseExample(item, index: index) { examples.append(example) }
        }
        let outcomes = Set(examples.map(\.expected))
        if clearsOnly {
            if !(outcomes.contains(.notMet) && outcomes.contains(.unknown)) {
                fail(listMark, "a rule with only 'not-met-when' needs examples that clear it (not-met) and that leave it unknown")
            }
        } else if !unobservable, !(outcomes.contains(.met) && outcomes.contains(.notMet)) {
            fail(listMark, "examples must show at least one finding set that ticks the rule (met) and one that does not (not-met)")
        }
        return examples
    }

    /// `{name:, findings:, expect: met|not-met|unknown}`.
    private mutating func parseExample(_ node: YAMLNode, index: Int) -> RuleExample? {
        guard var map = errors.collect({ () throws(YAMLError) in try YAMLMapReader(node, file: file, context: "an example") }) else {
            return nil
        }
        let expected = errors.collect { () throws(YAMLError) in
            try map.requiredWord("expect", as: RuleOutcome.self, expected: "met, not-met or unknown")
        }
        if let expected, !RuleOutcome.ruleOutcomes.contains(expected), let expectNode = map.node("expect") {
            errors.append(.wrongType("expect", expectNode, expected: "met, not-met or unknown", file: file))
        }
        let name = errors.collect { () throws(YAMLError) in try map.string("name") }
        let findingsMap = errors.collect { () throws(YAMLError) in try map.map("findings", context: "'findings'") }
        errors += map.unknownKeyErrors()
        let findings = findingsMap.map { parseExampleFindings($0) } ?? []
        guard let expected, RuleOutcome.ruleOutcomes.contains(expected) else { return nil }
        return RuleExample(name: name ?? "example \(index + 1)", findings: findings, expected: expected, mark: node.mark)
    }

    /// `probe: true|false|not-available|error` or `probe: {outcome: true, value: …}`.
    private mutating func parseExampleFindings(_ map: YAMLMapReader) -> [Finding] {
        var map = map
        var findings: [Finding] = []
        for probe in map.keys {
            guard let node = errors.collect({ () throws(YAMLError) in try map.requiredNode(probe) }) else { continue }
            guard let entry = registry.entries[probe] else {
                fail(map.keyMark(probe), "unknown probe '\(probe)' in an example")
                continue
            }
            var outcomeNode = node
            var values: [String: FindingValue] = [:]
            // Most findings are a bare outcome: no reader (and no refusal worded only to be dropped).
            if node.pairs != nil, var details = try? YAMLMapReader(node, file: file) {
                outcomeNode = details.node("outcome") ?? YAMLNode(content: .scalar("true", .plain), mark: node.mark)
                for name in details.keys where name != "outcome" {
                    guard let type = entry.values[name] else {
                        fail(details.keyMark(name), "probe \(probe) has no value '\(name)'")
                        continue
                    }
                    guard let valueNode = details.node(name), let value = Self.exampleValue(valueNode, type: type) else {
                        errors.append(.wrongType("\(probe).\(name)", details.node(name) ?? node, expected: "a \(type.rawValue)", file: file))
                        continue
                    }
                    values[name] = value
                }
            }
            let outcome: Finding.Outcome
            switch outcomeNode.bool.map({ $0 ? "true" : "false" }) ?? outcomeNode.string ?? "" {
            case "true": outcome = .yes
            case "false": outcome = .no
            case "not-available": outcome = .notAvailable
            case "error": outcome = .error
            default:
                errors.append(.wrongType(probe, outcomeNode, expected: "true, false, not-available or error", file: file))
                continue
            }
            findings.append(Finding(probe: probe, outcome: outcome, message: "example", values: values))
        }
        return findings
    }

    static func exampleValue(_ node: YAMLNode, type: ProbeRegistry.ValueType) -> FindingValue? {
        switch type {
        case .bool: return node.bool.map(FindingValue.bool)
        case .int: return node.int.map(FindingValue.int)
        case .double: return node.double.map(FindingValue.double)
        case .string: return node.string.map(FindingValue.string)
        case .list: return node.isSequence ? .list(node.stringList) : nil
        }
    }

    private mutating func fail(_ mark: YAMLMark?, _ message: String) {
        errors.append(RuleError(file: file, mark: mark, message: message))
    }

    private func suggestion(_ name: String, among names: [String]) -> String {
        let lower = name.lowercased()
        if let close = names.sorted().first(where: { $0.lowercased().hasPrefix(String(lower.prefix(5))) }) {
            return " (did you mean '\(close)'?)"
        }
        return ""
    }
}
