import Foundation

/// One thing the catalogues know how to recognise (a tool, a kind of file, a practice), and what finding it
/// means: which probes it feeds, the tool and kind it names, and which path is the artefact.
///
/// A final class of constants rather than a struct: every path of the tree meets every entry, and copying
/// a value with a dozen reference-counted fields at each meeting cost more than the matching itself.
public final class CatalogueEntry: Sendable {
    /// Where the artefact of a match is: the file itself, or the directory holding it (a Terraform module,
    /// a Helm chart, a docs folder).
    public enum Root: String, Sendable {
        case file
        case directory
        /// The literal folder the matching glob starts with (`docs/` for `docs/**`).
        case base
    }

    /// A file the entry's own examples say it must (or must not) recognise.
    public struct Example: Sendable {
        public let path: String
        public let text: String?
    }

    public let id: String
    public let tool: String
    public let kind: String?
    /// The probes (or the inner signals `testFramework`, `testKind`, `planning`) this entry feeds.
    public let feeds: [String]
    public let paths: [PathGlob]
    public let excludedPaths: [PathGlob]
    /// Any of these regular expressions found in the text (with the line of the first hit).
    public let contains: [ContentRegex]
    /// Any of these conditions met by one document of the (multi-document) YAML text.
    public let yaml: [YAMLCondition]
    /// Dependency names (globs) per ecosystem, looked up in dependency manifests.
    public let dependencies: [DependencyEcosystem: [NameGlob]]
    public let root: Root
    /// A built-in reader that takes more out of the matched file (CODEOWNERS rules, make targets …).
    public let extract: DetectionExtractor?
    public let matchingExamples: [Example]
    public let ignoredExamples: [Example]
    /// `file:line:col` of the entry in its catalogue, for messages.
    public let origin: String

    public init(id: String, tool: String, kind: String?, feeds: [String], paths: [PathGlob], excludedPaths: [PathGlob],
                contains: [ContentRegex], yaml: [YAMLCondition], dependencies: [DependencyEcosystem: [NameGlob]], root: Root,
                extract: DetectionExtractor?, matchingExamples: [Example], ignoredExamples: [Example], origin: String) {
        self.id = id
        self.tool = tool
        self.kind = kind
        self.feeds = feeds
        self.paths = paths
        self.excludedPaths = excludedPaths
        self.contains = contains
        self.yaml = yaml
        self.dependencies = dependencies
        self.root = root
        self.extract = extract
        self.matchingExamples = matchingExamples
        self.ignoredExamples = ignoredExamples
        self.origin = origin
    }

    /// Whether the file's contents must be read to decide.
    public var needsContent: Bool { !contains.isEmpty || !yaml.isEmpty }

    /// The first path glob that accepts the path (and no excluded glob does), or nil.
    public func acceptingGlob(_ path: GlobPath) -> PathGlob? {
        guard let glob = paths.first(where: { $0.matches(path) }) else { return nil }
        return excludedPaths.contains { $0.matches(path) } ? nil : glob
    }
}

/// Key paths (`kind`, `spec.strategy.canary`) of one YAML document and the glob each value must match;
/// `"*"` asks only that the key be there, whatever its value.
public struct YAMLCondition: Sendable {
    public struct Requirement: Sendable {
        public let keyPath: [String]
        public let value: NameGlob
    }

    public let requirements: [Requirement]
    /// Lowercased texts a document meeting the condition must contain, one of each group (its keys, the
    /// literal parts of its values or of each brace alternative): a cheap test before parsing, and what
    /// decides whether a malformed file mattered to this entry.
    public let hints: [[String]]

    public init(requirements: [Requirement]) {
        self.requirements = requirements
        var hints: [[String]] = []
        for requirement in requirements {
            if let key = requirement.keyPath.last { hints.append([key.lowercased()]) }
            let alternatives = GlobBraces.expand(requirement.value.text.lowercased()).map { alternative in
                alternative.split(whereSeparator: { $0 == "*" || $0 == "?" }).map(String.init).max { $0.count < $1.count } ?? ""
            }
            if alternatives.allSatisfy({ $0.count >= 3 }) { hints.append(alternatives) }
        }
        self.hints = hints
    }

    public func mightHold(inLowercased text: String) -> Bool {
        hints.allSatisfy { group in group.contains { ByteSearch.contains(text, $0) } }
    }
}

/// The built-in readers a catalogue entry may ask for.
public enum DetectionExtractor: String, Sendable, CaseIterable {
    case codeowners
    case readmeBadges = "readme-badges"
    case makeTargets = "make-targets"
    case justRecipes = "just-recipes"
    case taskfileTasks = "taskfile-tasks"
    case npmScripts = "npm-scripts"
    case imageReferences = "image-references"
}
