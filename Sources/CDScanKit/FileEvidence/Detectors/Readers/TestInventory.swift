/// How many test and source files the tree holds, by the catalogue's language conventions (by path only).
public struct TestInventory: Sendable, Hashable {
    public struct Count: Sendable, Hashable {
        public var testFiles = 0
        public var sourceFiles = 0
    }

    /// Per language (`Go`, `Python` …), only languages with at least one file.
    public private(set) var languages: [String: Count] = [:]
    /// Every test file, in tree order (sorted).
    public private(set) var testPaths: [String] = []

    public var testFiles: Int { languages.values.reduce(0) { $0 + $1.testFiles } }
    public var sourceFiles: Int { languages.values.reduce(0) { $0 + $1.sourceFiles } }
    public var languagesWithTests: [String] { languages.filter { $0.value.testFiles > 0 }.keys.sorted() }

    public init() {}

    /// A file is a test of the first convention whose test globs match it, else a source of the first
    /// whose source globs do; the conventions are tried in catalogue order.
    mutating func count(_ path: GlobPath, conventions: [DetectorCatalogue.TestConvention]) {
        add(path: path.path, Self.role(path, conventions: conventions))
    }

    /// What the conventions make of a path: a test or a source file of a language, or neither.
    struct Role: Sendable, Hashable {
        let language: String
        let isTest: Bool
    }

    static func role(_ path: GlobPath, conventions: [DetectorCatalogue.TestConvention]) -> Role? {
        if let convention = conventions.first(where: { $0.tests.contains { $0.matches(path) } }) {
            return Role(language: convention.language, isTest: true)
        }
        if let convention = conventions.first(where: { $0.sources.contains { $0.matches(path) } }) {
            return Role(language: convention.language, isTest: false)
        }
        return nil
    }

    mutating func add(path: String, _ role: Role?) {
        guard let role else { return }
        if role.isTest {
            languages[role.language, default: Count()].testFiles += 1
            testPaths.append(path)
        } else {
            languages[role.language, default: Count()].sourceFiles += 1
        }
    }
}
