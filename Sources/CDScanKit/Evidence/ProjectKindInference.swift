import Foundation
import GitAccess

/// Infers what kind of project a repository holds from its HEAD tree, the detectors' matches and the
/// pipeline findings. Each kind needs positive evidence; without any, a program is an `application`, for
/// which nothing is ruled out. The evidence is kept as sentences for the report.
public enum ProjectKindInference {
    /// Package manifests: a project that is built and published as a package.
    static let manifests: Set<String> = [
        "package.json", "cargo.toml", "go.mod", "pyproject.toml", "setup.py", "setup.cfg", "pom.xml",
        "build.gradle", "build.gradle.kts", "composer.json", "mix.exs", "package.swift",
        "deno.json", "pubspec.yaml", "project.clj", "deps.edn", "stack.yaml", "dune-project",
    ]
    /// Files that say the repository is several projects.
    static let workspaceMarkers: Set<String> = [
        "pnpm-workspace.yaml", "lerna.json", "nx.json", "turbo.json", "go.work", "rush.json",
    ]
    /// Descriptors of a platform that runs the code as a service.
    static let serviceDescriptors: Set<String> = [
        "procfile", "app.yaml", "app.json", "fly.toml", "serverless.yml", "serverless.yaml", "vercel.json",
        "netlify.toml", "render.yaml", "skaffold.yaml", "tiltfile", "manifest.yml", "heroku.yml",
    ]
    /// Descriptors of hosts of static websites: beside a binary release, they publish the project's site.
    static let staticSiteDescriptors: Set<String> = ["netlify.toml", "vercel.json"]
    /// Detector entries that deploy an application (as opposed to provisioning infrastructure).
    static let applicationDeployEntries: Set<String> = [
        "helm-chart", "helmfile", "kustomize", "kubernetes-manifests", "serverless-framework", "aws-copilot",
        "aws-sam", "timoni-cue", "tanka",
    ]
    /// Detector entries that provision infrastructure or reconcile clusters.
    static let infrastructureEntries: Set<String> = [
        "terraform", "terragrunt", "opentofu", "cdktf", "pulumi", "cloudformation", "aws-cdk", "bicep",
        "arm-template", "ansible-config", "ansible-playbook", "ansible-role", "ansible-collection", "chef", "puppet", "packer", "packer-json",
        "crossplane", "argocd", "flux", "flux-system", "rancher-fleet", "node-groups-from-launch-templates",
    ]
    /// What a running service shows of itself (besides deploying): these probes' findings, with a container image.
    static let runtimeProbes = ["hasHealthChecks", "hasInstrumentation"]
    /// What only a team that operates something keeps: alerts, SLOs, dashboards.
    static let operatedProbes = ["hasAlertRules", "hasSLODefinitions", "hasDashboardsAsCode"]
    /// Files at the root that release the project as binaries for others to download and run.
    static let binaryReleaseFiles: Set<String> = [".goreleaser.yml", ".goreleaser.yaml", ".promu.yml"]
    /// Folders of monitoring content shipped to users (Prometheus "mixins" of alerts and dashboards for
    /// the hosts a program watches): what they hold is a product, not the team's own operations.
    static let shippedMonitoringMarker = "mixin"
    static let documentExtensions: Set<String> = ["md", "markdown", "rst", "adoc", "asciidoc", "txt", "ipynb"]
    static let codeExtensions: Set<String> = [
        "go", "rs", "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "java", "kt", "kts", "scala", "c", "h", "cc",
        "cpp", "hpp", "cs", "fs", "rb", "php", "swift", "m", "ex", "exs", "erl", "hs", "clj", "dart", "lua", "zig",
        "ml", "r", "jl", "pl", "sh",
    ]
    /// The source files each manifest builds: a manifest describes the project only when its language is
    /// most of the code (git's Cargo.toml builds a few Rust files beside thousands of C files).
    static let manifestLanguages: [String: Set<String>] = [
        "package.json": ["js", "mjs", "cjs", "ts", "tsx", "jsx"], "deno.json": ["js", "ts", "tsx", "jsx"],
        "cargo.toml": ["rs"], "go.mod": ["go"], "pyproject.toml": ["py"], "setup.py": ["py"], "setup.cfg": ["py"],
        "pom.xml": ["java", "kt", "scala"], "build.gradle": ["java", "kt", "scala"], "build.gradle.kts": ["java", "kt", "scala"],
        "composer.json": ["php"], "mix.exs": ["ex", "exs"], "package.swift": ["swift"], "gemspec": ["rb"],
        "pubspec.yaml": ["dart"], "project.clj": ["clj"], "deps.edn": ["clj"], "stack.yaml": ["hs"], "dune-project": ["ml"],
    ]
    static let infrastructureExtensions: Set<String> = ["tf", "hcl", "tfvars", "bicep", "pkr.hcl", "nix", "jsonnet", "libsonnet", "cue"]

