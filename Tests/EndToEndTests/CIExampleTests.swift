import Foundation
import Testing
import FixtureKit
import YAMLReader

/// The worked CI examples in docs/ci/ are real: they parse, wire cdscan's outputs to the steps that
/// publish them, and every `cdscan` command line in them runs with cdscan's real flags on a fixture.
@Suite struct CIExampleTests {
    /// One `cdscan …` command line from a `run:` or `script:` entry, cut at the first shell operator.
    struct Invocation: CustomStringConvertible {
        let arguments: [String]
        var description: String { (["cdscan"] + arguments).joined(separator: " ") }

        /// Files the command writes with `--output FORMAT=PATH`.
        var outputFiles: [String] {
            zip(arguments, arguments.dropFirst()).compactMap { option, value in
                option == "--output" ? String(value.split(separator: "=", maxSplits: 1).last ?? "") : nil
            }
        }
    }

    static func load(_ name: String) throws -> YAMLNode {
        let text = try String(contentsOf: ProjectFiles.url("docs/ci/\(name)"), encoding: .utf8)
        return try #require(try YAMLParser.parse(text, file: name))
    }

    /// Every scalar under `key` anywhere in the document (a `run:` string, a `script:` list).
    static func scripts(in node: YAMLNode, key: String) -> [String] {
        var found: [String] = []
        if let pairs = node.pairs {
            for pair in pairs {
                if pair.key.string == key {
                    if let text = pair.value.string { found.append(text) }
                    found += (pair.value.items ?? []).compactMap(\.string)
                } else {
                    found += scripts(in: pair.value, key: key)
                }
            }
        }
        for item in node.items ?? [] { found += scripts(in: item, key: key) }
        return found
    }

    /// The command lines of some shell text that start with `cdscan`: words split on blanks, quotes removed,
    /// up to `>`, `|`, `;` or `&&`.
    static func invocations(_ scripts: [String]) -> [Invocation] {
        scripts.flatMap { $0.split(separator: "\n") }.compactMap { line -> Invocation? in
            let words = line.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            guard words.first == "cdscan" else { return nil }  // a command, not `--product cdscan`
            let rest = words.dropFirst().prefix { !([">", ">>", "|", ";", "&&", "||"].contains($0)) }
            return Invocation(arguments: Array(rest))
        }
    }

    /// Runs an example's command line on a fixture, in a scratch directory, as the CI job would.
    func runOnFixture(_ invocation: Invocation) throws -> (CDScanBinary.Run, URL) {
        let repository = try Fixtures.path("service")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let arguments = invocation.arguments.map { $0 == "." ? repository.path : $0 }
        return (try CDScanBinary.run(arguments, in: work), work)
    }

    @Test func theGitHubActionsExampleScansUploadsAndSummarises() throws {
        let workflow = try Self.load("github-actions.yml")
        #expect(workflow["permissions"]?["security-events"]?.string == "write")
        let steps = try #require(workflow["jobs"]?["cdscan"]?["steps"]?.items)
        let checkout = try #require(steps.first { $0["uses"]?.string?.hasPrefix("actions/checkout@") == true })
        #expect(checkout["with"]?["fetch-depth"]?.int == 0, "the history walk needs the whole history")
        let invocations = Self.invocations(Self.scripts(in: workflow, key: "run"))
        #expect(invocations.count == 1)
        let scan = try #require(invocations.first)
        #expect(Self.scripts(in: workflow, key: "run").contains { $0.contains(">> \"$GITHUB_STEP_SUMMARY\"") })
        let upload = try #require(steps.first { $0["uses"]?.string?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        let sarif = try #require(upload["with"]?["sarif_file"]?.string)
        #expect(scan.outputFiles.contains(sarif))
        let artefact = try #require(steps.first { $0["uses"]?.string?.hasPrefix("actions/upload-artifact@") == true })
        #expect(scan.outputFiles.contains(try #require(artefact["with"]?["path"]?.string)))

        let (run, work) = try runOnFixture(scan)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(run.status == 0, "\(scan): \(run.stderr)")
        #expect(run.stdout.hasPrefix("### CD maturity:"), "the job summary gets the Markdown report")
        for file in scan.outputFiles {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(file).path), "\(file) is written")
        }
    }

    @Test func theGitLabExampleFeedsTheCodeQualityWidgetAndKeepsTheReports() throws {
        let pipeline = try Self.load("gitlab-ci.yml")
        let job = try #require(pipeline["cdscan"])
        #expect(job["variables"]?["GIT_DEPTH"]?.string == "0")
        let invocations = Self.invocations(Self.scripts(in: job, key: "script"))
        #expect(invocations.count == 1)
        let scan = try #require(invocations.first)
        let artefacts = try #require(job["artifacts"])
        #expect(artefacts["when"]?.string == "always")
        let kept = Set(artefacts["paths"]?.stringList ?? [])
        let codeQuality = try #require(artefacts["reports"]?["codequality"]?.string)
        #expect(Set(scan.outputFiles) == kept.union([codeQuality]), "every report written is kept")

        let (run, work) = try runOnFixture(scan)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(run.status == 0, "\(scan): \(run.stderr)")
        for file in scan.outputFiles {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(file).path), "\(file) is written")
        }
    }

    @Test func theExamplesPolicyFailsTheJobBelowIt() throws {
        // The hobby fixture is at level 1: the examples' `--fail-under 2` makes the job fail with exit 1.
        let scan = try #require(Self.invocations(Self.scripts(in: try Self.load("github-actions.yml"), key: "run")).first)
        let hobby = try Fixtures.path("hobby")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try CDScanBinary.run(scan.arguments.map { $0 == "." ? hobby.path : $0 }, in: work)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("below policy"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("cdscan.sarif").path), "reports are written before the policy fails")
    }
}
