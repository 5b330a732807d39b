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
    static let comparisonKeys: Set<String> = [
        "at-least", "at-most", "greater-than", "less-than", "equals", "one-of", "includes-any", "count-at-least",
    ]

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
        for key in Self.ruleKeys { map.allow(key) }
        errors += map.unknownKeyErrors()
        let id = requiredString(root, "id")
        let level = root["level"]?.int
        if level == nil || !MaturityLevel.all.contains(level!) { failKey("level", in: root, expected: "a whole number from 1 to 5") }
        let dimension = root["dimension"]?.string.flatMap(Dimension.init(rawValue:))
        if dimension == nil { failKey("dimension", in: root, expected: "people, process or tech") }
        let kind = root["kind"]?.string.flatMap(CharacteristicKind.init(rawValue:))
        if kind == nil { failKey("kind", in: root, expected: "capability or deficit") }
        let title = requiredString(root, "title")
        if let id, let level, let dimension, !id.hasPrefix("L\(level).\(dimension.rawValue).") {
            fail(root["id"]?.mark ?? root.mark, "id \(id) does not match level \(level) and dimension \(dimension.rawValue) (expected L\(level).\(dimension.rawValue).…)")
        }
        let weight = root["weight"]?.double ?? 1
        if weight <= 0 || weight > 10 { failKey("weight", in: root, expected: "a number above 0 and at most 10") }
        let parameters = parseParameters(root["parameters"])
        let unobservable = root["unobservable"]?.bool ?? false

        var metWhen: Condition?
        if let node = root["met-when"] {
            metWhen = parseCondition(node, parameters: parameters)
            if unobservable { fail(node.mark, "an unobservable rule has no met-when") }
        } else if !unobservable && root["not-met-when"] == nil {
            fail(root.mark, "a rule needs 'met-when' (or only 'not-met-when' for evidence that can only clear it, or 'unobservable: true' for a characteristic a repository cannot show)")
        }
        let notMetWhen = root["not-met-when"].flatMap { parseCondition($0, parameters: parameters) }
        if unobservable, let node = root["not-met-when"] { fail(node.mark, "an unobservable rule has no not-met-when") }
        let practicedWhen = root["practiced-when"].flatMap { parseCondition($0, parameters: parameters) }

        let explain = root["explain"]
        let met = explain?["met"]?.string
        let notMet = explain?["not-met"]?.string
        let unknown = explain?["unknown"]?.string
        if explain == nil || (!unobservable && notMet == nil) || (root["met-when"] != nil && met == nil) {
            fail(explain?.mark ?? root.mark, "'explain' needs a sentence for each outcome the rule can give (met, not-met)")
        }
        if let explain {
            rejectUnknownKeys(explain, context: "explain", allowed: ["met", "not-met", "unknown", "presence-only"])
        }
        let advice = requiredString(root, "advice")
        let appliesTo = parseAppliesTo(root["applies-to"])
        let examples = parseExamples(root["examples"], unobservable: unobservable,
                                     clearsOnly: root["met-when"] == nil && root["not-met-when"] != nil)

        guard errors.isEmpty, let id, let level, let dimension, let kind, let title, let advice else { return nil }
        return Rule(
            id: id, level: level, dimension: dimension, kind: kind, title: title,
            weight: weight, isDefining: root["defining"]?.bool ?? false,
            metWhen: metWhen, notMetWhen: notMetWhen, practicedWhen: practicedWhen,
            explanation: Rule.Explanation(
                met: met ?? "Declared met.", notMet: notMet ?? "Declared not met.",
                unknown: unknown ?? "The repository does not show this.",
                presenceOnly: explain?["presence-only"]?.string),
            advice: advice, examples: examples, parameters: parameters, appliesTo: appliesTo,
            source: RuleSourceRef(file: file, mark: root["id"]?.mark, origin: origin, overrides: nil))
    }

    // MARK: Parts

    /// `applies-to: [service, infrastructure]`: the kinds of project the characteristic fits.
    private mutating func parseAppliesTo(_ node: YAMLNode?) -> Set<ProjectKind>? {
        guard let node else { return nil }
        guard let items = node.items, !items.isEmpty else {
            fail(node.mark, "'applies-to' takes a non-empty list of project kinds (\(ProjectKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        var kinds = Set<ProjectKind>()
        for item in items {
            guard let kind = item.string.flatMap(ProjectKind.init(rawValue:)) else {
                fail(item.mark, "unknown project kind '\(item.string ?? "?")' (expected one of \(ProjectKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            kinds.insert(kind)
        }
        return kinds
    }

    private mutating func requiredString(_ node: YAMLNode, _ key: String) -> String? {
        guard let value = node[key]?.string, !value.isEmpty else {
            failKey(key, in: node, expected: "a non-empty string")
            return nil
        }
        return value
    }

    private mutating func parseParameters(_ node: YAMLNode?) -> [String: Double] {
        guard let node else { return [:] }
        guard let pairs = node.pairs else {
            fail(node.mark, "parameters must be a mapping of names to numbers")
            return [:]
        }
        var parameters: [String: Double] = [:]
        for pair in pairs {
            guard let name = pair.key.string, let value = pair.value.double else {
                fail(pair.value.mark, "parameter '\(pair.key.string ?? "?")' must be a number")
                continue
            }
            parameters[name] = value
        }
        for (name, value) in parameterOverrides {
            if parameters[name] == nil {
                fail(node.mark, "the configuration overrides parameter '\(name)', which this rule does not have (it has: \(parameters.keys.sorted().joined(separator: ", ")))")
            } else {
                parameters[name] = value
            }
        }
        return parameters
    }

    mutating func parseCondition(_ node: YAMLNode, parameters: [String: Double]) -> Condition? {
        guard let pairs = node.pairs else {
            fail(node.mark, "a condition is a mapping: all:, any:, not: or probe:")
            return nil
        }
        let keys = pairs.compactMap(\.key.string)
        if let list = node["all"] ?? node["any"] {
            guard keys.count == 1 else {
                fail(node.mark, "'all'/'any' stand alone in their condition; wrap other keys in a list item")
                return nil
            }
            guard let items = list.items, !items.isEmpty else {
                fail(list.mark, "'\(keys[0])' takes a non-empty list of conditions")
                return nil
            }
            let parts = items.compactMap { parseCondition($0, parameters: parameters) }
            guard parts.count == items.count else { return nil }
            return keys[0] == "all" ? .all(parts) : .any(parts)
        }
        if let inner = node["not"] {
            guard keys.count == 1 else {
                fail(node.mark, "'not' stands alone in its condition")
                return nil
            }
            return parseCondition(inner, parameters: parameters).map(Condition.not)
        }
        guard let probe = node["probe"]?.string else {
            fail(node.mark, "unknown condition (expected all:, any:, not: or probe:; found \(keys.joined(separator: ", ")))")
            return nil
        }
        guard let entry = registry.entries[probe] else {
            fail(node["probe"]!.mark, "unknown probe '\(probe)'\(suggestion(probe, among: Array(registry.entries.keys)))")
            return nil
        }
        for pair in pairs {
            let key = pair.key.string ?? ""
            if key != "probe" && key != "is" && key != "value" && !Self.comparisonKeys.contains(key) {
                fail(pair.key.mark, "unknown key '\(key)' in a probe condition (expected is, value, or a comparison: \(Self.comparisonKeys.sorted().joined(separator: ", ")))")
                return nil
            }
        }
        guard let valueName = node["value"]?.string else {
            if keys.contains(where: Self.comparisonKeys.contains) {
                fail(node.mark, "a comparison needs 'value:' (the name of one of \(probe)'s values)")
                return nil
            }
            let expected = node["is"]?.bool ?? true
            if let isNode = node["is"], isNode.bool == nil { fail(isNode.mark, "'is' must be true or false") }
            return .outcome(probe: probe, expected: expected)
        }
        guard let type = entry.values[valueName] else {
            fail(node["value"]!.mark, "probe \(probe) has no value '\(valueName)' (it has: \(entry.values.keys.sorted().joined(separator: ", ")))")
            return nil
        }
        let comparisons = pairs.filter { Self.comparisonKeys.contains($0.key.string ?? "") }
        guard comparisons.count == 1, let comparisonPair = comparisons.first, let comparisonKey = comparisonPair.key.string else {
            fail(node.mark, "a value condition needs exactly one comparison (\(Self.comparisonKeys.sorted().joined(separator: ", ")))")
            return nil
        }
        guard let comparison = parseComparison(comparisonKey, comparisonPair.value, type: type, parameters: parameters, probe: probe, value: valueName) else {
            return nil
        }
        return .compare(probe: probe, value: valueName, comparison: comparison)
    }

    private mutating func parseComparison(
        _ key: String, _ node: YAMLNode, type: ProbeRegistry.ValueType, parameters: [String: Double], probe: String, value: String
    ) -> Condition.Comparison? {
        func number() -> Double? {
            if let text = node.string, text.hasPrefix("$") {
                let name = String(text.dropFirst())
                guard let bound = parameters[name] else {
                    fail(node.mark, "unknown parameter '\(name)' (declare it under 'parameters:')")
                    return nil
                }
                return bound
            }
            guard let bound = node.double else {
                fail(node.mark, "'\(key)' takes a number or a $parameter")
                return nil
            }
            return bound
        }
        func requireType(_ allowed: Bool, _ what: String) -> Bool {
            if !allowed { fail(node.mark, "'\(key)' compares \(what), but \(probe).\(value) is a \(type.rawValue)") }
            return allowed
        }
        switch key {
        case "at-least", "at-most", "greater-than", "less-than":
            guard requireType(type.isNumeric, "numbers"), let bound = number() else { return nil }
            switch key {
            case "at-least": return .atLeast(bound)
            case "at-most": return .atMost(bound)
            case "greater-than": return .greaterThan(bound)
            default: return .lessThan(bound)
            }
        case "count-at-least":
            guard requireType(type == .list, "list lengths"), let bound = number() else { return nil }
            return .countAtLeast(Int(bound))
        case "one-of":
            guard requireType(type == .string, "words") else { return nil }
            let words = node.stringList
            if words.isEmpty { fail(node.mark, "'one-of' takes a word or a list of words") }
            return .oneOf(words)
        case "includes-any":
            guard requireType(type == .list, "list members") else { return nil }
            return .includesAny(node.stringList)
        default:  // equals
            switch type {
            case .bool:
                guard let flag = node.bool else { fail(node.mark, "'equals' needs true or false for \(probe).\(value)"); return nil }
                return .equals(.bool(flag))
            case .int, .double:
                guard let bound = number() else { return nil }
                return .equals(.double(bound))
            case .string:
                guard let word = node.string else { fail(node.mark, "'equals' needs a word for \(probe).\(value)"); return nil }
                return .equals(.string(word))
            case .list:
                fail(node.mark, "use 'includes-any' or 'count-at-least' for the list \(probe).\(value)")
                return nil
            }
        }
    }

    private mutating func parseExamples(_ node: YAMLNode?, unobservable: Bool, clearsOnly: Bool) -> [RuleExample] {
        guard let node else {
            fail(nil, "a rule needs 'examples': findings for which it ticks and for which it does not")
            return []
        }
        guard let items = node.items, !items.isEmpty else {
            fail(node.mark, "'examples' must be a non-empty list")
            return []
        }
        var examples: [RuleExample] = []
        for (index, item) in items.enumerated() {
            rejectUnknownKeys(item, context: "an example", allowed: ["name", "findings", "expect"])
            guard let expectText = item["expect"]?.string, let expected = RuleOutcome(rawValue: expectText),
                  RuleOutcome.ruleOutcomes.contains(expected) else {
                fail(item["expect"]?.mark ?? item.mark, "an example needs 'expect: met', 'not-met' or 'unknown'")
                continue
            }
            let findings = parseExampleFindings(item["findings"])
            examples.append(RuleExample(
                name: item["name"]?.string ?? "example \(index + 1)", findings: findings, expected: expected, mark: item.mark))
        }
        let outcomes = Set(examples.map(\.expected))
        if clearsOnly {
            if !(outcomes.contains(.notMet) && outcomes.contains(.unknown)) {
                fail(node.mark, "a rule with only 'not-met-when' needs examples that clear it (not-met) and that leave it unknown")
            }
        } else if !unobservable, !(outcomes.contains(.met) && outcomes.contains(.notMet)) {
            fail(node.mark, "examples must show at least one finding set that ticks the rule (met) and one that does not (not-met)")
        }
        return examples
    }

    /// `probe: true|false|not-available|error` or `probe: {outcome: true, value: …}`.
    private mutating func parseExampleFindings(_ node: YAMLNode?) -> [Finding] {
        guard let node else { return [] }
        guard let pairs = node.pairs else {
            fail(node.mark, "'findings' maps probe names to outcomes or to {outcome:, values…}")
            return []
        }
        var findings: [Finding] = []
        for pair in pairs {
            guard let probe = pair.key.string, let entry = registry.entries[probe] else {
                fail(pair.key.mark, "unknown probe '\(pair.key.string ?? "?")' in an example")
                continue
            }
            var outcomeNode = pair.value
            var values: [String: FindingValue] = [:]
            if pair.value.isMapping {
                outcomeNode = pair.value["outcome"] ?? YAMLNode(content: .scalar("true", .plain), mark: pair.value.mark)
                for valuePair in pair.value.pairs ?? [] {
                    guard let name = valuePair.key.string, name != "outcome" else { continue }
                    guard let type = entry.values[name] else {
                        fail(valuePair.key.mark, "probe \(probe) has no value '\(name)'")
                        continue
                    }
                    guard let value = Self.exampleValue(valuePair.value, type: type) else {
                        fail(valuePair.value.mark, "\(probe).\(name) must be a \(type.rawValue)")
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
                fail(outcomeNode.mark, "an example outcome is true, false, not-available or error")
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

    /// Collects an error for each key of `node` (when a mapping) not in `allowed`.
    private mutating func rejectUnknownKeys(_ node: YAMLNode, context: String, allowed: [String]) {
        guard var map = try? YAMLMapReader(node, file: file, context: context) else { return }
        for key in allowed { map.allow(key) }
        errors += map.unknownKeyErrors()
    }

    /// A key of the rule that is missing (the error is at the rule) or holds something else (at the value).
    private mutating func failKey(_ key: String, in node: YAMLNode, expected: String) {
        if let value = node[key], !value.isNull {
            errors.append(.wrongType(key, value, expected: expected, file: file))
        } else {
            errors.append(.missingKey(key, in: node, context: "a rule", file: file))
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
