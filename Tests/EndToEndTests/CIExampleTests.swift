import Foundation
import Testing
import YAMLReader

/// The CI integration's definitions hold together: the GitHub Action (`action.yml`) and the GitLab
/// component (`templates/gitlab-ci.yml`) declare and document their inputs, pass them to shell only through
/// the environment, keep every report; the worked examples in docs/ci/ set only inputs these declare; the
/// README documents every input; the release workflow publishes what the action downloads.
/// CIStepTests runs the action's and the component's scripts.
@Suite struct CIExampleTests {
    static let actionInputs = ["version", "archive-url", "sha256", "path", "fail-under", "fail-under-dimension",
                               "baseline", "upload-sarif", "sarif-category", "artifact-name", "args"]
    static let actionOutputs = ["level", "people", "process", "tech", "report-json", "exit-code"]
    static let componentInputs = ["stage", "version", "archive-url", "sha256", "path", "fail-under",
                                  "fail-under-dimension", "baseline", "args", "image"]

    static func load(_ path: String) throws -> YAMLNode {
        let text = try String(contentsOf: ProjectFiles.url(path), encoding: .utf8)
        return try #require(try YAMLParser.parse(text, file: path))
    }

    /// Every scalar of a node, keys and values, at any depth.
    static func scalars(_ node: YAMLNode) -> [String] {
        if let text = node.scalar { return [text] }
        return (node.pairs ?? []).flatMap { scalars($0.key) + scalars($0.value) } + (node.items ?? []).flatMap(scalars)
    }

