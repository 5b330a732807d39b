extension Condition: CustomStringConvertible {
    /// The condition in words, for `cdscan explain`: `ciRunsTests and hasAutomatedTests.testFiles ≥ 1`.
    public var description: String {
        switch self {
        case .all(let parts): return parts.map { $0.nested }.joined(separator: " and ")
        case .any(let parts): return parts.map { $0.nested }.joined(separator: " or ")
        case .not(let part): return "not \(part.nested)"
        case .outcome(let probe, let expected): return expected ? probe : "\(probe) is false"
        case .compare(let probe, let value, let comparison): return "\(probe).\(value) \(comparison)"
        }
    }

    private var nested: String {
        switch self {
        case .all(let parts) where parts.count > 1, .any(let parts) where parts.count > 1: return "(\(description))"
        default: return description
        }
    }
}

extension Condition.Comparison: CustomStringConvertible {
    public var description: String {
        switch self {
        case .atLeast(let bound): return "≥ \(FindingValue.format(bound))"
        case .atMost(let bound): return "≤ \(FindingValue.format(bound))"
        case .greaterThan(let bound): return "> \(FindingValue.format(bound))"
        case .lessThan(let bound): return "< \(FindingValue.format(bound))"
        case .equals(let value): return "= \(value)"
        case .oneOf(let words): return "is one of \(words.joined(separator: ", "))"
        case .includesAny(let words): return words.isEmpty ? "is not empty" : "includes any of \(words.joined(separator: ", "))"
        case .countAtLeast(let count): return "has at least \(count)"
        }
    }
}
