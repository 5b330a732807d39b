import YAMLReader

/// The four history catalogues of `Rules/catalogues/` (bots, areas, commits, releases), read and checked.
/// Anything malformed is a `YAMLError` with the file, line and column.
public struct HistoryCatalogue: Sendable {
    public let bots: BotCatalogue
    public let areas: AreaCatalogue
    public let commits: CommitConventions
    public let releases: ReleaseTagCatalogue

    public static let fileNames = ["bots.yml", "areas.yml", "commits.yml", "releases.yml"]

    /// Reads the catalogues from the rule files (`BuiltInRules.files(under: "catalogues/")`).
    public static func load(from files: [RuleSourceFile]) throws(YAMLError) -> HistoryCatalogue {
        func document(_ name: String) throws(YAMLError) -> CatalogueDocument {
            guard let file = files.first(where: { $0.path == "catalogues/\(name)" || $0.path.hasSuffix("/catalogues/\(name)") }) else {
                throw YAMLError(file: "catalogues/\(name)", mark: nil, message: "the catalogue is missing")
            }
            guard let root = try YAMLParser.parse(file.text, file: file.path), root.isMapping else {
                throw YAMLError(file: file.path, mark: YAMLMark(line: 1, column: 1), message: "the catalogue must be a mapping")
            }
            return CatalogueDocument(file: file.path, root: root)
        }
        return HistoryCatalogue(
            bots: try BotCatalogue(try document("bots.yml")),
            areas: try AreaCatalogue(try document("areas.yml")),
            commits: try CommitConventions(try document("commits.yml")),
            releases: try ReleaseTagCatalogue(try document("releases.yml")))
    }
}

/// One parsed catalogue file, with helpers that turn shape mistakes into positioned errors.
struct CatalogueDocument {
    let file: String
    let root: YAMLNode

