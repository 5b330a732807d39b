import Foundation
import YAMLReader

/// Reads the detector catalogues (`kind: detectors` files) into one `DetectorCatalogue`, from the merged
/// entries of a `CatalogueStack`: a pack's entry with a built-in id replaces that entry, a test convention
/// replaces the one of its language and a badge the one of its name; `ignore` and
/// `codeowners-pipeline-paths` globs are added; `read-budget` is replaced (a pack in the scanned repository
/// can only lower it). A malformed entry is an error naming `file:line:col`; the loader stops at the first
/// one, since a half-read catalogue would give wrong "no" answers.
public enum DetectorCatalogueLoader {
    public static func load(_ files: [RuleSourceFile]) throws(YAMLError) -> DetectorCatalogue {
        try load(CatalogueStack(files: files))
    }

    /// `checksPatterns: false` is for the embedded catalogues alone (see `LoadedCatalogues.builtIn`).
    public static func load(_ stack: CatalogueStack, checksPatterns: Bool = true) throws(YAMLError) -> DetectorCatalogue {
        if let problem = stack.problems.first(where: { $0.kind == .detectors }) { throw problem.error }
        var catalogue = DetectorCatalogue()
        // Gathered apart and set once: every change of `entries` makes the catalogue's caches anew.
        var entries: [CatalogueEntry] = []
        for item in stack.items(.detectors, "entries") {
            let reader = CatalogueNodeReader(file: item.file, checksPatterns: checksPatterns)
            entries.append(try CatalogueEntryReader(reader: reader, checksFeeds: item.origin != .builtIn).entry(item.node))
        }
        catalogue.entries = entries
        for item in stack.items(.detectors, "test-conventions") {
            let reader = CatalogueNodeReader(file: item.file)
            let node = item.node
            try reader.onlyKeys(node, ["language", "sources", "tests"])
            catalogue.testConventions.append(DetectorCatalogue.TestConvention(
                language: try reader.requiredString(node, "language"),
                sources: try reader.patterns("sources", in: node, required: true),
                tests: try reader.patterns("tests", in: node, required: true),
                origin: reader.origin(node)))
        }
        for item in stack.items(.detectors, "badges") {
            let reader = CatalogueNodeReader(file: item.file, checksPatterns: checksPatterns)
            let node = item.node
            try reader.onlyKeys(node, ["name", "kind", "url", "examples"])
            let examples = try reader.examples(node["examples"])
            catalogue.badgeHosts.append(DetectorCatalogue.BadgeHost(
                name: try reader.requiredString(node, "name"),
                kind: try reader.requiredString(node, "kind"),
                url: try reader.regex(try reader.required(node, "url")),
                matchingExamples: examples.matches.map(\.path),
                ignoredExamples: examples.ignores.map(\.path),
                origin: reader.origin(node)))
        }
        catalogue.codeownersPipelinePaths = try globs(stack.items(.detectors, "codeowners-pipeline-paths"))
        catalogue.ignoredPaths = try globs(stack.items(.detectors, "ignore"))
        if let item = stack.item(.detectors, "read-budget") {
            catalogue.readBudget = try readBudget(item)
        }
        return catalogue
    }

    /// A `read-budget`; one from a pack in the scanned repository is at most the budget it replaced.
    private static func readBudget(_ item: CatalogueItem) throws(YAMLError) -> DetectorReadBudget {
        let reader = CatalogueNodeReader(file: item.file)
        try reader.onlyKeys(item.node, ["files", "bytes"])
        let budget = DetectorReadBudget(files: try reader.positiveInt(item.node, "files"), bytes: try reader.positiveInt(item.node, "bytes"))
        guard case .config = item.origin, let replaced = item.replaced else { return budget }
        let below = try readBudget(replaced)
        return DetectorReadBudget(files: min(budget.files, below.files), bytes: min(budget.bytes, below.bytes))
    }

    private static func globs(_ items: [CatalogueItem]) throws(YAMLError) -> [PathGlob] {
        var result: [PathGlob] = []
        for item in items {
            guard let text = item.key else { continue }
            try CatalogueNodeReader(file: item.file).checkGlobs([text], at: item.node)
            result.append(PathGlob(text, ignoringCase: true))
        }
        return result
    }
}

/// Reads one `entries:` item.
private struct CatalogueEntryReader {
    let reader: CatalogueNodeReader
    /// Whether every `feeds:` name must be one a probe reads. Pack catalogues are checked when loaded (a
    /// misspelt name would feed nothing, silently); the built-in catalogue is checked by a test.
    let checksFeeds: Bool

    static let keys = ["id", "tool", "kind", "feeds", "paths", "not-paths", "contains", "yaml", "dependencies",
                       "root", "extract", "examples", "about"]
    /// What `extract` may say, for its message; worked out once, not per entry.
    static let extractors = "one of \(DetectionExtractor.allCases.map(\.rawValue).joined(separator: ", "))"

