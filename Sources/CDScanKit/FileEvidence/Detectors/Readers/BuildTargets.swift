import Foundation
import YAMLReader

/// The targets a build script offers (make targets, just recipes, Taskfile tasks, npm scripts).
enum BuildTargets {
    static func targets(in text: String, extractor: DetectionExtractor) -> [String] {
        let names: [String]
        switch extractor {
        case .makeTargets: names = makeTargets(text)
        case .justRecipes: names = justRecipes(text)
        case .taskfileTasks: names = ((try? YAMLParser.parse(text, file: ""))??["tasks"]?.keys) ?? []
        case .npmScripts:
            let object = text.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            names = (object?["scripts"] as? [String: Any]).map { Array($0.keys) } ?? []
        default: names = []
        }
        return Array(Set(names)).sorted()
    }

    /// `name other: prerequisites` lines at the start of a line; not variables (`X := y`), not special
    /// targets (`.PHONY`), not pattern rules (`%.o`).
    private static func makeTargets(_ text: String) -> [String] {
        var names: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("\t") && !line.hasPrefix(" ") && !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let after = line[line.index(after: colon)...]
            if after.hasPrefix("=") || line[..<colon].contains("=") { continue }
            for word in line[..<colon].split(separator: " ") {
                if word.hasPrefix(".") || word.contains("%") || word.contains("$") { continue }
                names.append(String(word))
            }
        }
        return names
    }

    /// `recipe arg: dependencies` (optionally `@recipe`) at the start of a line; not settings or aliases.
    private static func justRecipes(_ text: String) -> [String] {
        var names: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("\t") && !line.hasPrefix("#") && !line.hasPrefix("[") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[line.index(after: colon)...].hasPrefix("=") { continue }
            let head = line[..<colon]
            guard let first = head.split(separator: " ").first else { continue }
            let name = first.hasPrefix("@") ? first.dropFirst() : first
            if ["set", "export", "alias", "import", "mod"].contains(String(name)) || name.contains("=") { continue }
            names.append(String(name))
        }
        return names
    }
}
