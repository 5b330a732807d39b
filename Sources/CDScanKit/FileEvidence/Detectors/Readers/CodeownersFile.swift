import Foundation

/// A parsed CODEOWNERS file (GitHub, GitLab, Bitbucket syntax): gitignore-style patterns and their owners,
/// where the last matching rule wins.
public struct CodeownersFile: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public let pattern: String
        public let owners: [String]
        public let line: Int
        let globs: [PathGlob]

        /// A pattern covers a path itself or any directory above it (`/infra/` covers `infra/main.tf`).
        func covers(_ path: GlobPath) -> Bool {
            globs.contains { $0.matches(path) }
        }
    }

    public let path: String
    public let rules: [Rule]

    public var owners: [String] { Array(Set(rules.flatMap(\.owners))).sorted() }

    /// The owners of `path`: those of the last rule that matches it (none when that rule names nobody).
    public func owners(of path: String) -> [String] {
        let path = GlobPath(path)
        return rules.last { $0.covers(path) }?.owners ?? []
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

    /// gitignore semantics, as `PathGlob`'s, except that a pattern without a trailing "/" names a file or a
    /// directory (covering everything below it). Case is ignored, as in the detector catalogues' pipeline paths.
    static func globs(for pattern: String) -> [PathGlob] {
        var body = pattern
        let anchored = body.hasPrefix("/") || body.dropLast().dropFirst().contains("/")
        while body.hasPrefix("/") { body.removeFirst() }
        while body.hasSuffix("/") { body.removeLast() }
        if body.isEmpty { return [] }
        let prefix = anchored ? "/" : "**/"
        return [PathGlob(prefix + body, ignoringCase: true), PathGlob(prefix + body + "/**", ignoringCase: true)]
    }
}
