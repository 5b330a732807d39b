/// Does the documentation name a pipeline kept outside the repository? A README line that says the tests
/// run in, or the code is deployed by, a CI/CD system whose configuration the repository does not hold
/// (`Rules/catalogues/pipelines-elsewhere.yml`). Its pipeline cannot be read here, so the rules that
/// would conclude "by hand" from the missing pipeline say unknown instead.
public struct HasPipelineElsewhere: Probe {
    public let name = "hasPipelineElsewhere"
    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        if let failure = signal.failure { return failure }
        let here = Set(evidence.files.pipelines.pipelines.map { Self.letters($0.system) })
        let elsewhere = signal.detections.filter { !here.contains(Self.letters($0.tool)) }
        let systems = FileSignal.sortedUnique(elsewhere.map(\.tool))
        let mentions = FileSignal.sortedUnique(elsewhere.map { "\($0.path):\($0.line ?? 0)" })
        let message = systems.isEmpty
            ? "the documentation names no pipeline kept elsewhere"
            : "the documentation names a pipeline kept outside the repository (\(systems.joined(separator: ", ")): \(FileSignal.summary(mentions)))"
        return .answer(name, !systems.isEmpty, message,
                       values: ["systems": FileSignal.list(systems), "mentions": FileSignal.list(mentions)],
                       locations: FileSignal.locations(elsewhere.map(\.location)))
    }

    /// A system's id or name in lower-case letters and digits only (`travis-ci` and "Travis CI" alike).
    static func letters(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
