import YAMLReader

/// The documents of a YAML file, parsed once for every entry that asks. Helm and other Go-template files
/// are not YAML until rendered; their `{{ … }}` parts are blanked out first so their structure can be read.
struct YAMLDocuments {
    enum Parsed {
        case documents([YAMLNode])
        case malformed(YAMLError)
        /// A template that stays unreadable even with its expressions blanked: skipped, not a problem.
        case unreadableTemplate
    }

    static func parse(_ text: String, path: String) -> Parsed {
        let isTemplate = text.contains("{{")
        let source = isTemplate ? blankTemplateExpressions(text) : text
        do {
            return .documents(try YAMLParser.parseAll(source, file: path))
        } catch {
            return isTemplate ? .unreadableTemplate : .malformed(error)
        }
    }

    /// Drops lines that hold only template actions and replaces inline actions by a placeholder scalar.
    static func blankTemplateExpressions(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), !trimmed.dropFirst(2).contains("{{") {
                lines.append("")  // keeps line numbers
                continue
            }
            var rebuilt = ""
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                rebuilt += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else { rest = ""; break }
                rebuilt += "TEMPLATE"
                rest = rest[close.upperBound...]
            }
            rebuilt += rest
            lines.append(Substring(rebuilt))
        }
        return lines.joined(separator: "\n")
    }

    /// The line where `condition` holds in one of `documents` (the line of its last key's value), or nil.
    static func firstMatch(of condition: YAMLCondition, in documents: [YAMLNode]) -> Int? {
        for document in documents {
            var line: Int?
            var holds = true
            for requirement in condition.requirements {
                guard let found = find(requirement.keyPath[...], in: document, value: requirement.value) else {
                    holds = false
                    break
                }
                line = found
            }
            if holds, let line { return line }
        }
        return nil
    }

    /// Walks the key path (through lists, trying each item) to a node whose value the glob accepts.
    private static func find(_ path: ArraySlice<String>, in node: YAMLNode, value: NameGlob) -> Int? {
        if let items = node.items {
            for item in items {
                if let line = find(path, in: item, value: value) { return line }
            }
            return nil
        }
        guard let key = path.first else {
            if let scalar = node.scalar { return value.matches(scalar) ? node.mark.line : nil }
            return value.text == "*" ? node.mark.line : nil
        }
        guard let pair = node.pairs?.first(where: { $0.key.scalar == key }) else { return nil }
        if path.count == 1, value.text == "*" { return pair.key.mark.line }
        return find(path.dropFirst(), in: pair.value, value: value)
    }
}
