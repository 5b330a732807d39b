import Foundation
import YAMLReader

/// Reads the catalogue files into one `DetectorCatalogue`. A malformed file is an error naming `file:line:col`;
/// the loader stops at the first one, since a half-read catalogue would give wrong "no" answers. Only files
/// that say `catalogue: detectors` are read: `Rules/catalogues/` also holds other readers' catalogues.
public enum DetectorCatalogueLoader {
    public static func load(_ files: [RuleSourceFile]) throws(YAMLError) -> DetectorCatalogue {
        var catalogue = DetectorCatalogue()
        var seen: [String: String] = [:]
        for file in files.sorted(by: { $0.path < $1.path }) where file.path.hasSuffix(".yml") || file.path.hasSuffix(".yaml") {
            // A cheap look before parsing: other readers' files are not ours to judge.
            guard file.text.contains("catalogue: detectors") else { continue }
            guard let root = try YAMLParser.parse(file.text, file: file.path) else { continue }
            let reader = CatalogueNodeReader(file: file.path)
            guard let pairs = root.pairs else { throw reader.error(root, "a catalogue is a mapping, not \(root.kindName)") }
            guard root["catalogue"]?.string == "detectors" else { continue }
            for pair in pairs {
                let key = pair.key.scalar ?? ""
                switch key {
                case "entries":
                    for item in try reader.list(pair.value) {
                        let entry = try CatalogueEntryReader(reader: reader, checksFeeds: file.origin != .builtIn).entry(item)
                        if let earlier = seen[entry.id] {
                            throw reader.error(item, "entry id '\(entry.id)' is already used at \(earlier)")
                        }
                        seen[entry.id] = entry.origin
                        catalogue.entries.append(entry)
                    }
                case "test-conventions":
                    for item in try reader.list(pair.value) {
                        try reader.onlyKeys(item, ["language", "sources", "tests"])
                        catalogue.testConventions.append(DetectorCatalogue.TestConvention(
                            language: try reader.requiredString(item, "language"),
                            sources: try reader.patterns(item["sources"], required: true, at: item),
                            tests: try reader.patterns(item["tests"], required: true, at: item),
                            origin: reader.origin(item)))
                    }
                case "badges":
                    for item in try reader.list(pair.value) {
                        try reader.onlyKeys(item, ["name", "kind", "url", "examples"])
                        let examples = try reader.examples(item["examples"])
                        catalogue.badgeHosts.append(DetectorCatalogue.BadgeHost(
                            name: try reader.requiredString(item, "name"),
                            kind: try reader.requiredString(item, "kind"),
                            url: try reader.regex(try reader.required(item, "url")),
                            matchingExamples: examples.matches.map(\.path),
                            ignoredExamples: examples.ignores.map(\.path),
                            origin: reader.origin(item)))
                    }
                case "codeowners-pipeline-paths":
                    catalogue.codeownersPipelinePaths += try reader.patterns(pair.value, required: true, at: pair.value)
                case "ignore":
                    catalogue.ignoredPaths += try reader.patterns(pair.value, required: true, at: pair.value)
                case "read-budget":
                    try reader.onlyKeys(pair.value, ["files", "bytes"])
                    catalogue.readBudget = DetectorReadBudget(
                        files: try reader.positiveInt(pair.value, "files"),
                        bytes: try reader.positiveInt(pair.value, "bytes"))
                case "about", "catalogue":
                    continue
                default:
                    throw reader.error(pair.key, "unknown key '\(key)' (expected entries, test-conventions, badges, codeowners-pipeline-paths, ignore, read-budget, about)")
                }
            }
        }
        return catalogue
    }

    /// Checks rule-pack catalogues before a scan: loaded together with the built-in ones, so that a bad
    /// pattern, an unknown `feeds:` name or an entry id already used is an error naming `file:line:col`
    /// rather than a scan whose file probes all fail. Nothing to do without pack catalogues.
    public static func check(packCatalogues: [RuleSourceFile]) throws(YAMLError) {
        guard packCatalogues.contains(where: { isDetectorCatalogue($0) }) else { return }
        _ = try load(BuiltInRules.files(under: "catalogues/") + packCatalogues)
    }

