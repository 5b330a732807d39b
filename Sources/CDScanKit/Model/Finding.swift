/// The answer of one probe: a yes/no question about the repository (`ciRunsTestsOnChange`), with the
/// values that back it up and where they were found. Findings are the only thing rules look at.
public struct Finding: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The answer is yes.
        case yes = "true"
        /// The answer is no.
        case no = "false"
        /// The repository cannot tell (no history window, a shallow clone, nothing to look at).
        case notAvailable = "not-available"
        /// The probe failed; the message says why. A failing probe never aborts a scan.
        case error
    }

    /// Where a finding's evidence is: a path in the HEAD tree, and a line where that makes sense.
    public struct Location: Sendable, Hashable, Codable, Comparable {
        public let path: String
        public let line: Int?

        public init(path: String, line: Int? = nil) {
            self.path = path
            self.line = line
        }

        public static func < (lhs: Location, rhs: Location) -> Bool {
            (lhs.path, lhs.line ?? 0) < (rhs.path, rhs.line ?? 0)
        }
    }

    public let probe: String
    public let outcome: Outcome
    public let message: String
    public let values: [String: FindingValue]
    public let locations: [Location]

    public init(probe: String, outcome: Outcome, message: String,
                values: [String: FindingValue] = [:], locations: [Location] = []) {
        self.probe = probe
        self.outcome = outcome
        self.message = message
        self.values = values
        self.locations = locations
    }

    /// A "yes" or "no" finding.
    public static func answer(_ probe: String, _ yes: Bool, _ message: String,
                              values: [String: FindingValue] = [:], locations: [Location] = []) -> Finding {
        Finding(probe: probe, outcome: yes ? .yes : .no, message: message, values: values, locations: locations)
    }

    public static func notAvailable(_ probe: String, _ message: String, values: [String: FindingValue] = [:]) -> Finding {
        Finding(probe: probe, outcome: .notAvailable, message: message, values: values)
    }

    public static func error(_ probe: String, _ message: String, locations: [Location] = []) -> Finding {
        Finding(probe: probe, outcome: .error, message: message, locations: locations)
    }
}

/// A named value of a finding: a count, a share, a figure, a word, or a list of words.
public enum FindingValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([String])

    public var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .double(let value): return FindingValue.format(value)
        case .string(let value): return value
        case .list(let values): return values.joined(separator: ", ")
        }
    }

    /// Two decimals at most, no trailing zeros: stable text for messages and JSON.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 {
            text = String(text[..<text.index(dot, offsetBy: 3)])
        }
        return text
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else { self = .list(try container.decode([String].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        // Rounded so that JSON output is byte-identical across platforms' float printing.
        case .double(let value): try container.encode((value * 10_000).rounded() / 10_000)
        case .string(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }
}
