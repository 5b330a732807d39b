import YAMLReader

/// The four history catalogues of `Rules/catalogues/` (bots, areas, commits, releases), read and checked
/// from the merged entries of a `CatalogueStack`: a pack's bot or area replaces the one of its name (a new
/// one is tried before the built-in ones); a pack's `commits.yml` replaces whole sections (`reverts`,
/// `conventional-commits` …), merge-request marks by forge and merged-branch-name rules by their `after`;
/// a pack's `releases.yml` replaces single lists (`releases.semver`, `branches.trunk` …).
/// Anything malformed is a `YAMLError` with the file, line and column.
public struct HistoryCatalogue: Sendable {
    public let bots: BotCatalogue
    public let areas: AreaCatalogue
    public let commits: CommitConventions
    public let releases: ReleaseTagCatalogue

    /// Reads the catalogues from the rule files (`BuiltInRules.files(under: "catalogues/")`).
    public static func load(from files: [RuleSourceFile]) throws(YAMLError) -> HistoryCatalogue {
        try load(CatalogueStack(files: files))
    }

    public static func load(_ stack: CatalogueStack) throws(YAMLError) -> HistoryCatalogue {
        for kind in [CatalogueKind.bots, .areas, .commits, .releases] {
            if let problem = stack.problems.first(where: { $0.kind == kind }) { throw problem.error }
            if stack.files[kind, default: []].isEmpty {
                throw YAMLError(file: "catalogues/", mark: nil, message: "no catalogue file says 'kind: \(kind.rawValue)'")
            }
        }
        return HistoryCatalogue(
            bots: try BotCatalogue(stack.items(.bots, "bots")),
            areas: try AreaCatalogue(stack.items(.areas, "areas")),
            commits: try CommitConventions(CatalogueSections(stack: stack, kind: .commits)),
            releases: try ReleaseTagCatalogue(CatalogueSections(stack: stack, kind: .releases)))
    }
}

/// The merged sections of one history catalogue kind, each with the file it came from.
struct CatalogueSections {
    let stack: CatalogueStack
    let kind: CatalogueKind

    /// A section replaced whole (`reverts`, `releases.semver`), and a document of its file for messages.
    func required(_ section: String) throws(YAMLError) -> (CatalogueDocument, YAMLNode) {
        guard let item = stack.item(kind, section) else {
            let file = stack.files[kind]?.first ?? "catalogues/\(kind.rawValue).yml"
            throw YAMLError(file: file, mark: nil, message: "missing key '\(section)'")
        }
        return (CatalogueDocument(file: item.file, root: item.node), item.node)
    }

    /// An optional section.
    func optional(_ section: String) -> (CatalogueDocument, YAMLNode)? {
        stack.item(kind, section).map { (CatalogueDocument(file: $0.file, root: $0.node), $0.node) }
    }

    /// The entries of a keyed list (`merge-requests.merge-commits`), each with its file's document.
    func list(_ section: String) -> [(CatalogueDocument, YAMLNode)] {
        stack.items(kind, section).map { (CatalogueDocument(file: $0.file, root: $0.node), $0.node) }
    }
}

/// One parsed catalogue file, with helpers that turn shape mistakes into positioned errors in the wording
/// of `YAMLMapReader`.
struct CatalogueDocument {
    let file: String
    let root: YAMLNode