    @Test func theActionDeclaresAndDocumentsItsInputsAndOutputs() throws {
        let action = try CIRunner.loadAction()
        #expect(action["runs"]?["using"]?.string == "composite")
        #expect(action["inputs"]?.keys == Self.actionInputs)
        for name in Self.actionInputs {
            let input = try #require(action["inputs"]?[name])
            #expect(input["description"]?.string?.isEmpty == false, "input \(name) has a description")
            #expect(input["default"]?.scalar != nil, "input \(name) has a default")
        }
        let defaults = Dictionary(uniqueKeysWithValues: Self.actionInputs.map { ($0, action["inputs"]?[$0]?["default"]?.scalar ?? "") })
        #expect(defaults["version"] == (try CDScanBinary.version()), "the action installs the release it belongs to")
        #expect(defaults["path"] == ".")
        #expect(defaults["upload-sarif"] == "true")
        #expect(defaults["sarif-category"] == "cdscan")
        #expect(defaults["artifact-name"] == "cdscan-report")
        #expect(action["outputs"]?.keys == Self.actionOutputs)
        for name in Self.actionOutputs {
            let output = try #require(action["outputs"]?[name])
            #expect(output["description"]?.string?.isEmpty == false, "output \(name) has a description")
            #expect(output["value"]?.string == "${{ steps.scan.outputs.\(name) }}")
        }
        // Every input is used somewhere.
        let text = Self.scalars(try #require(action["runs"])).joined(separator: "\n")
        for name in Self.actionInputs {
            #expect(text.contains("inputs.\(name) }}") || text.contains("inputs.\(name) "), "input \(name) is used")
        }
    }

    @Test func theActionsScriptsReadInputsOnlyThroughTheEnvironment() throws {
        let steps = try #require(try CIRunner.loadAction()["runs"]?["steps"]?.items)
        let scripts = steps.filter { $0["run"] != nil }
        #expect(scripts.count >= 4)
        for step in scripts {
            let name = step["name"]?.string ?? "?"
            let script = try #require(step["run"]?.string)
            #expect(step["shell"]?.string == "bash", "\(name) runs in bash")
            #expect(script.hasPrefix("set -euo pipefail\n"), "\(name) starts with set -euo pipefail")
            // Expression text spliced into a script is how workflows get script injection.
            #expect(!script.contains("${{"), "\(name): expressions belong in env:, not in the script")
        }
        for step in steps where step["uses"] != nil {
            let uses = try #require(step["uses"]?.string)
            #expect(uses.contains("@v"), "\(uses) is pinned to a major version")
        }
        let uses = steps.compactMap { $0["uses"]?.string }
        #expect(uses.contains("github/codeql-action/upload-sarif@v3"))
        #expect(uses.contains("actions/upload-artifact@v4"))
        #expect(uses.contains("actions/cache/restore@v4") && uses.contains("actions/cache/save@v4"))
        #expect(steps.last?["run"]?.string?.contains("exit") == true, "the policy fails the job in the last step")
    }

    @Test func theComponentDeclaresItsInputsAndKeepsEveryReport() throws {
        let (spec, pipeline) = try CIRunner.loadComponent()
        let inputs = try #require(spec["spec"]?["inputs"])
        #expect(inputs.keys == Self.componentInputs)
        for name in Self.componentInputs {
            #expect(inputs[name]?["description"]?.string?.isEmpty == false, "input \(name) has a description")
            #expect(inputs[name]?["default"]?.scalar != nil, "input \(name) has a default")
        }
        #expect(inputs["version"]?["default"]?.string == (try CDScanBinary.version()))
        #expect(inputs["image"]?["default"]?.string == "debian:bookworm-slim")
        #expect(inputs["stage"]?["default"]?.string == "test")

        #expect(pipeline.keys == ["cdscan"], "the component adds one job")
        let job = try #require(pipeline["cdscan"])
        #expect(job["stage"]?.string == "$[[ inputs.stage ]]")
        #expect(job["image"]?.string == "$[[ inputs.image ]]")
        let variables = try #require(job["variables"])
        #expect(variables["GIT_DEPTH"]?.string == "0", "the history walk needs the whole history")
        let text = Self.scalars(job).joined(separator: "\n")
        for name in Self.componentInputs {
            #expect(text.contains("$[[ inputs.\(name) ]]"), "input \(name) is used")
        }
        // Inputs reach the script as variables, never interpolated into its text.
        let scripts = (job["before_script"]?.stringList ?? []) + (job["script"]?.stringList ?? [])
        #expect(!scripts.isEmpty)
        for script in scripts {
            #expect(!script.contains("$[["), "inputs belong in variables:, not in the script")
            let referenced = script.matches(of: /\$\{?(CDSCAN_[A-Z0-9_]+)/).map { String($0.output.1) }
            for variable in referenced {
                #expect(variables[variable] != nil, "\(variable) is one of the job's variables")
            }
        }
        let artefacts = try #require(job["artifacts"])
        #expect(artefacts["when"]?.string == "always", "the reports are kept when the policy fails the job")
        let kept = artefacts["paths"]?.stringList ?? []
        let codeQuality = try #require(artefacts["reports"]?["codequality"]?.string)
        #expect(kept.contains { codeQuality.hasPrefix($0) }, "the Code Quality report is also kept")
        let script = scripts.joined(separator: "\n")
        for format in ["codequality", "sarif", "json", "markdown"] {
            #expect(script.contains("--output \(format)=\(kept.first ?? "?")"), "the \(format) report is written where it is kept")
        }
    }

    @Test func theGitHubExampleUsesTheAction() throws {
        let workflow = try Self.load("docs/ci/github-actions.yml")
        #expect(workflow["permissions"]?["security-events"]?.string == "write", "the SARIF upload needs it")
        let steps = try #require(workflow["jobs"]?["cdscan"]?["steps"]?.items)
        let checkout = try #require(steps.first { $0["uses"]?.string?.hasPrefix("actions/checkout@") == true })
        #expect(checkout["with"]?["fetch-depth"]?.int == 0, "the history walk needs the whole history")
        let step = try #require(steps.first { $0["uses"]?.string == "cdscan/cdscan@v1" })
        let declared = try CIRunner.loadAction()["inputs"]?.keys ?? []
        let given = step["with"]?.keys ?? []
        #expect(!given.isEmpty)
        for key in given { #expect(declared.contains(key), "with: \(key) is an input of action.yml") }
        #expect(!Self.scalars(workflow).contains { $0.contains("swift build") }, "nothing is built from source")
    }

    @Test func theGitLabExampleIncludesTheComponent() throws {
        let pipeline = try Self.load("docs/ci/gitlab-ci.yml")
        let include = try #require(pipeline["include"]?.items?.first { $0["component"] != nil })
        let address = try #require(include["component"]?.string)
        // $CI_SERVER_FQDN/<project path>/<component>@<version>: the component is templates/<component>.yml.
        let match = try #require(address.wholeMatch(of: /\$CI_SERVER_FQDN\/cdscan\/cdscan\/([a-z-]+)@(.+)/))
        #expect(FileManager.default.fileExists(atPath: ProjectFiles.url("templates/\(match.output.1).yml").path))
        #expect(String(match.output.2) == (try CDScanBinary.version()))
        let declared = try CIRunner.loadComponent().spec["spec"]?["inputs"]?.keys ?? []
        let given = include["inputs"]?.keys ?? []
        #expect(!given.isEmpty)
        for key in given { #expect(declared.contains(key), "inputs: \(key) is an input of the component") }
        #expect(pipeline["cdscan"]?["script"] == nil, "the example only narrows the component's job")
    }

    @Test func theReadmeDocumentsTheActionsInputsAndOutputs() throws {
        let readme = try String(contentsOf: ProjectFiles.url("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## In CI\n"))
        let section = readme[start.upperBound...]
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        let text = section[..<end]
        let action = try CIRunner.loadAction()
        for name in Self.actionInputs + Self.actionOutputs {
            #expect(text.contains("| `\(name)` |"), "the README's table has \(name)")
        }
        for name in Self.actionInputs {
            let fallback = action["inputs"]?[name]?["default"]?.string ?? ""
            guard !fallback.isEmpty else { continue }
            #expect(text.contains("| `\(name)` | `\(fallback)` |"), "the README gives \(name)'s default \(fallback)")
        }
        for name in Self.componentInputs { #expect(text.contains("`\(name)`"), "the README names the component's \(name)") }
        #expect(text.contains("uses: cdscan/cdscan@v1"))
        #expect(text.contains("fetch-depth: 0") && text.contains("GIT_DEPTH"))
        #expect(text.contains("component: $CI_SERVER_FQDN/cdscan/cdscan/gitlab-ci@"))
    }

    @Test func theReleaseWorkflowPackagesAndPublishesBothFiles() throws {
        let workflow = try Self.load(".github/workflows/release.yml")
        let on = try #require(workflow["on"])
        #expect(on["push"]?["tags"]?.stringList == ["v*"])
        let jobs = try #require(workflow["jobs"]?.pairs?.map(\.value))
        let scripts = jobs.flatMap { $0["steps"]?.items ?? [] }.compactMap { $0["run"]?.string }
        #expect(scripts.contains { $0.contains("scripts/package") })
        let check = try #require(scripts.first { $0.contains("Version.swift") }, "the tag is checked against the source's version")
        #expect(check.contains("$TAG") && check.contains("--version") && check.contains("sha256sum --check"))
        let publish = try #require(scripts.first { $0.contains("gh release create") })
        #expect(publish.contains("dist/*.tar.gz") && publish.contains("dist/*.sha256"), "both the archive and its checksum are assets")
        let publisher = try #require(jobs.first { ($0["steps"]?.items ?? []).contains { $0["run"]?.string == publish } })
        #expect(publisher["permissions"]?["contents"]?.string == "write")
        for job in jobs {
            #expect(job["runs-on"]?.string == "ubuntu-22.04", "the archive is built against Ubuntu 22.04's glibc")
        }
    }
}