    func entry(_ node: YAMLNode) throws(YAMLError) -> CatalogueEntry {
        try reader.onlyKeys(node, Self.keys)
        let id = try reader.requiredString(node, "id")
        let paths = try reader.patterns("paths", in: node, required: false)
        let contains = try (node["contains"]?.stringListNodes(reader, "contains") ?? []).map { node throws(YAMLError) in try reader.regex(node) }
        let yaml = try yamlConditions(node["yaml"])
        let dependencies = try dependencyPatterns(node["dependencies"])
        if paths.isEmpty && dependencies.isEmpty {
            throw reader.error(node, "entry '\(id)' needs paths or dependencies to match")
        }
        if (!contains.isEmpty || !yaml.isEmpty) && paths.isEmpty {
            throw reader.error(node, "entry '\(id)' reads contents, so it needs paths to say which files may matter")
        }
        let feedsNode = try reader.required(node, "feeds")
        let feeds = try reader.strings(feedsNode, "feeds")
        if feeds.isEmpty { throw reader.error(node, "entry '\(id)' feeds nothing") }
        if checksFeeds, let unknown = feeds.first(where: { !DetectorCatalogue.knownFeeds.contains($0) }) {
            throw reader.error(feedsNode, "entry '\(id)' feeds '\(unknown)', which no probe reads (expected one of \(DetectorCatalogue.knownFeeds.sorted().joined(separator: ", ")))")
        }
        var map = try YAMLMapReader(node, file: reader.file)
        let root = try map.word("root", as: CatalogueEntry.Root.self, expected: "file, directory or base") ?? .file
        let extractor = try map.word("extract", as: DetectionExtractor.self, expected: Self.extractors)
        let kind = try map.string("kind")
        let examples = try reader.examples(node["examples"])
        return CatalogueEntry(
            id: id, tool: try reader.requiredString(node, "tool"), kind: kind, feeds: feeds,
            paths: paths, excludedPaths: try reader.patterns("not-paths", in: node, required: false),
            contains: contains, yaml: yaml, dependencies: dependencies, root: root, extract: extractor,
            matchingExamples: examples.matches, ignoredExamples: examples.ignores, origin: reader.origin(node))
    }

    /// `yaml: {kind: Rollout, apiVersion: "argoproj.io/*"}` or a list of such mappings (any of them).
    private func yamlConditions(_ node: YAMLNode?) throws(YAMLError) -> [YAMLCondition] {
        guard let node else { return [] }
        let items = node.items ?? [node]
        var conditions: [YAMLCondition] = []
        for item in items {
            guard let pairs = item.pairs, !pairs.isEmpty else {
                throw reader.error(item, "a yaml condition is a mapping of key paths to value globs")
            }
            var requirements: [YAMLCondition.Requirement] = []
            for pair in pairs {
                guard let key = pair.key.scalar, !key.isEmpty else { throw reader.error(pair.key, "a key path is a string") }
                guard let value = pair.value.scalar else { throw reader.error(pair.value, "a value glob is a string") }
                requirements.append(.init(keyPath: key.split(separator: ".").map(String.init), value: NameGlob(value)))
            }
            conditions.append(YAMLCondition(requirements: requirements))
        }
        return conditions
    }

    private func dependencyPatterns(_ node: YAMLNode?) throws(YAMLError) -> [DependencyEcosystem: [NameGlob]] {
        guard let node else { return [:] }
        guard let pairs = node.pairs else { throw reader.error(node, "dependencies map an ecosystem to name globs") }
        var result: [DependencyEcosystem: [NameGlob]] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar, let ecosystem = DependencyEcosystem(rawValue: name) else {
                throw reader.error(pair.key, "unknown ecosystem (expected one of \(DependencyEcosystem.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            // Dependency names are matched whole, "/" included.
            let globs = try reader.strings(pair.value, "dependencies.\(name)")
            try reader.checkBraces(globs, at: pair.value)
            result[ecosystem, default: []] += globs.map(NameGlob.init)
        }
        return result
    }
}

/// Small typed accessors that fail with `file:line:col`.
struct CatalogueNodeReader {
    let file: String
    /// Whether content patterns are checked as they are read (always, but for the embedded catalogues).
    var checksPatterns = true

    func error(_ node: YAMLNode, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, message: message)
    }

    func origin(_ node: YAMLNode) -> String { "\(file):\(node.mark.line):\(node.mark.column)" }

    func list(_ node: YAMLNode, _ key: String) throws(YAMLError) -> [YAMLNode] {
        guard let items = node.items else { throw .wrongType(key, node, expected: "a list", file: file) }
        return items
    }