    static func isDetectorCatalogue(_ file: RuleSourceFile) -> Bool {
        (file.path.hasSuffix(".yml") || file.path.hasSuffix(".yaml")) && file.text.contains("catalogue: detectors")
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

    func entry(_ node: YAMLNode) throws(YAMLError) -> CatalogueEntry {
        try reader.onlyKeys(node, Self.keys)
        let id = try reader.requiredString(node, "id")
        let paths = try reader.patterns(node["paths"], required: false, at: node)
        let contains = try (node["contains"]?.stringListNodes(reader) ?? []).map { node throws(YAMLError) in try reader.regex(node) }
        let yaml = try yamlConditions(node["yaml"])
        let dependencies = try dependencyPatterns(node["dependencies"])
        if paths.isEmpty && dependencies.isEmpty {
            throw reader.error(node, "entry '\(id)' needs paths or dependencies to match")
        }
        if (!contains.isEmpty || !yaml.isEmpty) && paths.isEmpty {
            throw reader.error(node, "entry '\(id)' reads contents, so it needs paths to say which files may matter")
        }
        let feedsNode = try reader.required(node, "feeds")
        let feeds = try reader.strings(feedsNode)
        if feeds.isEmpty { throw reader.error(node, "entry '\(id)' feeds nothing") }
        if checksFeeds, let unknown = feeds.first(where: { !DetectorCatalogue.knownFeeds.contains($0) }) {
            throw reader.error(feedsNode, "entry '\(id)' feeds '\(unknown)', which no probe reads (expected one of \(DetectorCatalogue.knownFeeds.sorted().joined(separator: ", ")))")
        }
        var root = CatalogueEntry.Root.file
        if let rootNode = node["root"] {
            guard let value = rootNode.string.flatMap(CatalogueEntry.Root.init(rawValue:)) else {
                throw reader.error(rootNode, "root must be file, directory or base")
            }
            root = value
        }
        var extractor: DetectionExtractor?
        if let extractNode = node["extract"] {
            guard let value = extractNode.string.flatMap(DetectionExtractor.init(rawValue:)) else {
                throw reader.error(extractNode, "unknown extractor (expected one of \(DetectionExtractor.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            extractor = value
        }
        let examples = try reader.examples(node["examples"])
        return CatalogueEntry(
            id: id, tool: try reader.requiredString(node, "tool"), kind: node["kind"]?.string, feeds: feeds,
            paths: paths, excludedPaths: try reader.patterns(node["not-paths"], required: false, at: node),
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
            let globs = try reader.strings(pair.value)
            try reader.checkBraces(globs, at: pair.value)
            result[ecosystem, default: []] += globs.map(NameGlob.init)
        }
        return result
    }
}

/// Small typed accessors that fail with `file:line:col`.
struct CatalogueNodeReader {
    let file: String

    func error(_ node: YAMLNode, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, message: message)
    }

    func origin(_ node: YAMLNode) -> String { "\(file):\(node.mark.line):\(node.mark.column)" }

    func list(_ node: YAMLNode) throws(YAMLError) -> [YAMLNode] {
        guard let items = node.items else { throw error(node, "expected a list, found \(node.kindName)") }
        return items
    }

    func required(_ node: YAMLNode, _ key: String) throws(YAMLError) -> YAMLNode {
        guard let value = node[key] else { throw error(node, "missing '\(key)'") }
        return value
    }

    func requiredString(_ node: YAMLNode, _ key: String) throws(YAMLError) -> String {
        let value = try required(node, key)
        guard let text = value.string, !text.isEmpty else { throw error(value, "'\(key)' must be a non-empty string") }
        return text
    }

    func positiveInt(_ node: YAMLNode, _ key: String) throws(YAMLError) -> Int {
        let value = try required(node, key)
        guard let number = value.int, number > 0 else { throw error(value, "'\(key)' must be a positive whole number") }
        return number
    }

    func onlyKeys(_ node: YAMLNode, _ allowed: [String]) throws(YAMLError) {
        guard let pairs = node.pairs else { throw error(node, "expected a mapping, found \(node.kindName)") }
        for pair in pairs where !allowed.contains(pair.key.scalar ?? "") {
            throw error(pair.key, "unknown key '\(pair.key.scalar ?? "?")' (expected \(allowed.joined(separator: ", ")))")
        }
    }

    /// A string or a list of strings.
    func strings(_ node: YAMLNode) throws(YAMLError) -> [String] {
        try node.stringListNodes(self).map { $0.scalar ?? "" }
    }

    func patterns(_ node: YAMLNode?, required: Bool, at parent: YAMLNode) throws(YAMLError) -> [TreePathGlob] {
        guard let node else {
            if required { throw error(parent, "missing path globs") }
            return []
        }
        let texts = try strings(node)
        if required && texts.isEmpty { throw error(node, "expected at least one path glob") }
        try checkBraces(texts, at: node)
        return texts.map(TreePathGlob.init)
    }

    func checkBraces(_ globs: [String], at node: YAMLNode) throws(YAMLError) {
        if let glob = globs.first(where: TreePathGlob.bracesExpandTooFar) {
            throw error(node, "the braces of '\(glob.prefix(80))' expand to more than \(TreePathGlob.maximumAlternatives) alternatives")
        }
    }

    func regex(_ node: YAMLNode) throws(YAMLError) -> ContentRegex {
        guard let text = node.scalar, !text.isEmpty else { throw error(node, "a pattern must be a non-empty string") }
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
        return (try exampleList(node["matches"]), try exampleList(node["ignores"]))
    }

    private func exampleList(_ node: YAMLNode?) throws(YAMLError) -> [CatalogueEntry.Example] {
        guard let node else { return [] }
        var result: [CatalogueEntry.Example] = []
        for item in try list(node) {
            if let path = item.string {
                result.append(.init(path: path, text: nil))
            } else {
                try onlyKeys(item, ["path", "text"])
                result.append(.init(path: try requiredString(item, "path"), text: try required(item, "text").scalar))
            }
        }
        return result
    }
}

extension YAMLNode {
    /// The scalar nodes of a "one or many strings" value; anything else is an error.
    fileprivate func stringListNodes(_ reader: CatalogueNodeReader) throws(YAMLError) -> [YAMLNode] {
        if isScalar { return [self] }
        guard let items else { throw reader.error(self, "expected a string or a list of strings, found \(kindName)") }
        for item in items where !item.isScalar { throw reader.error(item, "expected a string, found \(item.kindName)") }
        return items
    }
}
