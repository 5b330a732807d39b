import GitAccess

/// What the kind inference needs of the tree, read into plain values while the repository is open: what
/// the files are made of, the package manifests that describe the project and what they install.
public struct ProjectTree: Sendable, Hashable {
    /// Files (not symlinks or submodules) in the tree.
    public var fileCount = 0
    public var documents = 0
    public var code = 0
    public var infrastructure = 0
    /// Package manifests whose language is most of the code, outside examples and tests, in tree order.
    public var manifests: [String] = []
    /// Why it looks like a command-line tool: manifests that install a command, a Go main package, a release of binaries.
    public var commandReasons: [String] = []
    /// A platform descriptor at the root (`Procfile`, `fly.toml` …).
    public var serviceDescriptor: String?
    /// A workspace file at the root (`pnpm-workspace.yaml`, `go.work` …).
    public var workspaceMarker: String?

    public init() {}

    /// Reads `tree` once; `read` gives a manifest's text (nil when it cannot be used).
    public init(tree: [TreeEntry], read: (TreeEntry) -> String?) {
        typealias Inference = ProjectKindInference
        let files = tree.filter { $0.kind == .file || $0.kind == .executable }
        fileCount = files.count
        var codeByExtension: [String: Int] = [:]
        // Each file's name, lowercased, worked out once: a wide tree has tens of thousands.
        let names = files.map { Inference.lastComponent($0.path) }
        // What each extension is, looked up in the three lists once per distinct extension.
        var kindsOfExtension: [String: (document: Bool, code: Bool, infrastructure: Bool)] = [:]
        for name in names {
            let fileExtension = Inference.fileExtension(name)
            let kinds = kindsOfExtension[fileExtension] ?? {
                let kinds = (Inference.documentExtensions.contains(fileExtension), Inference.codeExtensions.contains(fileExtension),
                             Inference.infrastructureExtensions.contains(fileExtension))
                kindsOfExtension[fileExtension] = kinds
                return kinds
            }()
            if kinds.document { documents += 1 }
            if kinds.code {
                code += 1
                if fileExtension != "sh" { codeByExtension[fileExtension, default: 0] += 1 }
            }
            if kinds.infrastructure || name.hasSuffix(".pkr.hcl") { infrastructure += 1 }
        }
        let programCode = codeByExtension.values.reduce(0, +)
        let manifestFiles = zip(files, names).filter { file, name in
            let isGemspec = name.hasSuffix(".gemspec")  // a Gemfile alone is as often an application's
            guard Inference.manifests.contains(name) || isGemspec, !Inference.isExampleOrTest(file.path) else { return false }
            let built = (Inference.manifestLanguages[isGemspec ? "gemspec" : name] ?? []).reduce(0) { $0 + (codeByExtension[$1] ?? 0) }
            return built * 2 >= programCode
        }.map(\.0)
        manifests = manifestFiles.map(\.path)
        // By index: a tree entry is not copied for each file looked at.
        serviceDescriptor = names.indices.first { index in
            Inference.serviceDescriptors.contains(names[index]) && !files[index].path.contains("/")
        }.map { files[$0].path }
        for manifest in manifestFiles.prefix(40) {
            guard let text = read(manifest) else { continue }
            if let reason = Inference.commandLineEntry(manifest: manifest.path, text: text) { commandReasons.append(reason) }
        }
        let hasRootMain = files.contains { $0.path == "main.go" }
        if hasRootMain || files.contains(where: { Inference.isGoCommand($0.path) }) {
            commandReasons.append("a Go main package (\(hasRootMain ? "main.go" : files.first { Inference.isGoCommand($0.path) }!.path))")
        }
        if let release = files.first(where: { $0.path == ".goreleaser.yml" || $0.path == ".goreleaser.yaml" }) {
            commandReasons.append("binaries released with \(release.path)")
        }
        workspaceMarker = names.indices.first { index in
            Inference.workspaceMarkers.contains(names[index]) && !files[index].path.contains("/")
        }.map { files[$0].path }
    }
}
