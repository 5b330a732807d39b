import YAMLReader

/// The variables a GitHub Actions workflow, job or step sets in `env:`, put into the commands that use
/// them: `$CARGO test` with `CARGO: cargo` runs `cargo test`. A value that is an expression
/// (`${{ matrix.cross && 'cross' || 'cargo' }}`) stands for its last quoted text, the fallback; one
/// without quoted text is left alone, as is every variable the workflow does not set.
struct WorkflowVariables: Sendable {
    private(set) var values: [String: String] = [:]

    init() {}

    /// These variables, with those `env` sets on top (a job's over the workflow's, a step's over the job's).
    func adding(_ env: YAMLNode?) -> WorkflowVariables {
        guard let pairs = env?.pairs else { return self }
        var result = self
        for pair in pairs {
            guard let name = pair.key.string, let raw = pair.value.string else { continue }
            if let value = Self.value(raw) { result.values[name] = value } else { result.values[name] = nil }
        }
        return result
    }

    /// What a raw `env` value stands for in a command, or nil when it cannot be told.
    static func value(_ raw: String) -> String? {
        guard raw.utf8.count <= maximumValueLength, !raw.contains("\n") else { return nil }
        guard raw.contains("${{") else { return raw.contains("$") ? nil : raw }
        let quoted = raw.split(separator: "'", omittingEmptySubsequences: false)
        // Quoted texts sit at the odd places between the quotes.
        let texts = quoted.indices.filter { $0 % 2 == 1 && $0 < quoted.count - 1 }.map { String(quoted[$0]) }
        return texts.last.flatMap { $0.contains("$") ? nil : $0 }
    }

    /// A value longer than this, or of several lines, is a script or a document, not a command word.
    static let maximumValueLength = 200
    /// What substitution may add to a command: a command naming a long variable thousands of times grows no further.
    static let maximumGrowth = 64 << 10

    /// `text` with `${{ env.NAME }}`, `${NAME}` and `$NAME` of the variables set here replaced by their values.
    func substitute(_ text: String) -> String {
        guard !values.isEmpty, text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        var added = 0
        while index < text.endIndex {
            guard text[index] == "$", added < Self.maximumGrowth, let (name, end) = Self.reference(in: text, at: index),
                  let value = values[name] else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            result += value
            added += value.utf8.count
            index = end
        }
        return result
    }

    /// The variable named at `start` (a `$`) and where its reference ends.
    private static func reference(in text: String, at start: String.Index) -> (String, String.Index)? {
        let after = text[text.index(after: start)...]
        if after.hasPrefix("{{") {
            guard let close = after.range(of: "}}") else { return nil }
            let inner = after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard inner.hasPrefix("env."), isName(inner.dropFirst(4)) else { return nil }
            return (String(inner.dropFirst(4)), close.upperBound)
        }
        if after.hasPrefix("{") {
            guard let close = after.firstIndex(of: "}") else { return nil }
            let name = after[after.index(after: after.startIndex)..<close]
            return isName(name) ? (String(name), after.index(after: close)) : nil
        }
        let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return isName(name) ? (String(name), name.endIndex) : nil
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
