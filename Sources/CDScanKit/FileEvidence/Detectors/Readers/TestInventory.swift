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
        role(path, conventions: conventions, candidates: conventions.indices)
    }

    /// The same, trying only the conventions at `candidates` (ascending): `candidateIndex(of:)` says which
    /// may match a path, so a wide tree's paths are not each tried against every language's globs.
    static func role(_ path: GlobPath, conventions: [DetectorCatalogue.TestConvention],
                     candidates: some Collection<Int>) -> Role? {
        if let index = candidates.first(where: { conventions[$0].tests.contains { $0.matches(path) } }) {
            return Role(language: conventions[index].language, isTest: true)
        }
        if let index = candidates.first(where: { conventions[$0].sources.contains { $0.matches(path) } }) {
            return Role(language: conventions[index].language, isTest: false)
        }
        return nil
    }

    /// Which conventions a path may be a test or source file of.
    static func candidateIndex(of conventions: [DetectorCatalogue.TestConvention]) -> CandidateEntries {
        CandidateEntries(globs: conventions.map { $0.tests + $0.sources })
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