    /// A strict reader of a mapping of this file.
    func map(_ node: YAMLNode) throws(YAMLError) -> YAMLMapReader {
        try YAMLMapReader(node, file: file)
    }

    func required(_ node: YAMLNode, _ key: String) throws(YAMLError) -> YAMLNode {
        var map = try map(node)
        return try map.requiredNode(key)
    }

    func requiredString(_ node: YAMLNode, _ key: String) throws(YAMLError) -> String {
        var map = try map(node)
        return try map.requiredString(key)
    }

    func positiveInt(_ node: YAMLNode, _ key: String) throws(YAMLError) -> Int {
        var map = try map(node)
        let number = try map.requiredInt(key)
        guard number > 0 else { throw .wrongType(key, node[key]!, expected: "a positive whole number", file: file) }
        return number
    }

    func onlyKeys(_ node: YAMLNode, _ allowed: [String]) throws(YAMLError) {
        // Nearly always every key is allowed: a look at the few keys, no reader. Otherwise the reader words it.
        if let pairs = node.pairs, pairs.allSatisfy({ pair in pair.key.scalar.map(allowed.contains) ?? false }) { return }
        var map = try map(node)
        map.allow(contentsOf: allowed)
        try map.rejectUnknownKeys()
    }

    /// A string or a list of strings.
    func strings(_ node: YAMLNode, _ key: String) throws(YAMLError) -> [String] {
        try node.stringListNodes(self, key).map { $0.scalar ?? "" }
    }

    /// Path globs; the detector catalogues' ignore case (`Dockerfile` and `dockerfile` are one tool's file).
    func patterns(_ key: String, in parent: YAMLNode, required: Bool) throws(YAMLError) -> [PathGlob] {
        guard let node = parent[key] else {
            if required { throw .missingKey(key, in: parent, file: file) }
            return []
        }
        let texts = try strings(node, key)
        if required && texts.isEmpty { throw .wrongType(key, node, expected: "at least one path glob", file: file) }
        let checked = texts.map { PathGlob.checked($0, ignoringCase: true) }
        if let problem = checked.lazy.compactMap(\.problem).first { throw error(node, problem) }
        return checked.compactMap(\.glob)
    }

    func checkGlobs(_ globs: [String], at node: YAMLNode) throws(YAMLError) {
        if let problem = globs.lazy.compactMap(PathGlob.problem).first { throw error(node, problem) }
    }

    func checkBraces(_ globs: [String], at node: YAMLNode) throws(YAMLError) {
        if let problem = globs.lazy.compactMap(GlobBraces.problem).first { throw error(node, problem) }
    }

    func regex(_ node: YAMLNode) throws(YAMLError) -> ContentRegex {
        guard let text = node.scalar, !text.isEmpty else { throw error(node, "a pattern must be a non-empty string") }
        guard checksPatterns else { return ContentRegex(uncheckedEmbedded: text) }
        do {
            return try ContentRegex(text)
        } catch where error.isUnsupported {
            // Valid for ICU, but outside what runs in linear time: say what and where.
            throw self.error(node, "pattern not supported: \(error): \(text.count > 80 ? text.prefix(80) + "…" : Substring(text))")
        } catch {
            throw self.error(node, "not a valid regular expression: \(text)")
        }
    }

    func examples(_ node: YAMLNode?) throws(YAMLError) -> (matches: [CatalogueEntry.Example], ignores: [CatalogueEntry.Example]) {
        guard let node else { return ([], []) }
        try onlyKeys(node, ["matches", "ignores"])
        return (try exampleList(node["matches"], "matches"), try exampleList(node["ignores"], "ignores"))
    }

    private func exampleList(_ node: YAMLNode?, _ key: String) throws(YAMLError) -> [CatalogueEntry.Example] {
        guard let node else { return [] }
        var result: [CatalogueEntry.Example] = []
        for item in try list(node, key) {
            if let path = item.string {
                result.append(.init(path: path, text: nil))
            } else {
                try onlyKeys(item, ["path", "text"])
                var example = try map(item)  // one reader for both keys
                result.append(.init(path: try example.requiredString("path"), text: try example.requiredNode("text").scalar))
            }
        }
        return result
    }
}

extension YAMLNode {
    /// The scalar nodes of a "one or many strings" value; anything else is an error.
    fileprivate func stringListNodes(_ reader: CatalogueNodeReader, _ key: String) throws(YAMLError) -> [YAMLNode] {
        if isScalar { return [self] }
        guard let items else { throw .wrongType(key, self, expected: "a string or a list of strings", file: reader.file) }
        for item in items where !item.isScalar { throw .wrongType(key, item, expected: "a string or a list of strings", file: reader.file) }
        return items
    }
}
