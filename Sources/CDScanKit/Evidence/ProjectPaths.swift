import Foundation

/// What the kind inference makes of one path of a tree, whatever tree holds it: its name, its
/// extension and what that makes the file, and whether it is one of the files the inference looks for.
struct ProjectPath: Sendable {
    let fileExtension: String
    let isDocument: Bool
    let isCode: Bool
    /// Code outside examples and tests: what says which language the project is written in (bat's tests
    /// hold syntax samples in dozens of languages).
    let isProgramCode: Bool
    let isInfrastructure: Bool
    /// The name `manifestLanguages` knows it by (`gemspec` for every `*.gemspec`), when it is a package
    /// manifest outside examples and tests.
    let manifestName: String?
    /// A platform descriptor or a workspace file at the root.
    let isServiceDescriptor: Bool
    let isWorkspaceMarker: Bool
    let isGoCommand: Bool

    init(_ path: String) {
        typealias Inference = ProjectKindInference
        let name = Inference.lastComponent(path)
        fileExtension = Inference.fileExtension(name)
        isDocument = Inference.documentExtensions.contains(fileExtension)
        isCode = Inference.codeExtensions.contains(fileExtension)
        isProgramCode = isCode && !Inference.isExampleOrTest(path)
        isInfrastructure = Inference.infrastructureExtensions.contains(fileExtension) || name.hasSuffix(".pkr.hcl")
        let isGemspec = name.hasSuffix(".gemspec")  // a Gemfile alone is as often an application's
        manifestName = (Inference.manifests.contains(name) || isGemspec) && !Inference.isExampleOrTest(path) ? (isGemspec ? "gemspec" : name) : nil
        let atRoot = !path.contains("/")
        isServiceDescriptor = atRoot && Inference.serviceDescriptors.contains(name)
        isWorkspaceMarker = atRoot && Inference.workspaceMarkers.contains(name)
        isGoCommand = Inference.isGoCommand(path)
    }
}

/// The `ProjectPath` of every path one history run has met: the points share most of their paths.
/// Bounded, and safe across threads.
final class ProjectPaths: @unchecked Sendable {
    static let limit = 500_000
    private let lock = NSLock()
    private var paths: [String: ProjectPath] = [:]

    func path(_ path: String) -> ProjectPath {
        lock.lock()
        let known = paths[path]
        lock.unlock()
        if let known { return known }
        let made = ProjectPath(path)
        lock.lock()
        if paths.count < Self.limit { paths[path] = made }
        lock.unlock()
        return made
    }
}
