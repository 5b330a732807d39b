import YAMLReader

/// How a presence probe words its answer, declared under `presence:` in `Rules/probes.yml`. A presence
/// probe only asks whether the catalogue entries feeding its signal (its own name) were found, and reports
/// what they were: `tools`, `files`, the practice values, and the entries' kinds under `kinds`' name.
public struct PresenceDeclaration: Sendable, Hashable {
    /// What was found, in the message: "noun: a, b" or "no noun found".
    public let noun: String
    /// The value that lists the found entries' kinds (`kinds`, `strategies` …); nil when none does.
    public let kindsValue: String?
    /// When something was found, the message ends "; label: the kinds"; nil adds nothing.
    public let detailLabel: String?

    /// The practice values (`practiceCommits` …), reported all together or not at all.
    static let practiceValues: Set<String> = [
        "practiceCommits", "practiceFlowCommits", "practiceAuthors", "practiceAgeDays", "practiceLastTouchedDays",
    ]

    static func read(_ reader: inout YAMLMapReader, values: [String: ProbeRegistry.ValueType]) throws(RuleError) -> PresenceDeclaration? {
        guard var presence = try reader.map("presence", context: "a presence declaration") else { return nil }
        let declaration = PresenceDeclaration(
            noun: try presence.requiredString("noun"), kindsValue: try presence.string("kinds"), detailLabel: try presence.string("detail"))
        try presence.rejectUnknownKeys()
        // Every declared value must be one the presence probe knows how to fill, with its type.
        let lists = Set(["tools", "files"] + [declaration.kindsValue].compactMap { $0 })
        let declaredPractice = Set(values.keys).intersection(practiceValues)
        if !declaredPractice.isEmpty, declaredPractice != practiceValues {
            throw presence.error(presence.node, "a presence probe reports all the practice values or none")
        }
        for (value, type) in values.sorted(by: { $0.key < $1.key }) {
            let expected: ProbeRegistry.ValueType? = lists.contains(value) ? .list : practiceValues.contains(value) ? .int : nil
            guard let expected else {
                throw presence.error(presence.node, "a presence probe cannot report '\(value)' (it reports tools, files, the practice values and the kinds under the name 'kinds:' gives)")
            }
            guard type == expected else {
                throw presence.error(presence.node, "a presence probe reports '\(value)' as \(expected.rawValue), not \(type.rawValue)")
            }
        }
        if let kinds = declaration.kindsValue, values[kinds] == nil {
            throw presence.error(presence.node, "'kinds' names '\(kinds)', which is not among the probe's values")
        }
        return declaration
    }
}