    public static func infer(_ project: ProjectTree, detections: [Detection], findings: [Finding]) -> ProjectProfile {
        let findingsByProbe = Dictionary(findings.map { ($0.probe, $0) }, uniquingKeysWith: { first, _ in first })
        func yes(_ probe: String) -> Bool { findingsByProbe[probe]?.outcome == .yes }
        var kinds: [ProjectKind] = []
        var evidence: [String] = []
        let rootManifests = project.manifests.filter { !$0.contains("/") }
        // Helm charts kept side by side under `charts/`, with no program of the repository's own: charts
        // published for others to install, whose alerts and probes are their users'.
        let chartCollection = project.chartCount >= 2 && rootManifests.isEmpty && project.code < 20
        // Terraform modules side by side in top folders, holding most of the Terraform: modules published for
        // others to call (a small configuration of the repository's own may sit beside them).
        let moduleFolders = project.terraformModuleFolders
        let moduleCollection = moduleFolders.count >= 3 && rootManifests.isEmpty
            && terraformShare(in: moduleFolders, detections) >= 0.8
        let shippedFolders = (chartCollection ? ["charts"] : []) + (moduleCollection ? moduleFolders : [])
        func shipped(_ path: String) -> Bool { isShipped(path, shippedFolders: shippedFolders) }

        // Deployed service.
        // GitOps, alerts, SLOs, dashboards, health checks and instrumentation count only where the project
        // keeps them for itself: not in docs, examples or tests, nor in a mixin or chart it ships to users.
        func keptForItself(_ probe: String) -> Bool {
            guard let finding = findingsByProbe[probe], finding.outcome == .yes else { return false }
            return finding.locations.isEmpty || finding.locations.contains { !shipped($0.path) }
        }
        var serviceReasons: [String] = []
        // A module collection's pipeline that applies the repository's own small configuration deploys no service.
        let applyJobs = moduleCollection ? applyJobs(findingsByProbe["ciChecksInfrastructureCode"]) : []
        if deploysBeyondItsWebsite(findingsByProbe["ciDeploys"], besides: applyJobs) {
            serviceReasons.append("a pipeline deploys it to an environment")
        }
        if keptForItself("hasGitOps") { serviceReasons.append("GitOps definitions reconcile it") }
        let deploys = detections.filter { applicationDeployEntries.contains($0.entry) && !shipped($0.path) }
        if let first = deploys.first { serviceReasons.append("\(first.tool) at \(first.artefact)") }
        if let descriptor = project.serviceDescriptor,
           project.binaryRelease == nil || !staticSiteDescriptors.contains(lastComponent(descriptor)) {
            // Beside binaries released for others, a static-site host's file publishes the project's website.
            serviceReasons.append("a platform descriptor \(descriptor)")
        }
        if let operated = operatedProbes.first(where: keptForItself) {
            serviceReasons.append("it is operated: \(runtimeDescription(operated))")
        } else if yes("hasContainerBuild"), project.binaryRelease == nil, let runtime = runtimeProbes.first(where: keptForItself) {
            // A program also released as binaries ships its image and instrumentation to others.
            serviceReasons.append("a container image and \(runtimeDescription(runtime))")
        }
        if !serviceReasons.isEmpty {
            kinds.append(.service)
            evidence.append("a deployed service: " + serviceReasons.prefix(3).joined(separator: "; "))
        }

        if chartCollection && kinds.isEmpty {
            kinds.append(.module)
            evidence.append("a reusable infrastructure module: \(project.chartCount) Helm charts under charts/ for others to install")
        }
        if moduleCollection && !kinds.contains(.service) {
            kinds.append(.module)
            let named = moduleFolders.prefix(3).map { $0 + "/" }.joined(separator: ", ") + (moduleFolders.count > 3 ? " …" : "")
            evidence.append("a reusable infrastructure module: \(moduleFolders.count) Terraform modules in folders of their own (\(named))")
        }

        // Infrastructure: provisioning code that outweighs the application code. A module collection's
        // modules are what it ships, and the little Terraform beside them (four fifths are modules) is the
        // repository's own tooling.
        let provisioning = moduleCollection ? [] : detections.filter { infrastructureEntries.contains($0.entry) && !isExampleOrTest($0.path) }
        let (code, infrastructure) = (project.code, project.infrastructure)
        // A configuration-management module (an Ansible collection's plugins are Python) is one whatever
        // code it carries.
        let configurationModule = project.infrastructureModule.map { $0.tool != .terraform } ?? false
        if let first = provisioning.first,
           infrastructure >= max(1, code / 2) || (rootManifests.isEmpty && code < 20) || configurationModule {
            if let module = project.infrastructureModule, provisioning.allSatisfy({ isModuleContent($0, of: module) }) {
                // Published for others to call: its code is infrastructure, what it builds others run.
                kinds.append(.module)
                // An Ansible role's YAML is not counted as infrastructure files: no count rather than "0".
                evidence.append("a reusable infrastructure module: \(module.reason)" + (infrastructure > 0 ? " (\(infrastructure) infrastructure files)" : ""))
            } else {
                kinds.append(.infrastructure)
                evidence.append("infrastructure: \(first.tool) at \(first.artefact) (\(infrastructure) infrastructure files, \(code) source files)")
            }
        }

        // Distributed software: a command-line tool or a library, from its package manifests; a manifest
        // that says it is never published describes an application.
        let toolReasons = project.commandReasons
        let published = project.manifests.filter { !project.unpublishedManifests.contains($0) }
        if !toolReasons.isEmpty && !kinds.contains(.service) {
            kinds.append(.cli)
            evidence.append("a command-line tool: " + toolReasons.prefix(2).joined(separator: "; "))
        } else if !published.isEmpty && kinds.isEmpty {
            kinds.append(.library)
            evidence.append("a library: package manifest \(published.sorted().prefix(3).joined(separator: ", ")) and no deployment or command entry point")
        }

        // Documentation or a tutorial: prose, with little code and no package.
        let (documents, fileCount) = (project.documents, project.fileCount)
        if kinds.isEmpty && project.manifests.isEmpty && documents >= 5 && documents * 2 >= fileCount && code * 10 <= fileCount {
            kinds.append(.documentation)
            evidence.append("documentation: \(documents) of \(fileCount) files are prose, \(code) are source code, and nothing is packaged")
        }

        let manifestRoots = Set(project.manifests.filter { $0.contains("/") }.map(topFolder))
        let isMonorepo = project.workspaceMarker != nil || manifestRoots.count >= 3
        if isMonorepo {
            let why = project.workspaceMarker.map { "workspace file \($0)" } ?? "package manifests in \(manifestRoots.count) folders"
            evidence.append("a monorepo: \(why)")
        }
        if kinds.isEmpty, let unpublished = project.unpublishedManifests.first, published.isEmpty {
            evidence.append("an application: \(unpublished) says it is not published as a package, and no deployment was found")
        } else if kinds.isEmpty {
            evidence.append("an application: neither a package, a deployment, infrastructure nor mostly prose was found")
        }
        return ProjectProfile(kinds: kinds, isMonorepo: isMonorepo, source: .inferred, evidence: evidence, shippedFolders: shippedFolders)
    }

