/// Does the repository hold automated tests? Counts test and source files by the languages' conventions,
/// names the frameworks and the kinds of tests (unit for tests outside the other kinds' places).
public struct HasAutomatedTests: Probe {
    public let name = "hasAutomatedTests"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let frameworks = FileSignal(name, evidence, signal: "testFramework")
        if let failure = frameworks.failure { return failure }
        let kindSignal = FileSignal(name, evidence, signal: "testKind")
        let inventory = evidence.files.detections.tests
        let kindPaths = Set(kindSignal.detections.map(\.path))
        var kinds = Set(kindSignal.kinds)
        if inventory.testPaths.contains(where: { !kindPaths.contains($0) }) { kinds.insert("unit") }
        let ratio = inventory.sourceFiles == 0 ? 0 : Double(inventory.testFiles) / Double(inventory.sourceFiles)
        let yes = inventory.testFiles > 0
        let message = yes
            ? "\(inventory.testFiles) test files beside \(inventory.sourceFiles) source files (\(inventory.languagesWithTests.joined(separator: ", ")))"
                + (frameworks.tools.isEmpty ? "" : "; frameworks: \(frameworks.tools.joined(separator: ", "))")
            : "no test files found among \(inventory.sourceFiles) source files"
        let locations = FileSignal.locations(inventory.testPaths.prefix(FileSignal.listLimit).map { Finding.Location(path: $0) })
        return .answer(name, yes, message, values: [
            "testFiles": .int(inventory.testFiles),
            "sourceFiles": .int(inventory.sourceFiles),
            "testToSourceRatio": .double(ratio),
            "frameworks": .list(frameworks.tools),
            "kinds": .list(kinds.sorted()),
        ], locations: yes ? locations : [])
    }
}
