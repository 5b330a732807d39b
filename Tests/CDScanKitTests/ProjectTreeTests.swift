import GitAccess
import Testing
@testable import CDScanKit

/// The kind inference from a tree read into a `ProjectTree`: paths and manifest texts in, a profile out.
@Suite struct ProjectTreeTests {
    static func tree(_ files: [String: String]) -> (entries: [TreeEntry], read: (TreeEntry) -> String?) {
        let object = ObjectID(hex: String(repeating: "cd", count: 20))!
        let entries = files.keys.sorted().map { TreeEntry(path: $0, kind: .file, mode: 0o100644, object: object, size: files[$0]!.utf8.count) }
        return (entries, { files[$0.path] })
    }

    @Test func aManifestThatInstallsACommandIsACommandLineTool() {
        let (entries, read) = Self.tree(["package.json": "{\"bin\": {\"tool\": \"cli.js\"}}", "cli.js": "", "lib/index.js": ""])
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.manifests == ["package.json"])
        #expect(project.commandReasons == ["package.json installs a command (\"bin\")"])
        let profile = ProjectKindInference.infer(project, detections: [], findings: [])
        #expect(profile.kinds == [.cli])
    }

    @Test func aManifestForAMinorLanguageDescribesNothing() {
        // A Cargo.toml beside mostly C: the manifest does not describe the project.
        var files = ["Cargo.toml": "[package]\n", "src/lib.rs": ""]
        for index in 0..<5 { files["c/file\(index).c"] = "" }
        let (entries, read) = Self.tree(files)
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.manifests.isEmpty)
        #expect(project.code == 6)
        #expect(ProjectKindInference.infer(project, detections: [], findings: []).kinds == [.application])
    }

    @Test func mostlyProseIsDocumentation() {
        let (entries, read) = Self.tree(Dictionary(uniqueKeysWithValues: (0..<6).map { ("docs/page\($0).md", "") }))
        let profile = ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: [], findings: [])
        #expect(profile.kinds == [.documentation])
        #expect(profile.evidence == ["documentation: 6 of 6 files are prose, 0 are source code, and nothing is packaged"])
    }

    /// A history run keeps what the inference made of each path (`ProjectPaths`): tree after tree, the
    /// project read with it is the one read without.
    @Test func pathsKeptFromEarlierTreesGiveTheSameProject() {
        let trees: [[String: String]] = [
            ["package.json": "{\"bin\": {\"tool\": \"cli.js\"}}", "cli.js": "", "lib/index.js": "", "docs/a.md": "", "infra/main.tf": ""],
            ["package.json": "{}", "cli.js": "", "lib/index.js": "", "Procfile": "web: x", "go.work": "", "cmd/tool/main.go": ""],
            ["Cargo.toml": "[package]\n", "src/main.rs": "", "x.gemspec": "", "packer/a.pkr.hcl": "", "examples/go.mod": "", "run.sh": ""],
            ["main.go": "", "cmd/tool/main.go": "", ".goreleaser.yml": "", "docs/a.md": "", "docs/b.rst": "", "Procfile": "web: x"],
        ]
        let paths = ProjectPaths()
        for files in trees {
            let (entries, read) = Self.tree(files)
            #expect(ProjectTree(tree: entries, paths: paths, read: read) == ProjectTree(tree: entries, read: read), "\(files.keys.sorted())")
        }
    }

    /// A Go program whose main package is a root file named after it, released as binaries: the program
    /// is distributed, whatever image and instrumentation it ships beside.
    @Test func aGoDaemonReleasedAsBinariesIsDistributedNotDeployed() {
        let (entries, read) = Self.tree([
            "go.mod": "module example.com/exporter\n", ".promu.yml": "go:\n  version: 1.22\n",
            "exporter.go": "// Copyright\n//go:build !windows\n\npackage main\n\nfunc main() {}\n",
            "collector/cpu.go": "package collector\n", "Dockerfile": "FROM scratch\n",
        ])
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.binaryRelease == ".promu.yml")
        #expect(project.commandReasons == ["a Go main package (exporter.go)", "binaries released with .promu.yml"])
        let shipped = [
            Self.finding("hasContainerBuild", at: ["Dockerfile"]), Self.finding("hasInstrumentation", at: ["go.mod"]),
            Self.finding("hasDashboardsAsCode", at: ["docs/exporter-mixin/dashboards/use.libsonnet"]),
            Self.finding("hasAlertRules", at: ["examples/alerts.yml"]),
        ]
        let profile = ProjectKindInference.infer(project, detections: [], findings: shipped)
        #expect(profile.kinds == [.cli])
        #expect(profile.evidence == ["a command-line tool: a Go main package (exporter.go); binaries released with .promu.yml"])
        // Dashboards the team keeps for itself still say it is operated.
        let operated = shipped + [Self.finding("hasSLODefinitions", at: ["monitoring/slo.yaml"])]
        #expect(ProjectKindInference.infer(project, detections: [], findings: operated).evidence.first == "a deployed service: it is operated: SLO definitions")
    }

    @Test func aWebsiteBesideABinaryReleaseIsNotAService() {
        var files = ["cmd/tool/main.go": "package main\n", ".goreleaser.yml": "builds: []\n", "netlify.toml": "[build]\n"]
        let (entries, read) = Self.tree(files)
        #expect(ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: [], findings: []).kinds == [.cli])
        // Without the release, the site is what the repository deploys.
        files[".goreleaser.yml"] = nil
        let (site, readSite) = Self.tree(files)
        #expect(ProjectKindInference.infer(ProjectTree(tree: site, read: readSite), detections: [], findings: []).kinds == [.service])
    }

    @Test func aNetlifySiteBuiltFromTheWebsiteFolderIsTheProjectsSite() {
        let files = ["main.go": "package main\n", "netlify.toml": "[build]\nbase = \"site/\"\npublish = \"site/public/\"\n"]
        let (entries, read) = Self.tree(files)
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.serviceDescriptor == nil)
        #expect(ProjectKindInference.infer(project, detections: [], findings: []).kinds == [.cli])
        // A site built from the root is the repository's own deployment.
        let (app, readApp) = Self.tree(["package.json": "{}", "index.js": "", "netlify.toml": "[build]\npublish = \"dist\"\n"])
        #expect(ProjectTree(tree: app, read: readApp).serviceDescriptor == "netlify.toml")
    }

    @Test func aContainerWithInstrumentationAndNoBinaryReleaseIsAService() {
        let (entries, read) = Self.tree(["go.mod": "module x\n", "server.go": "package server\n", "Dockerfile": "FROM scratch\n"])
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.commandReasons.isEmpty)
        let findings = [Self.finding("hasContainerBuild", at: ["Dockerfile"]), Self.finding("hasHealthChecks", at: ["server.go"])]
        #expect(ProjectKindInference.infer(project, detections: [], findings: findings).kinds == [.service])
    }

    /// A database's repository: a development cluster's `Procfile` (goreman), sample manifests under `hack/`,
    /// health checks only in its tests, and its commands in top folders of their own.
    @Test func aDevelopmentClusterAndSampleDeploymentsDoNotMakeAService() {
        let files = [
            "go.mod": "module example.com/db\n", "Procfile": "# goreman\ndb1: bin/db --name one\ndb2: bin/db --name two\n",
            "dbctl/main.go": "package main\n", "server/db.go": "package server\n", "Dockerfile": "FROM scratch\n",
            "hack/kubernetes-deploy/db.yml": "kind: Deployment\n", "gen/main.go": "package main\n",
        ]
        let (entries, read) = Self.tree(files)
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.serviceDescriptor == nil)
        #expect(project.commandReasons == ["a Go main package (dbctl/main.go)"])
        let findings = [
            Self.finding("hasContainerBuild", at: ["Dockerfile"]), Self.finding("hasHealthChecks", at: ["tests/cluster/db.yaml"]),
            Self.finding("hasGitOps", at: ["charts/db/test/integration/flux.yaml"]),
        ]
        let detections = [Detection(entry: "kubernetes-manifests", tool: "Kubernetes manifests", kind: nil, feeds: [], path: "hack/kubernetes-deploy/db.yml", line: nil, artefact: "hack/kubernetes-deploy/", ecosystem: nil, dependency: nil)]
        #expect(ProjectKindInference.infer(project, detections: detections, findings: findings).kinds == [.cli])
        // GitOps definitions of its own clusters make it a service.
        let reconciled = Array(findings.dropLast()) + [Self.finding("hasGitOps", at: ["charts/db/test/integration/flux.yaml", "clusters/production/db.yaml"])]
        #expect(ProjectKindInference.infer(project, detections: detections, findings: reconciled).evidence.first == "a deployed service: GitOps definitions reconcile it")
        // A Procfile that declares a web process is a platform's.
        var heroku = files
        heroku["Procfile"] = "web: bin/db serve\n"
        let (herokuEntries, herokuRead) = Self.tree(heroku)
        #expect(ProjectTree(tree: herokuEntries, read: herokuRead).serviceDescriptor == "Procfile")
    }

    /// Terraform's standard module layout is a module others call; the same files with a state backend, a
    /// lock file or Terragrunt, or beside configurations of other folders, are infrastructure the team applies.
    @Test func aTerraformModuleIsReusableInfrastructureNotAppliedInfrastructure() {
        let module = [
            "main.tf": "resource \"aws_vpc\" \"this\" {\n  cidr_block = var.cidr\n}\n",
            "variables.tf": "variable \"cidr\" {\n  type = string\n}\n", "outputs.tf": "output \"id\" {\n  value = aws_vpc.this.id\n}\n",
            "versions.tf": "terraform {\n  required_version = \">= 1.0\"\n}\n",
            "examples/complete/main.tf": "module \"vpc\" {\n  source = \"../../\"\n}\n", "modules/endpoints/main.tf": "",
        ]
        func profile(_ files: [String: String], extra: [Detection] = []) -> ProjectProfile {
            let (entries, read) = Self.tree(files)
            let detections = files.keys.sorted().filter { $0.hasSuffix(".tf") }.map(Self.terraform) + extra
            return ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: detections, findings: [])
        }
        #expect(profile(module).kinds == [.module])
        #expect(profile(module).evidence.first?.hasPrefix("a reusable infrastructure module: Terraform inputs at the root, examples calling it") == true)
        var backend = module
        backend["versions.tf"] = "terraform {\n  backend \"s3\" {}\n}\n"
        var cloud = module
        cloud["versions.tf"] = "terraform {\n  cloud {\n    organization = \"x\"\n  }\n}\n"
        var locked = module
        locked[".terraform.lock.hcl"] = "provider \"registry.terraform.io/hashicorp/aws\" {}\n"
        var noInputs = module
        noInputs["variables.tf"] = "locals {\n  cidr = \"10.0.0.0/16\"\n}\n"
        for applied in [backend, cloud, locked, noInputs] {
            #expect(profile(applied).kinds == [.infrastructure])
        }
        // A configuration of its own beside the module (an environment's folder) is applied by the team.
        #expect(profile(module, extra: [Self.terraform("environments/production/main.tf")]).kinds == [.infrastructure])
    }

    static func terraform(_ path: String) -> Detection {
        detection("terraform", tool: "Terraform", at: path)
    }

    static func detection(_ entry: String, tool: String, at path: String) -> Detection {
        Detection(entry: entry, tool: tool, kind: nil, feeds: [], path: path, line: nil, artefact: path,
                  ecosystem: nil, dependency: nil)
    }

    /// Terraform modules side by side in top folders (cds-snc/terraform-modules' layout: `S3/`, `rds/` …, each
    /// with inputs and outputs, some without examples) are a collection others call: the alarms its modules
    /// define are its users', and a small configuration of its own beside them (applied by its pipeline)
    /// does not make it infrastructure the team operates.
    @Test func terraformModulesSideBySideAreACollection() {
        var files: [String: String] = [
            "terraform/provider.tf": "terraform {\n  backend \"s3\" {}\n}\n", "terraform/iam.tf": "resource \"aws_iam_role\" \"ci\" {}\n",
        ]
        for module in ["S3", "rds", "sns", "alarm"] {
            files["\(module)/input.tf"] = "variable \"name\" {\n  type = string\n}\n"
            files["\(module)/main.tf"] = "resource \"aws_sns_topic\" \"this\" {}\n"
            files["\(module)/output.tf"] = module == "sns" ? "" : "output \"arn\" {\n  value = 1\n}\n"
        }
        let (entries, read) = Self.tree(files)
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.terraformModuleFolders == ["S3", "alarm", "rds", "sns"])
        let detections = files.keys.sorted().filter { $0.hasSuffix(".tf") }.map(Self.terraform)
        let alarm = Finding(probe: "hasAlertRules", outcome: .yes, message: "alert rules", locations: [Finding.Location(path: "alarm/main.tf")])
        let apply = Finding(probe: "ciDeploys", outcome: .yes, message: "deploys", values: ["jobs": .list(["ci.yml: apply"])])
        let applyJobs = Finding(probe: "ciChecksInfrastructureCode", outcome: .yes, message: "checks",
                                values: ["applyJobs": .list(["ci.yml: apply"])])
        let profile = ProjectKindInference.infer(project, detections: detections, findings: [alarm, apply, applyJobs])
        #expect(profile.kinds == [.module])
        #expect(profile.evidence.first == "a reusable infrastructure module: 4 Terraform modules in folders of their own (S3/, alarm/, rds/ …)")
        #expect(profile.isShipped("alarm/main.tf"))
        #expect(!profile.isShipped("terraform/iam.tf"))
        // Values for the inputs beside them (`*.tfvars`) make folders configurations that are applied.
        var environments = files
        for module in ["S3", "rds", "sns", "alarm"] { environments["\(module)/terraform.tfvars"] = "name = \"x\"\n" }
        let (applied, readApplied) = Self.tree(environments)
        #expect(ProjectTree(tree: applied, read: readApplied).terraformModuleFolders.isEmpty)
    }

    /// A configuration-management module kept as a repository of its own (an Ansible role or collection, a
    /// Puppet module, a Chef cookbook) is a module others install; its Molecule playbooks are its tests.
    @Test func anAnsibleRoleOrAPuppetModuleIsReusableInfrastructure() {
        let role = [
            "meta/main.yml": "---\ngalaxy_info:\n  role_name: nginx\n", "tasks/main.yml": "---\n- name: x\n",
            "defaults/main.yml": "---\n", "molecule/default/converge.yml": "- hosts: all\n  roles: [nginx]\n",
        ]
        func profile(_ files: [String: String], _ detections: [Detection]) -> ProjectProfile {
            let (entries, read) = Self.tree(files)
            return ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: detections, findings: [])
        }
        let roleDetections = [Self.detection("ansible-role", tool: "Ansible", at: "tasks/main.yml"),
                              Self.detection("ansible-playbook", tool: "Ansible", at: "molecule/default/converge.yml")]
        #expect(profile(role, roleDetections).kinds == [.module])
        #expect(profile(role, roleDetections).evidence.first
                == "a reusable infrastructure module: an Ansible role at the root (meta/main.yml with galaxy_info, tasks/main.yml)")
        // Tasks without Galaxy's metadata are a playbook's, applied by the team.
        var playbook = role
        playbook["meta/main.yml"] = "---\ndependencies: []\n"
        #expect(profile(playbook, roleDetections).kinds == [.infrastructure])
        // A role beside Terraform the team applies is not a module either.
        #expect(profile(role, roleDetections + [Self.terraform("infra/main.tf")]).kinds == [.infrastructure])

        let (collectionEntries, collectionRead) = Self.tree(["galaxy.yml": "namespace: community\nname: docker\n",
                                                             "plugins/modules/container.py": "", "roles/x/tasks/main.yml": ""])
        #expect(ProjectTree(tree: collectionEntries, read: collectionRead).infrastructureModule?.tool == .ansible)
        let (puppetEntries, puppetRead) = Self.tree(["metadata.json": "{}", "manifests/init.pp": "class nginx {}\n"])
        #expect(ProjectTree(tree: puppetEntries, read: puppetRead).infrastructureModule?.tool == .puppet)
        let (chefEntries, chefRead) = Self.tree(["metadata.rb": "name 'web'\n", "recipes/default.rb": ""])
        #expect(ProjectTree(tree: chefEntries, read: chefRead).infrastructureModule?.tool == .chef)
        let (galaxyEntries, galaxyRead) = Self.tree(["galaxy.yml": "title: a galaxy of stars\n"])
        #expect(ProjectTree(tree: galaxyEntries, read: galaxyRead).infrastructureModule == nil)
    }

    /// A manifest that says it is never published (npm's `private`, Composer's `project`, Cargo's
    /// `publish = false`) describes an application, not a library; a workspace's private root beside
    /// published packages does not hide them.
    @Test func anUnpublishedManifestIsAnApplicationsNotALibrarys() {
        func kinds(_ files: [String: String]) -> [ProjectKind] {
            let (entries, read) = Self.tree(files)
            return ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: [], findings: []).kinds
        }
        #expect(kinds(["package.json": "{\"name\": \"web\", \"private\": true}", "src/app.js": ""]) == [.application])
        #expect(kinds(["package.json": "{\"name\": \"lib\", \"private\": false}", "src/app.js": ""]) == [.library])
        #expect(kinds(["composer.json": "{\"type\": \"project\"}", "app/Kernel.php": ""]) == [.application])
        #expect(kinds(["composer.json": "{\"type\": \"library\"}", "src/Lib.php": ""]) == [.library])
        #expect(kinds(["Cargo.toml": "[package]\nname = \"x\"\npublish = false\n", "src/lib.rs": ""]) == [.application])
        #expect(kinds(["package.json": "{\"private\": true, \"workspaces\": [\"packages/*\"]}",
                       "packages/a/package.json": "{\"name\": \"a\"}", "packages/a/index.js": ""]) == [.library])
        let (entries, read) = Self.tree(["package.json": "{\"private\": true}", "src/app.js": ""])
        #expect(ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: [], findings: []).evidence
                == ["an application: package.json says it is not published as a package, and no deployment was found"])
    }

    @Test func packageMainIsTheFirstPackageClause() {
        #expect(ProjectTree.declaresPackageMain("// +build linux\n\npackage main // import \"x\"\n"))
        #expect(ProjectTree.declaresPackageMain("\tpackage main\r\n"))
        #expect(!ProjectTree.declaresPackageMain("package main_test\n"))
        #expect(!ProjectTree.declaresPackageMain("package mainly\n"))
        #expect(!ProjectTree.declaresPackageMain("package collector\n\n// package main\n"))
        #expect(!ProjectTree.declaresPackageMain(""))
        // A doc comment's example program (logrus's doc.go) is not the file's package clause.
        #expect(!ProjectTree.declaresPackageMain("/*\nPackage logrus is a logger.\n\n\tpackage main\n\n\tfunc main() {}\n*/\npackage logrus\n"))
        #expect(ProjectTree.declaresPackageMain("/* Copyright */\npackage main\n"))
    }

    static func finding(_ probe: String, at paths: [String]) -> Finding {
        Finding(probe: probe, outcome: .yes, message: probe, locations: paths.map { Finding.Location(path: $0) })
    }
}
