import YAMLReader

/// The kinds of catalogue file, each read by one loader; every catalogue file declares its own at its top
/// (`kind: detectors`), whatever its name.
public enum CatalogueKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Delivery, environments, iac, observability, people, scanning, tests.
    case detectors
    /// Systems, commands, job names, environments, runners.
    case ci
    case bots, areas, commits, releases

    public static func < (lhs: CatalogueKind, rhs: CatalogueKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// How the sections of a file of this kind merge.
    var shape: CatalogueShape {
        switch self {
        case .detectors:
            return .sections([
                "entries": .keyedList(key: "id", noun: "entry id"),
                "test-conventions": .keyedList(key: "language", noun: "test convention"),
                "badges": .keyedList(key: "name", noun: "badge"),
                "codeowners-pipeline-paths": .strings,
                "ignore": .strings,
                "read-budget": .whole,
            ])
        case .ci:
            return .sections([
                "systems": .keyedList(key: "id", noun: "system id"),
                "commands": .keyedList(key: "tool", noun: "command tool"),
                "job-names": .entries,
                "environments": .keyedList(key: "name", noun: "environment"),
                "runners": .keyedList(key: "id", noun: "runner id"),
            ])
        case .bots:
            return .sections(["bots": .keyedList(key: "name", noun: "bot")])
        case .areas:
            return .sections(["areas": .keyedList(key: "name", noun: "area")])
        case .commits:
            return .sections([
                "merge-requests": .sections([
                    "merge-commits": .keyedList(key: "forge", noun: "forge"),
                    "squash-references": .keyedList(key: "forge", noun: "forge"),
                ]),
                "merged-branch-names": .keyedList(key: "after", noun: "merged branch name rule"),
                "reverts": .whole, "hotfixes": .whole, "issue-references": .whole, "conventional-commits": .whole,
                "trailers": .whole, "version-bumps": .whole, "deploys": .whole, "release-fixups": .whole,
            ])
        case .releases:
            return .sections([
                "releases": .sections(["semver": .whole, "other": .whole, "pre-releases": .whole, "fix-release-days": .whole]),
                "branches": .sections(["trunk": .whole, "development": .whole, "release": .whole]),
            ])
        }
    }

    /// The shape of one section path (`merge-requests.merge-commits`).
    func shapeOf(_ section: String) -> CatalogueShape {
        var shape = self.shape
        for part in section.split(separator: ".") {
            guard case .sections(let parts) = shape, let inner = parts[String(part)] else { return .whole }
            shape = inner
        }
        return shape
    }

    /// The kind a text declares on a line `kind: …` of its own, for a file that does not parse: whose
    /// loader reports it.
    static func declared(inText text: String) -> CatalogueKind? {
        for line in text.split(separator: "\n") where line.hasPrefix("kind:") {
            return line.dropFirst(5).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { CatalogueKind(rawValue: String($0)) }
        }
        return nil
    }

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How a part of a catalogue file merges with the same part of the files below it.
indirect enum CatalogueShape: Sendable {
    /// A list of mappings, one entry per value of `key`: an entry with a key already below replaces that
    /// entry in its place; an entry with a new key goes before the entries below (it is tried first).
    case keyedList(key: String, noun: String)
    /// A list of strings (globs), each added to those below.
    case strings
    /// A mapping whose every key is an entry, its value replaced whole (`job-names`: one list per kind).
    case entries
    /// One value, replaced whole.
    case whole
    /// A mapping of named parts, each merged by its own shape; any other key is an error.
    case sections([String: CatalogueShape])

    var isStrings: Bool {
        if case .strings = self { return true }
        return false
    }
}

/// One entry of a merged catalogue: what it is, where it was written, and what it replaced.
public final class CatalogueItem: Sendable {
    public let kind: CatalogueKind
    /// The part of the file (`entries`, `job-names`, `merge-requests.merge-commits`, `releases.semver`).
    public let section: String
    /// The entry's id (its `id`, `name`, `tool`, … or the key it sits under); nil when it has none, which
    /// its loader then reports.
    public let key: String?
    /// The entry's YAML (the list item, or the value under its key).
    public let node: YAMLNode
    public let mark: YAMLMark
    /// The file as messages show it: `catalogues/iac.yml` built in, the pack's own path otherwise.
    public let file: String
    public let origin: RuleOrigin
    /// The entry of a lower layer this one replaced.
    public let replaced: CatalogueItem?

    init(kind: CatalogueKind, section: String, key: String?, node: YAMLNode, mark: YAMLMark, file: String,
         origin: RuleOrigin, replaced: CatalogueItem? = nil) {
        self.kind = kind
        self.section = section
        self.key = key
        self.node = node
        self.mark = mark
        self.file = file
        self.origin = origin
        self.replaced = replaced
    }

    func replacing(_ earlier: CatalogueItem) -> CatalogueItem {
        CatalogueItem(kind: kind, section: section, key: key, node: node, mark: mark, file: file, origin: origin, replaced: earlier)
    }

    /// `file:line:col`.
    public var location: String { "\(file):\(mark.line):\(mark.column)" }

    /// The id as a listing shows it after the section: empty for a section replaced whole (`reverts`).
    public var displayKey: String {
        guard let key else { return "(no id)" }
        return section == key || section.hasSuffix("." + key) ? "" : key
    }
}

/// A catalogue file that could not be taken in, and the kind it was meant to be (nil: no reader's).
public struct CatalogueProblem: Error, Sendable, Hashable {
    public let kind: CatalogueKind?
    public let error: YAMLError
}

/// The one catalogue layer: the built-in catalogue files at the bottom, each rule pack's laid over them in
/// order. Every file is parsed once, told apart by the kind it declares (`kind: ci`; its name does not
/// matter) and split into entries with an id; an entry of a
/// higher layer replaces the entry with its id below, and a new id extends the list (see `CatalogueShape`).
/// The loaders (`DetectorCatalogueLoader`, `PipelineCatalogue`, `HistoryCatalogue`) read the merged entries;
/// they judge each entry's contents, this type judges the files' shape. A file with a problem contributes
/// nothing; an id used twice within one layer is a problem (two packs may each replace it).
public struct CatalogueStack: Sendable {
    private struct SectionKey: Hashable, Sendable {
        let kind: CatalogueKind
        let section: String
    }

    /// One section's merged entries, and where each key sits and in which layer it was last written.
    private struct Section: Sendable {
        var items: [CatalogueItem] = []
        var positions: [String: (index: Int, layer: Int)] = [:]
    }

    private var sections: [SectionKey: Section] = [:]
    /// Files taken in per kind, as messages show them.
    public private(set) var files: [CatalogueKind: [String]] = [:]
    public private(set) var problems: [CatalogueProblem] = []
    /// How many catalogue files were read (with or without a problem).
    public private(set) var fileCount = 0

    /// The built-in catalogues, merged once per process.
    public static let builtIn = CatalogueStack(layers: [BuiltInRules.files(under: "catalogues/")])

    /// `layers[0]` is the bottom (the built-in files); each later layer is laid over the ones before.
    public init(layers: [[RuleSourceFile]]) {
        for (index, layer) in layers.enumerated() {
            lay(layer.sorted { $0.path < $1.path }, layer: index)
        }
    }

    /// The same, with the layers told apart by origin: the built-in files first, then each pack's in the
    /// order it first appears.
    public init(files: [RuleSourceFile]) {
        var layers: [[RuleSourceFile]] = []
        var index: [RuleOrigin: Int] = [:]
        for file in files.filter({ $0.origin == .builtIn }) + files.filter({ $0.origin != .builtIn }) {
            if let at = index[file.origin] {
                layers[at].append(file)
            } else {
                index[file.origin] = layers.count
                layers.append([file])
            }
        }
        self.init(layers: layers)
    }

    /// The merged entries of one section (`entries`, `merge-requests.merge-commits` …).
    public func items(_ kind: CatalogueKind, _ section: String) -> [CatalogueItem] {
        sections[SectionKey(kind: kind, section: section)]?.items ?? []
    }

    /// The single entry of a `whole` section (`read-budget`, `reverts`, `releases.semver`).
    public func item(_ kind: CatalogueKind, _ section: String) -> CatalogueItem? {
        items(kind, section).last
    }

    /// Every merged entry, by kind, section and order: what `cdscan rules list --catalogues` shows.
    public var allItems: [CatalogueItem] {
        sections.keys.sorted { ($0.kind, $0.section) < ($1.kind, $1.section) }.flatMap { sections[$0]!.items }
    }

    // MARK: - Laying a layer

    private mutating func lay(_ layerFiles: [RuleSourceFile], layer: Int) {
        // The layer's new entries, merged in once the whole layer is read.
        var fresh: [SectionKey: [CatalogueItem]] = [:]
        var freshKeys: [SectionKey: [String: CatalogueItem]] = [:]
        for file in layerFiles {
            fileCount += 1
            let kind: CatalogueKind?
            let found: [(String, CatalogueItem, CatalogueShape)]
            do {
                (kind, found) = try read(file)
            } catch let failure {
                problems.append(failure)
                continue
            }
            guard let kind else { continue }
            // An id used twice in one layer makes the whole file a problem, before anything of it is merged.
            var seen: [SectionKey: [String: CatalogueItem]] = [:]
            var duplicate: YAMLError?
            for (section, item, shape) in found {
                guard let key = item.key, !shape.isStrings else { continue }
                let sectionKey = SectionKey(kind: kind, section: section)
                let earlier = seen[sectionKey]?[key] ?? freshKeys[sectionKey]?[key] ?? writtenIn(layer: layer, sectionKey, key)
                if let earlier {
                    let what: String
                    if case .keyedList(_, let noun) = shape {
                        what = "\(noun) '\(key)' is already used"
                    } else {
                        what = "'\(item.displayKey.isEmpty ? section : section + "." + key)' is already given"
                    }
                    duplicate = YAMLError(file: item.file, mark: item.mark, message: "\(what) at \(earlier.location)")
                    break
                }
                seen[sectionKey, default: [:]][key] = item
            }
            if let duplicate {
                problems.append(CatalogueProblem(kind: kind, error: duplicate))
                continue
            }
            files[kind, default: []].append(file.path)
            for (section, item, shape) in found {
                let sectionKey = SectionKey(kind: kind, section: section)
                if let key = item.key, let at = sections[sectionKey]?.positions[key] {
                    // Globs are added: one already there stays as it is.
                    guard !shape.isStrings else { continue }
                    let earlier = sections[sectionKey]!.items[at.index]
                    sections[sectionKey]!.items[at.index] = item.replacing(earlier)
                    sections[sectionKey]!.positions[key] = (at.index, layer)
                } else {
                    if let key = item.key {
                        if shape.isStrings, freshKeys[sectionKey]?[key] != nil { continue }
                        freshKeys[sectionKey, default: [:]][key] = item
                    }
                    fresh[sectionKey, default: []].append(item)
                }
            }
        }
        // A layer's new entries go before the entries below (they are tried first); globs go after.
        for (sectionKey, items) in fresh {
            var section = sections[sectionKey] ?? Section()
            let strings = shape(of: sectionKey).isStrings
            let merged = strings ? section.items + items : items + section.items
            var positions: [String: (index: Int, layer: Int)] = [:]
            for (offset, item) in merged.enumerated() {
                guard let key = item.key else { continue }
                positions[key] = (offset, section.positions[key]?.layer ?? layer)
            }
            section.items = merged
            section.positions = positions
            sections[sectionKey] = section
        }
    }

    /// The entry with this key if this very layer wrote it.
    private func writtenIn(layer: Int, _ sectionKey: SectionKey, _ key: String) -> CatalogueItem? {
        guard let section = sections[sectionKey], let at = section.positions[key], at.layer == layer else { return nil }
        return section.items[at.index]
    }

    private func shape(of sectionKey: SectionKey) -> CatalogueShape {
        sectionKey.kind.shapeOf(sectionKey.section)
    }

    // MARK: - Reading one file

    /// The file's kind and entries (section path, entry, the section's shape), or the problem that keeps it out.
    private func read(_ file: RuleSourceFile) throws(CatalogueProblem) -> (CatalogueKind?, [(String, CatalogueItem, CatalogueShape)]) {
        let path = file.path
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(file.text, file: path)
        } catch {
            throw CatalogueProblem(kind: CatalogueKind.declared(inText: file.text), error: error)
        }
        guard let root else { return (nil, []) }
        let kind: CatalogueKind
        do throws(YAMLError) {
            var map = try YAMLMapReader(root, file: path, context: "a catalogue")
            guard let value = try map.word("kind", as: CatalogueKind.self, expected: "one of \(CatalogueKind.names)") else {
                throw YAMLError.missingKey("kind", in: root, context: "a catalogue (kind: \(CatalogueKind.names))", file: path)
            }
            kind = value
        } catch {
            throw CatalogueProblem(kind: nil, error: error)
        }
        var found: [(String, CatalogueItem, CatalogueShape)] = []
        do {
            try collect(root, shape: kind.shape, section: nil, kind: kind, file: file, into: &found)
        } catch {
            throw CatalogueProblem(kind: kind, error: error)
        }
        return (kind, found)
    }

    private func collect(_ node: YAMLNode, shape: CatalogueShape, section: String?, kind: CatalogueKind, file: RuleSourceFile,
                         into found: inout [(String, CatalogueItem, CatalogueShape)]) throws(YAMLError) {
        let path = file.path
        let name = section ?? "the catalogue"
        func item(_ key: String?, _ value: YAMLNode, _ mark: YAMLMark) -> CatalogueItem {
            CatalogueItem(kind: kind, section: section ?? "", key: key, node: value, mark: mark, file: path, origin: file.origin)
        }
        switch shape {
        case .sections(let parts):
            guard let pairs = node.pairs else { throw .wrongType(name, node, expected: "a mapping", file: path) }
            for pair in pairs {
                let key = pair.key.scalar ?? ""
                if section == nil, key == "kind" || key == "about" { continue }
                guard let inner = parts[key] else {
                    throw .unknownKey(pair.key, allowed: parts.keys + (section == nil ? ["about", "kind"] : []), file: path)
                }
                let innerSection = section.map { "\($0).\(key)" } ?? key
                if case .whole = inner {
                    found.append((innerSection, CatalogueItem(kind: kind, section: innerSection, key: key, node: pair.value, mark: pair.key.mark,
                                                              file: path, origin: file.origin), inner))
                } else {
                    try collect(pair.value, shape: inner, section: innerSection, kind: kind, file: file, into: &found)
                }
            }
        case .keyedList(let key, _):
            guard let items = node.items else { throw .wrongType(name, node, expected: "a list", file: path) }
            for value in items {
                let id = value[key]?.string.flatMap { $0.isEmpty ? nil : $0 }
                found.append((name, item(id, value, value.mark), shape))
            }
        case .strings:
            for value in node.items ?? [node] {
                guard let text = value.string, !text.isEmpty else {
                    throw .wrongType(name, value, expected: "a string or a list of non-empty strings", file: path)
                }
                found.append((name, item(text, value, value.mark), shape))
            }
        case .entries:
            guard let pairs = node.pairs else { throw .wrongType(name, node, expected: "a mapping", file: path) }
            for pair in pairs {
                found.append((name, item(pair.key.scalar, pair.value, pair.key.mark), shape))
            }
        case .whole:
            found.append((name, item(name, node, node.mark), shape))
        }
    }
}
