/// A rule's condition over findings: probes' outcomes and comparisons on their values, combined with
/// all / any / not. Evaluated in three-valued logic: a finding that is missing, not available or an
/// error makes its atom unknown, and unknown is never read as false.
public indirect enum Condition: Sendable, Hashable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// The probe answered yes (`expected == true`) or no (`expected == false`).
    case outcome(probe: String, expected: Bool)
    /// A value of the probe's finding compared with a number, a word, or a list.
    case compare(probe: String, value: String, comparison: Comparison)

    public enum Comparison: Sendable, Hashable {
        case atLeast(Double)
        case atMost(Double)
        case greaterThan(Double)
        case lessThan(Double)
        case equals(FindingValue)
        /// The value (a word) is one of these.
        case oneOf([String])
        /// The value (a list) holds at least one of these; `[]` means "is not empty".
        case includesAny([String])
        /// The value (a list) holds at least this many entries.
        case countAtLeast(Int)
    }

    /// Every probe the condition reads.
    public var probes: Set<String> {
        switch self {
        case .all(let parts), .any(let parts): return parts.reduce(into: Set()) { $0.formUnion($1.probes) }
        case .not(let part): return part.probes
        case .outcome(let probe, _), .compare(let probe, _, _): return [probe]
        }
    }
}

/// Three-valued truth.
public enum Truth: Sendable, Hashable {
    case yes, no, unknown
}

extension Condition {
    public func evaluate(_ findings: [String: Finding]) -> Truth {
        switch self {
        case .all(let parts):
            var sawUnknown = false
            for part in parts {
                switch part.evaluate(findings) {
                case .no: return .no
                case .unknown: sawUnknown = true
                case .yes: break
                }
            }
            return sawUnknown ? .unknown : .yes
        case .any(let parts):
            var sawUnknown = false
            for part in parts {
                switch part.evaluate(findings) {
                case .yes: return .yes
                case .unknown: sawUnknown = true
                case .no: break
                }
            }
            return sawUnknown ? .unknown : .no
        case .not(let part):
            switch part.evaluate(findings) {
            case .yes: return .no
            case .no: return .yes
            case .unknown: return .unknown
            }
        case .outcome(let probe, let expected):
            guard let finding = findings[probe] else { return .unknown }
            switch finding.outcome {
            case .yes: return expected ? .yes : .no
            case .no: return expected ? .no : .yes
            case .notAvailable, .error: return .unknown
            }
        case .compare(let probe, let name, let comparison):
            guard let finding = findings[probe], finding.outcome == .yes || finding.outcome == .no,
                  let value = finding.values[name] else { return .unknown }
            return comparison.holds(for: value) ? .yes : .no
        }
    }
}

extension Condition.Comparison {
    func holds(for value: FindingValue) -> Bool {
        switch self {
        case .atLeast(let bound): return (value.number ?? -.infinity) >= bound
        case .atMost(let bound): return (value.number ?? .infinity) <= bound
        case .greaterThan(let bound): return (value.number ?? -.infinity) > bound
        case .lessThan(let bound): return (value.number ?? .infinity) < bound
        case .equals(let expected):
            if let a = value.number, let b = expected.number { return a == b }
            return value == expected
        case .oneOf(let words):
            if case .string(let word) = value { return words.contains(word) }
            return false
        case .includesAny(let words):
            guard case .list(let items) = value else { return false }
            return words.isEmpty ? !items.isEmpty : items.contains(where: words.contains)
        case .countAtLeast(let count):
            guard case .list(let items) = value else { return false }
            return items.count >= count
        }
    }
}