    func error(_ node: YAMLNode, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, message: message)
    }

    func required(_ node: YAMLNode, _ key: String) throws(YAMLError) -> YAMLNode {
        guard let value = node[key] else { throw error(node, "missing key '\(key)'") }
        return value
    }

    func list(_ node: YAMLNode, _ key: String) throws(YAMLError) -> [YAMLNode] {
        let value = try required(node, key)
        guard let items = value.items else { throw error(value, "'\(key)' must be a list, not \(value.kindName)") }
        return items
    }

    func string(_ node: YAMLNode, _ key: String) throws(YAMLError) -> String {
        let value = try required(node, key)
        guard let text = value.string, !text.isEmpty else { throw error(value, "'\(key)' must be a non-empty string") }
        return text
    }

    func strings(_ node: YAMLNode?, _ key: String) throws(YAMLError) -> [String] {
        guard let node else { return [] }
        if node.isNull { return [] }
        guard let items = node.items else { throw error(node, "'\(key)' must be a list of strings, not \(node.kindName)") }
        var result: [String] = []
        for item in items {
            guard let text = item.string, !text.isEmpty else { throw error(item, "'\(key)' must hold non-empty strings") }
            result.append(text)
        }
        return result
    }

    func patterns(_ node: YAMLNode?, _ key: String) throws(YAMLError) -> PatternSet {
        guard let node else { return .empty }
        var result: [TextPattern] = []
        let texts = try strings(node, key)
        for (text, item) in zip(texts, node.items ?? []) {
            do {
                result.append(try TextPattern(text))
            } catch {
                throw self.error(item, error.message)
            }
        }
        return PatternSet(result)
    }

    func paths(_ node: YAMLNode?, _ key: String) throws(YAMLError) -> [PathPattern] {
        guard let node else { return [] }
        let texts = try strings(node, key)
        var result: [PathPattern] = []
        for (text, item) in zip(texts, node.items ?? []) {
            do {
                result.append(try PathPattern(text))
            } catch {
                throw self.error(item, error.message)
            }
        }
        return result
    }

    /// Rejects keys the catalogue does not know, so that a typo is not silently ignored.
    func onlyKeys(_ node: YAMLNode, _ allowed: Set<String>) throws(YAMLError) {
        guard let pairs = node.pairs else { throw error(node, "expected a mapping, not \(node.kindName)") }
        for pair in pairs {
            let key = pair.key.scalar ?? ""
            if !allowed.contains(key) {
                throw error(pair.key, "unknown key '\(key)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }
}

/// Bot accounts (`bots.yml`).
public struct BotCatalogue: Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case dependencies, release, ci, other
    }

    public struct Entry: Sendable {
        public let name: String
        public let kind: Kind
        let names: PatternSet
        let emails: PatternSet
    }

    public let entries: [Entry]

    init(_ document: CatalogueDocument) throws(YAMLError) {
        try document.onlyKeys(document.root, ["bots"])
        var entries: [Entry] = []
        for item in try document.list(document.root, "bots") {
            try document.onlyKeys(item, ["name", "kind", "names", "emails"])
            let kindText = try document.string(item, "kind")
            guard let kind = Kind(rawValue: kindText) else {
                throw document.error(item["kind"]!, "unknown bot kind '\(kindText)' (expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let names = try document.patterns(item["names"], "names")
            let emails = try document.patterns(item["emails"], "emails")
            guard !names.patterns.isEmpty || !emails.patterns.isEmpty else {
                throw document.error(item, "a bot needs 'names' or 'emails' patterns")
            }
            entries.append(Entry(name: try document.string(item, "name"), kind: kind, names: names, emails: emails))
        }
        self.entries = entries
    }

    /// The first entry whose patterns match the name or the e-mail address.
    public func bot(name: String, email: String) -> Entry? {
        entries.first { $0.names.matches(name) || $0.emails.matches(email) }
    }
}

/// Areas of work (`areas.yml`).
public struct AreaCatalogue: Sendable {
    public struct Area: Sendable {
        public let name: String
        public let countsAcrossAreas: Bool
        let paths: [PathPattern]
    }

    /// In catalogue order; at most 8 (an area set is a byte per commit).
    public let areas: [Area]

    init(_ document: CatalogueDocument) throws(YAMLError) {
        try document.onlyKeys(document.root, ["areas"])
        let items = try document.list(document.root, "areas")
        var areas: [Area] = []
        for item in items {
            try document.onlyKeys(item, ["name", "paths", "cross-area"])
            let paths = try document.paths(item["paths"], "paths")
            guard !paths.isEmpty else { throw document.error(item, "an area needs 'paths'") }
            var counts = true
            if let flag = item["cross-area"] {
                guard let value = flag.bool else { throw document.error(flag, "'cross-area' must be true or false") }
                counts = value
            }
            areas.append(Area(name: try document.string(item, "name"), countsAcrossAreas: counts, paths: paths))
        }
        guard areas.count <= 8 else { throw document.error(items[8], "at most 8 areas") }
        self.areas = areas
    }

    /// The index of the area a path belongs to, nil for none.
    public func area(of path: String) -> Int? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return areas.firstIndex { area in area.paths.contains { $0.matches(path, parts: parts) } }
    }
}

/// Release tags (`releases.yml`).
public struct ReleaseTagCatalogue: Sendable {
    let semver: PatternSet
    let other: PatternSet
    let preReleases: PatternSet
    public let fixReleaseDays: Int
    let trunkBranches: PatternSet
    let developmentBranches: PatternSet
    let releaseBranches: PatternSet

    init(_ document: CatalogueDocument) throws(YAMLError) {
        try document.onlyKeys(document.root, ["releases", "branches"])
        let branches = try document.required(document.root, "branches")
        try document.onlyKeys(branches, ["trunk", "development", "release"])
        trunkBranches = try document.patterns(branches["trunk"], "trunk")
        developmentBranches = try document.patterns(branches["development"], "development")
        releaseBranches = try document.patterns(branches["release"], "release")
        let node = try document.required(document.root, "releases")
        try document.onlyKeys(node, ["semver", "other", "pre-releases", "fix-release-days"])
        semver = try document.patterns(node["semver"], "semver")
        other = try document.patterns(node["other"], "other")
        preReleases = try document.patterns(node["pre-releases"], "pre-releases")
        let days = try document.required(node, "fix-release-days")
        guard let value = days.int, value >= 0 else { throw document.error(days, "'fix-release-days' must be a whole number of days") }
        fixReleaseDays = value
    }

    public func isSemver(_ tag: String) -> Bool { semver.matches(tag) }
    public func isRelease(_ tag: String) -> Bool { semver.matches(tag) || other.matches(tag) }
    public func isPreRelease(_ tag: String) -> Bool { preReleases.matches(tag) }
    public func isTrunkBranch(_ name: String) -> Bool { trunkBranches.matches(name) }
    public func isDevelopmentBranch(_ name: String) -> Bool { developmentBranches.matches(name) }
    public func isReleaseBranch(_ name: String) -> Bool { releaseBranches.matches(name) }
}