    func error(_ node: YAMLNode, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, message: message)
    }

    /// A strict reader of a mapping of this file.
    func map(_ node: YAMLNode, context: String? = nil) throws(YAMLError) -> YAMLMapReader {
        try YAMLMapReader(node, file: file, context: context)
    }

    func required(_ node: YAMLNode, _ key: String) throws(YAMLError) -> YAMLNode {
        var map = try map(node)
        return try map.requiredNode(key)
    }

    func string(_ node: YAMLNode, _ key: String) throws(YAMLError) -> String {
        var map = try map(node)
        return try map.requiredString(key)
    }

    func strings(_ node: YAMLNode?, _ key: String) throws(YAMLError) -> [String] {
        guard let node else { return [] }
        if node.isNull { return [] }
        guard node.isSequence else { throw .wrongType(key, node, expected: "a list of non-empty strings", file: file) }
        return try YAMLMapReader.strings(node, named: key, file: file)
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

    func paths(_ node: YAMLNode?, _ key: String) throws(YAMLError) -> [PathGlob] {
        guard let node else { return [] }
        let texts = try strings(node, key)
        var result: [PathGlob] = []
        for (text, item) in zip(texts, node.items ?? []) {
            let checked = PathGlob.checked(text, ignoringCase: false)
            guard let glob = checked.glob else { throw self.error(item, checked.problem ?? "") }
            result.append(glob)
        }
        return result
    }

    /// Rejects keys the catalogue does not know, so that a typo is not silently ignored.
    func onlyKeys(_ node: YAMLNode, _ allowed: Set<String>) throws(YAMLError) {
        // Nearly always every key is allowed: a look at the few keys, no reader. Otherwise the reader words it.
        if let pairs = node.pairs, pairs.allSatisfy({ pair in pair.key.scalar.map(allowed.contains) ?? false }) { return }
        var map = try map(node)
        for key in allowed { map.allow(key) }
        try map.rejectUnknownKeys()
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

    init(_ items: [CatalogueItem]) throws(YAMLError) {
        var entries: [Entry] = []
        for entry in items {
            let document = CatalogueDocument(file: entry.file, root: entry.node)
            var map = try document.map(entry.node, context: "a bot")
            let name = try map.requiredString("name")
            let kindText = try map.requiredString("kind")
            guard let kind = Kind(rawValue: kindText) else {
                throw document.error(entry.node["kind"]!, "unknown bot kind '\(kindText)' (expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let names = try document.patterns(map.node("names"), "names")
            let emails = try document.patterns(map.node("emails"), "emails")
            try map.rejectUnknownKeys()
            guard !names.patterns.isEmpty || !emails.patterns.isEmpty else {
                throw document.error(entry.node, "a bot needs 'names' or 'emails' patterns")
            }
            entries.append(Entry(name: name, kind: kind, names: names, emails: emails))
        }
        self.entries = entries
    }

    /// The first entry whose patterns match the name or the e-mail address.
    public func bot(name: String, email: String) -> Entry? {
        // Copied and lower-cased once for every entry, not once per entry and pattern set.
        let name = PreparedText(name)
        let email = PreparedText(email)
        return entries.first { $0.names.matches(name) || $0.emails.matches(email) }
    }
}

/// Areas of work (`areas.yml`).
public struct AreaCatalogue: Sendable {
    public struct Area: Sendable {
        public let name: String
        public let countsAcrossAreas: Bool
        let paths: [PathGlob]
    }

    /// In catalogue order; at most 8 (an area set is a byte per commit).
    public let areas: [Area]
    /// Every area's globs, in catalogue order, with the area each belongs to; and the globs a path can
    /// possibly match, by its names: a history's every distinct changed path is looked up, and most fit
    /// only one or two of the hundred-odd globs.
    private let globs: [(glob: PathGlob, area: Int)]
    private let candidates: CandidateEntries

    init(_ items: [CatalogueItem]) throws(YAMLError) {
        var areas: [Area] = []
        for entry in items {
            let document = CatalogueDocument(file: entry.file, root: entry.node)
            var map = try document.map(entry.node, context: "an area")
            let name = try map.requiredString("name")
            let paths = try document.paths(map.node("paths"), "paths")
            guard !paths.isEmpty else { throw document.error(entry.node, "an area needs 'paths'") }
            let counts = try map.bool("cross-area") ?? true
            try map.rejectUnknownKeys()
            areas.append(Area(name: name, countsAcrossAreas: counts, paths: paths))
        }
        guard areas.count <= 8 else {
            // Blame a pack's area when there is one: packs' new areas come first, built-in ones after.
            let culprit = items.first { $0.origin != .builtIn } ?? items[8]
            throw YAMLError(file: culprit.file, mark: culprit.mark,
                            message: "at most 8 areas, the built-in ones and the packs' together (\(areas.count) here)")
        }
        self.areas = areas
        globs = areas.enumerated().flatMap { area, entry in entry.paths.map { (glob: $0, area: area) } }
        candidates = CandidateEntries(globs: globs.map { [$0.glob] })
    }

    /// The index of the area a path belongs to (the first in catalogue order), nil for none. The globs are
    /// in area order, so the first candidate glob that matches names the first area that does.
    public func area(of path: String) -> Int? {
        let path = GlobPath(path)
        return candidates.candidates(for: path).first { globs[$0].glob.matches(path) }.map { globs[$0].area }
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

    init(_ sections: CatalogueSections) throws(YAMLError) {
        func patterns(_ section: String) throws(YAMLError) -> PatternSet {
            guard let (document, node) = sections.optional(section) else { return .empty }
            return try document.patterns(node, String(section.split(separator: ".").last!))
        }
        trunkBranches = try patterns("branches.trunk")
        developmentBranches = try patterns("branches.development")
        releaseBranches = try patterns("branches.release")
        semver = try patterns("releases.semver")
        other = try patterns("releases.other")
        preReleases = try patterns("releases.pre-releases")
        let (document, days) = try sections.required("releases.fix-release-days")
        let value = try YAMLMapReader.int(days, named: "fix-release-days", file: document.file)
        guard value >= 0 else { throw .wrongType("fix-release-days", days, expected: "a whole number of days", file: document.file) }
        fixReleaseDays = value
    }

    public func isSemver(_ tag: String) -> Bool { semver.matches(tag) }
    public func isRelease(_ tag: String) -> Bool { semver.matches(tag) || other.matches(tag) }
    public func isPreRelease(_ tag: String) -> Bool { preReleases.matches(tag) }
    public func isTrunkBranch(_ name: String) -> Bool { trunkBranches.matches(name) }
    public func isDevelopmentBranch(_ name: String) -> Bool { developmentBranches.matches(name) }
    public func isReleaseBranch(_ name: String) -> Bool { releaseBranches.matches(name) }
}
