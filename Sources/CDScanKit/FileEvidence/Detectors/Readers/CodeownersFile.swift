import Foundation

/// A parsed CODEOWNERS file (GitHub, GitLab, Bitbucket syntax): gitignore-style patterns and their owners,
/// where the last matching rule wins.
public struct CodeownersFile: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public let pattern: String
        public let owners: [String]
        public let line: Int
        let globs: [TreePathGlob]

        /// A pattern covers a path itself or any directory above it (`/infra/` covers `infra/main.tf`).
        func covers(_ path: String) -> Bool {
            let parts = TreePathGlob.parts(of: path.lowercased())
            return globs.contains { $0.matches(parts: parts) }
        }
    }

    public let path: String
    public let rules: [Rule]

    public var owners: [String] { Array(Set(rules.flatMap(\.owners))).sorted() }

    /// The owners of `path`: those of the last rule that matches it (none when that rule names nobody).
    public func owners(of path: String) -> [String] {
        rules.last { $0.covers(path) }?.owners ?? []
    }

    public init(path: String, text: String) {
        self.path = path
        var rules: [Rule] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            // Comments, blank lines and GitLab section headers (`[Docs]`, `^[Optional]`) are not rules.
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("[") || line.hasPrefix("^[") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let pattern = words.first else { continue }
            let owners = words.dropFirst().prefix { !$0.hasPrefix("#") }.filter { $0.contains("@") }
            rules.append(Rule(pattern: pattern, owners: Array(owners), line: index + 1, globs: Self.globs(for: pattern)))
        }
        self.rules = rules
    }

    /// gitignore semantics: a leading or inner "/" anchors at the root, otherwise the name matches at any
    /// depth; a match on a directory covers everything below it.
    static func globs(for pattern: String) -> [TreePathGlob] {
        var body = pattern
        let anchored = body.hasPrefix("/") || body.dropLast().dropFirst().contains("/")
        while body.hasPrefix("/") { body.removeFirst() }
        while body.hasSuffix("/") { body.removeLast() }
        if body.isEmpty { return [] }
        let prefix = anchored ? "/" : "**/"
        return [TreePathGlob(prefix + body), TreePathGlob(prefix + body + "/**")]
    }
}
