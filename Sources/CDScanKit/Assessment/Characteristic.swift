/// The three dimensions of the model: each characteristic describes people, process or technology.
public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case people, process, tech

    public var title: String {
        switch self {
        case .people: return "People"
        case .process: return "Process"
        case .tech: return "Tech"
        }
    }

    public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A capability is a practice a team has reached (a tick is good news); a deficit is a shortcoming that
/// describes teams at its level (a tick is bad news).
public enum CharacteristicKind: String, Sendable, Hashable, Codable {
    case capability, deficit
}

/// The five levels of the whitepaper's model.
public enum MaturityLevel {
    public static let names: [Int: String] = [
        1: "Chaos",
        2: "Continuous Integration",
        3: "Continuous Flow",
        4: "Continuous Feedback",
        5: "Continuous Improvement",
    ]
    public static let all = 1...5

    public static func name(_ level: Int) -> String { names[level] ?? "Level \(level)" }
}
