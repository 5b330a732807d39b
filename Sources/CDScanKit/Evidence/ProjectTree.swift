import Foundation
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
    /// Manifests that say they are never published as a package (`"private": true`, Composer's
    /// `"type": "project"`, Cargo's `publish = false`): an application's, not a library's.
    public var unpublishedManifests: [String] = []
    /// Why it looks like a command-line tool: manifests that install a command, a Go main package, a release of binaries.
    public var commandReasons: [String] = []
    /// The file that releases the project as binaries for others to run (`.goreleaser.yml`, `.promu.yml`).
    public var binaryRelease: String?
    /// A platform descriptor at the root (`Procfile`, `fly.toml` …).
    public var serviceDescriptor: String?
    /// A workspace file at the root (`pnpm-workspace.yaml`, `go.work` …).
    public var workspaceMarker: String?
    /// Why the root is a reusable infrastructure module (Terraform's module layout, an Ansible role or
    /// collection, a Puppet module, a Chef cookbook) rather than a configuration the team applies.
    public var infrastructureModule: InfrastructureModule?
    /// How many Helm charts `charts/` holds (`charts/NAME/Chart.yaml`).
    public var chartCount = 0
    /// Top folders that are each a Terraform module in the standard layout (a collection of modules side
    /// by side: `S3/`, `rds/`, `lambda/`), sorted.
    public var terraformModuleFolders: [String] = []

    public init() {}

    /// Reads `tree` once; `read` gives a manifest's text (nil when it cannot be used).
    public init(tree: [TreeEntry], read: (TreeEntry) -> String?) {
        self.init(tree: tree, paths: nil, read: read)
    }

    /// The same, taking what the inference made of the paths of earlier trees of the run from `known`
    /// (a history's points).
    init(tree: [TreeEntry], paths known: ProjectPaths?, read: (TreeEntry) -> String?) {
        typealias Inference = ProjectKindInference
        let files = tree.filter { $0.kind == .file || $0.kind == .executable }
        fileCount = files.count
        var codeByExtension: [String: Int] = [:]
        // Each path's name, extension and kind, worked out once: a wide tree has tens of thousands.
        let paths = files.map { known?.path($0.path) ?? ProjectPath($0.path) }
        for path in paths {
            if path.isDocument { documents += 1 }
            if path.isCode { code += 1 }
            if path.isProgramCode, path.fileExtension != "sh" { codeByExtension[path.fileExtension, default: 0] += 1 }
            if path.isInfrastructure { infrastructure += 1 }
        }
        let programCode = codeByExtension.values.reduce(0, +)
        let manifestFiles = zip(files, paths).filter { _, path in
            guard let name = path.manifestName else { return false }
            let built = (Inference.manifestLanguages[name] ?? []).reduce(0) { $0 + (codeByExtension[$1] ?? 0) }
            return built * 2 >= programCode
        }.map(\.0)
        manifests = manifestFiles.map(\.path)
        // By index: a tree entry is not copied for each file looked at.
        // Read once: Heroku's app.json describes the app its Procfile runs (a review app of the project's
        // components when that is all the Procfile serves).
        let procfileServes = files.first { $0.path.lowercased() == "procfile" }.map { Self.declaresPlatformProcess(read($0) ?? "") }
        serviceDescriptor = paths.indices.first { index in
            guard paths[index].isServiceDescriptor else { return false }
            switch files[index].path.lowercased() {
            case "procfile": return procfileServes ?? false
            case "netlify.toml": return !Self.buildsWebsiteFolder(read(files[index]) ?? "")
            case "app.json": return procfileServes ?? true
            default: return true
            }
        }.map { files[$0].path }
        for manifest in manifestFiles.prefix(40) {
            guard let text = read(manifest) else { continue }
            if let reason = Inference.commandLineEntry(manifest: manifest.path, text: text) { commandReasons.append(reason) }
            if Inference.declaresUnpublished(manifest: manifest.path, text: text) { unpublishedManifests.append(manifest.path) }
        }
        if let command = Self.cargoBinary(files, manifests: manifests) {
            commandReasons.append("a Rust binary (\(command))")
        }
        if let command = Self.goCommand(files, paths: paths, read: read) {
            commandReasons.append("a Go main package (\(command))")
        }
        if let release = files.first(where: { Inference.binaryReleaseFiles.contains($0.path) }) {
            binaryRelease = release.path
            commandReasons.append("binaries released with \(release.path)")
        }
        workspaceMarker = paths.indices.first { paths[$0].isWorkspaceMarker }.map { files[$0].path }
        infrastructureModule = Self.terraformModule(files, read: read).map { InfrastructureModule(tool: .terraform, reason: $0) }
            ?? InfrastructureModule.configurationModule(files, read: read)
        chartCount = files.filter { Self.isChartOfCollection($0.path) }.count
        terraformModuleFolders = Self.terraformModuleFolders(files, read: read)
    }

    /// The top folders whose own files form a Terraform module in the standard layout (as `terraformModule`
    /// reads the root). Looks at most at 200 folders holding Terraform outside examples and tests.
    static func terraformModuleFolders(_ files: [TreeEntry], read: (TreeEntry) -> String?) -> [String] {
        let terraform = files.filter { $0.path.hasSuffix(".tf") && !ProjectKindInference.isExampleOrTest($0.path) }
        let candidates = Set(terraform.compactMap { file in file.path.firstIndex(of: "/").map { String(file.path[..<$0]) } })
        guard candidates.count >= 3 else { return [] }
        // Each candidate folder's files, with paths relative to it (the module's root) and their originals.
        var inside: [String: [(relative: TreeEntry, original: TreeEntry)]] = [:]
        for file in files {
            guard let slash = file.path.firstIndex(of: "/") else { continue }
            let folder = String(file.path[..<slash])
            guard candidates.contains(folder) else { continue }
            let relative = TreeEntry(path: String(file.path[file.path.index(after: slash)...]), kind: file.kind, mode: file.mode,
                                     object: file.object, size: file.size)
            inside[folder, default: []].append((relative, file))
        }
        return candidates.sorted().prefix(200).filter { folder in
            let entries = inside[folder] ?? []
            let originals = Dictionary(entries.map { ($0.relative.path, $0.original) }, uniquingKeysWith: { first, _ in first })
            return terraformModule(entries.map(\.relative), read: { originals[$0.path].flatMap(read) }, inCollection: true) != nil
        }
    }

    /// `charts/NAME/Chart.yaml`: one chart of a collection kept side by side.
    static func isChartOfCollection(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[0] == "charts" && parts[2] == "Chart.yaml"
    }

    /// The files of a Terraform configuration that is applied, not called: its dependency lock file, or
    /// Terragrunt's configuration.
    static let appliedConfigurationFiles: Set<String> = [".terraform.lock.hcl", "terragrunt.hcl"]

    /// Terraform's standard module layout at the root: `.tf` files that declare inputs, keep no state
    /// (no `backend` or `cloud` block), lock no providers, and declare outputs or come with examples
    /// calling them.
    /// Reads at most 16 root `.tf` files.
    /// `inCollection`: one of several modules side by side, whose layout the collection already shows:
    /// inputs and no state suffice, unless values for the inputs sit beside them (`*.tfvars`).
    static func terraformModule(_ files: [TreeEntry], read: (TreeEntry) -> String?, inCollection: Bool = false) -> String? {
        let root = files.filter { !$0.path.contains("/") && $0.path.hasSuffix(".tf") }
        guard !root.isEmpty, !files.contains(where: { appliedConfigurationFiles.contains($0.path) }) else { return nil }
        if inCollection, files.contains(where: { !$0.path.contains("/") && $0.path.hasSuffix(".tfvars") }) { return nil }
        let hasExamples = files.contains { $0.path.hasPrefix("examples/") && $0.path.hasSuffix(".tf") }
        var declaresInputs = false
        var declaresOutputs = false
        for file in root.prefix(16) {
            guard let text = read(file) else { continue }
            if keepsState(text) { return nil }
            for line in TextLines.nonEmpty(text) {
                declaresInputs = declaresInputs || line.hasPrefix("variable ")
                declaresOutputs = declaresOutputs || line.hasPrefix("output ")
            }
        }
        guard declaresInputs, hasExamples || declaresOutputs || inCollection else { return nil }
        return hasExamples ? "Terraform inputs at the root, examples calling it, no backend or lock file"
                           : "Terraform inputs and outputs at the root, no backend or lock file"
    }

    /// A `backend "…"` or `cloud {` block: where a configuration that is applied keeps its state.
    static func keepsState(_ text: String) -> Bool {
        TextLines.nonEmpty(text).contains { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("backend \"") || trimmed.hasPrefix("cloud {")
        }
    }

    /// The binary a Cargo package builds by Cargo's layout: `src/main.rs`, or a file or folder under
    /// `src/bin/` (bat's `src/bin/bat/main.rs`), beside one of the package manifests.
    static func cargoBinary(_ files: [TreeEntry], manifests: [String]) -> String? {
        let folders = manifests.filter { ProjectKindInference.lastComponent($0) == "cargo.toml" }
            .map { $0.dropLast("Cargo.toml".count) }
        guard !folders.isEmpty else { return nil }
        for file in files where file.path.hasSuffix(".rs") {
            for folder in folders where file.path.hasPrefix(folder) {
                let inside = file.path.dropFirst(folder.count)
                if inside == "src/main.rs" { return file.path }
                if inside.hasPrefix("src/bin/") {
                    // The binary's own file or folder: `src/bin/tool.rs`, `src/bin/tool/`.
                    let name = inside.dropFirst("src/bin/".count).prefix { $0 != "/" }
                    let isFolder = inside.dropFirst("src/bin/".count).contains("/")
                    return String(folder) + "src/bin/" + name + (isFolder ? "/" : "")
                }
            }
        }
        return nil
    }

    /// The Go command the tree builds: `main.go` or another root file of `package main` (node_exporter's
    /// `node_exporter.go`), else `cmd/NAME/main.go`. Reads at most a few root files' text.
    static func goCommand(_ files: [TreeEntry], paths: [ProjectPath], read: (TreeEntry) -> String?) -> String? {
        if files.contains(where: { $0.path == "main.go" }) { return "main.go" }
        let rootGo = files.filter { !$0.path.contains("/") && $0.path.hasSuffix(".go") && !$0.path.hasSuffix("_test.go") }
        for file in rootGo.prefix(8) where read(file).map(declaresPackageMain) == true {
            return file.path
        }
        return paths.firstIndex(where: \.isGoCommand).map { files[$0].path }
    }

    /// The process types a platform runs from a `Procfile` (Heroku, Dokku, Render): a file that names
    /// none of them (`etcd1:`, `etcd2:` for goreman) starts a local development cluster.
    static let platformProcesses: Set<String> = ["web", "worker", "release"]

    static func declaresPlatformProcess(_ text: String) -> Bool {
        TextLines.nonEmpty(text).contains { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            guard platformProcesses.contains(line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()) else { return false }
            // A review app of a library's components (`web: npm start --workspace @x/review`) shows the project,
            // it is not the project running.
            return StepClassifier.words(String(line[line.index(after: colon)...])).allSatisfy { !previewWords.contains($0) }
        }
    }

    /// Words of a process that serves a preview of the project: a review app, its docs, a component gallery.
    static let previewWords: Set<String> = ["review", "preview", "docs", "documentation", "storybook", "styleguide", "example", "examples", "demo"]

    /// Folders that hold a project's website or documentation site.
    static let websiteFolders: Set<String> = ["site", "website", "docs", "doc", "documentation", "www"]

    /// Whether a `netlify.toml` builds from or publishes a website folder (`base = "site/"`,
    /// `publish = "website/public"`): it publishes the project's site, not the project.
    static func buildsWebsiteFolder(_ text: String) -> Bool {
        TextLines.nonEmpty(text).contains { line in
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, ["base", "publish"].contains(parts[0].trimmingCharacters(in: .whitespaces)) else { return false }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            let first = value.split(separator: "/").first.map { $0.lowercased() } ?? ""
            return websiteFolders.contains(first)
        }
    }

    /// Whether Go source declares `package main` (the first `package` clause, after comments and build tags).
    static func declaresPackageMain(_ text: String) -> Bool {
        // By `isNewline`: "\r\n" is one character, which a split at "\n" would not cut.
        var inBlockComment = false
        for line in text.split(maxSplits: 200, omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            // A package's doc comment (`/* … */`) may show an example program's `package main`.
            if inBlockComment {
                if trimmed.contains("*/") { inBlockComment = false }
                continue
            }
            if trimmed.hasPrefix("/*") {
                inBlockComment = !trimmed.dropFirst(2).contains("*/")
                continue
            }
            if trimmed.hasPrefix("package ") {
                return trimmed.dropFirst("package ".count).prefix { $0 != " " && $0 != "\t" && $0 != "/" } == "main"
            }
        }
        return false
    }
}
