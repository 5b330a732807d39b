/// Is code ownership declared (CODEOWNERS)? Parses the effective file and says whether its rules give
/// owners to every pipeline file and every infrastructure-as-code file.
public struct HasCodeowners: Probe {
    public let name = "hasCodeowners"
    public init() {}

    /// GitHub's order of precedence; GitLab and Bitbucket use the same places.
    static let precedence = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS", ".bitbucket/CODEOWNERS"]

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let signal = FileSignal(name, evidence)
        if let failure = signal.failure { return failure }
        let files = evidence.files.detections.codeowners
        guard let codeowners = Self.precedence.lazy.compactMap({ path in files.first { $0.path == path } }).first ?? files.first else {
            return .answer(name, false, "no CODEOWNERS file found", values: [
                "file": .string(""), "rules": .int(0), "coversPipelines": .bool(false), "coversInfrastructure": .bool(false), "owners": .int(0),
            ])
        }
        let treeFiles = evidence.snapshot.tree.filter { $0.kind == .file || $0.kind == .executable }.map(\.path)
        let pipelineFiles = Self.expand(evidence.files.pipelines.artefactPaths, in: treeFiles)
            + evidence.files.detections.codeownersPipelineFiles
        let infrastructureFiles = evidence.files.detections.detections(feeding: "hasInfrastructureAsCode").map(\.path)
        let pipelines = Self.coverage(of: pipelineFiles, by: codeowners)
        let infrastructure = Self.coverage(of: infrastructureFiles, by: codeowners)
        let owners = codeowners.owners
        let message = "\(codeowners.path): \(codeowners.rules.count) rules, \(owners.count) owners; "
            + "pipelines \(pipelines.description), infrastructure \(infrastructure.description)"
        return .answer(name, !codeowners.rules.isEmpty, message, values: [
            "file": .string(codeowners.path),
            "rules": .int(codeowners.rules.count),
            "coversPipelines": .bool(pipelines.covered),
            "coversInfrastructure": .bool(infrastructure.covered),
            "owners": .int(owners.count),
        ], locations: [Finding.Location(path: codeowners.path)])
    }

    /// Paths and folder prefixes ("infra/") as the files of the tree they name.
    static func expand(_ paths: [String], in tree: [String]) -> [String] {
        paths.flatMap { path in path.hasSuffix("/") ? tree.filter { $0.hasPrefix(path) } : [path] }
    }

    struct Coverage: CustomStringConvertible {
        let files: Int
        let uncovered: [String]
        var covered: Bool { files > 0 && uncovered.isEmpty }
        var description: String {
            if files == 0 { return "none to cover" }
            if uncovered.isEmpty { return "all \(files) files covered" }
            return "\(uncovered.count) of \(files) files without owners (\(FileSignal.summary(uncovered, shown: 2)))"
        }
    }

    static func coverage(of files: [String], by codeowners: CodeownersFile) -> Coverage {
        let unique = FileSignal.sortedUnique(files)
        return Coverage(files: unique.count, uncovered: unique.filter { codeowners.owners(of: $0).isEmpty })
    }
}