    /// A package manifest that installs a command: `bin` in package.json, `[[bin]]` in a Cargo crate (its
    /// `src/main.rs` is `ProjectTree.cargoBinary`), console scripts in Python, an executable target in SwiftPM.
    static func commandLineEntry(manifest path: String, text: String) -> String? {
        let name = lastComponent(path)
        switch name {
        case "package.json":
            return text.contains("\"bin\"") ? "\(path) installs a command (\"bin\")" : nil
        case "cargo.toml":
            return text.contains("[[bin]]") ? "\(path) builds a binary ([[bin]])" : nil
        case "pyproject.toml":
            return text.contains("[project.scripts]") || text.contains("[tool.poetry.scripts]") ? "\(path) installs a command (scripts)" : nil
        case "setup.py", "setup.cfg":
            return text.contains("console_scripts") ? "\(path) installs a command (console_scripts)" : nil
        case "package.swift":
            return text.contains(".executableTarget(") ? "\(path) builds an executable" : nil
        default:
            return nil
        }
    }

    /// A package manifest that says it is never published: npm's `"private": true`, Composer's
    /// `"type": "project"`, Cargo's `publish = false`, Poetry's `package-mode = false`, PyPI's
    /// "Private :: Do Not Upload" classifier.
    static func declaresUnpublished(manifest path: String, text: String) -> Bool {
        switch lastComponent(path) {
        case "package.json":
            return text.range(of: #""private"\s*:\s*true"#, options: .regularExpression) != nil
        case "composer.json":
            return text.range(of: #""type"\s*:\s*"project""#, options: .regularExpression) != nil
        case "cargo.toml":
            return text.range(of: #"(?m)^\s*publish\s*=\s*false"#, options: .regularExpression) != nil
        case "pyproject.toml":
            return text.range(of: #"(?m)^\s*package-mode\s*=\s*false"#, options: .regularExpression) != nil
                || text.contains("Private :: Do Not Upload")
        default:
            return false
        }
    }

    /// The words of a deployment that publishes the project's website or documentation (`deploy-docs`,
    /// `pages.yml`, a Storybook): it deploys the site about the project, not the project.
    static let websiteWords: Set<String> = ["docs", "doc", "documentation", "website", "site", "pages", "storybook", "mkdocs", "book"]

    /// Whether a deploying job is named for something other than the project's website (by its file and
    /// job), leaving out the jobs `besides`.
    static func deploysBeyondItsWebsite(_ finding: Finding?, besides: Set<String> = []) -> Bool {
        guard let finding, finding.outcome == .yes else { return false }
        guard case .list(let jobs)? = finding.values["jobs"], !jobs.isEmpty else { return true }
        return jobs.contains { !besides.contains($0) && StepClassifier.words($0).allSatisfy { !websiteWords.contains($0) } }
    }

    /// A module's parts: Terraform at the root or in a module's own folders (`modules/`, `wrappers/`); a
    /// configuration-management module's files of its tool anywhere.
    static func isModuleContent(_ detection: Detection, of module: InfrastructureModule) -> Bool {
        guard module.contentEntries.contains(detection.entry) else { return false }
        guard module.tool == .terraform else { return true }
        return !detection.path.contains("/") || ["modules", "wrappers"].contains(topFolder(detection.path))
    }

    static func runtimeDescription(_ probe: String) -> String {
        switch probe {
        case "hasHealthChecks": return "health checks"
        case "hasInstrumentation": return "instrumentation"
        case "hasAlertRules": return "alert rules"
        case "hasDashboardsAsCode": return "dashboards"
        default: return "SLO definitions"
        }
    }

    /// `cmd/NAME/main.go`, or `NAME/main.go` in a top folder of its own (etcd's `etcdctl/main.go`): the Go
    /// layouts of a command. Folders of generators and tooling hold programs the project only runs itself.
    static func isGoCommand(_ path: String) -> Bool {
        guard path.hasSuffix("/main.go") else { return false }
        let parts = path.split(separator: "/")
        if parts.count == 3 { return parts[0] == "cmd" }
        return parts.count == 2 && !toolingFolders.contains(parts[0].lowercased()) && !isExampleOrTest(path)
    }

    static let toolingFolders: Set<String> = ["cmd", "tools", "tool", "scripts", "script", "internal", "gen", "generate", "codegen", "build", "ci", "dev", "bin"]

    /// Content a project ships or shows rather than uses: docs, examples and tests, a monitoring mixin, and
    /// the top folders of a collection it publishes (the charts of a chart collection, the modules of a
    /// module collection).
    static func isShipped(_ path: String, shippedFolders: [String]) -> Bool {
        isExampleOrTest(path) || isShippedMonitoring(path) || shippedFolders.contains(topFolder(path))
    }

    /// The jobs that apply infrastructure code (`ciChecksInfrastructureCode`'s `applyJobs`).
    static func applyJobs(_ finding: Finding?) -> Set<String> {
        guard case .list(let jobs)? = finding?.values["applyJobs"] else { return [] }
        return Set(jobs)
    }

    /// The share of Terraform detections (outside examples and tests) that lie in `folders`.
    static func terraformShare(in folders: [String], _ detections: [Detection]) -> Double {
        let terraform = detections.filter { InfrastructureModule.terraformEntries.contains($0.entry) && !isExampleOrTest($0.path) }
        guard !terraform.isEmpty else { return 0 }
        let inFolders = terraform.filter { folders.contains(topFolder($0.path)) }.count
        return Double(inFolders) / Double(terraform.count)
    }

    static func isShippedMonitoring(_ path: String) -> Bool {
        path.lowercased().split(separator: "/").dropLast().contains { $0.contains(shippedMonitoringMarker) }
    }

    /// Paths of examples, fixtures and tests: what they hold is not the project itself.
    static func isExampleOrTest(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return exampleOrTestFolders.contains { lowered.hasPrefix($0.prefix) || lowered.contains($0.inside) }
    }

    /// The folders of examples, fixtures and tests, as a path starts with them ("docs/") and as it holds
    /// them ("/docs/"): made once, not twice per folder and path.
    static let exampleOrTestFolders = ["example", "examples", "sample", "samples", "test", "tests", "testdata", "fixtures",
                                       "demo", "docs", "vendor", "third_party", "node_modules",
                                       // Molecule's scenarios: the playbooks that test an Ansible role.
                                       "molecule",
                                       // Developer scripts and sample set-ups (the Kubernetes ecosystem's convention).
                                       "hack"]
        .map { (prefix: $0 + "/", inside: "/" + $0 + "/") }

    static func lastComponent(_ path: String) -> String {
        guard let slash = ASCIISearch.lastIndex(of: UInt8(ascii: "/"), in: path) else { return path.lowercased() }
        // The slash found is a character of its own, so the next byte starts the next character.
        return path[path.utf8.index(after: slash)...].lowercased()
    }

    static func topFolder(_ path: String) -> String {
        String(path.split(separator: "/").first ?? "")
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = ASCIISearch.lastIndex(of: UInt8(ascii: "."), in: name), dot != name.startIndex else { return "" }
        // The dot found is a character of its own: the next byte starts the next character.
        return String(name[name.utf8.index(after: dot)...])
    }
}
