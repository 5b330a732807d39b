import Foundation
import Testing
import FixtureKit
import YAMLReader

/// The GitHub Action's `run:` steps and the GitLab component's script really run, in order, with bash on
/// fixture repositories: they install the release archive (CDSCAN_ARCHIVE, or one made from the built
/// binary) from a file:// URL after checking its SHA-256, warn of shallow clones, scan, publish the
/// reports the upload steps name, and end with the policy's exit code. CIRunner plays the runners.
@Suite struct CIStepTests {
    static func scratch(_ label: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A clone of a fixture, whole or of depth 1, as a CI checkout would make it.
    static func clone(_ fixture: String, into directory: URL, shallow: Bool = false) throws -> URL {
        let source = try Fixtures.path(fixture)
        let target = directory.appendingPathComponent(fixture + (shallow ? "-shallow" : ""))
        try Shell.check(["git", "clone", "--quiet"] + (shallow ? ["--depth", "1"] : [])
                        + ["file://\(source.path)", target.path])
        return target
    }

    /// The levels of a JSON report as the action's outputs give them: a number, or empty for none.
    static func levels(ofReport path: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let assessment = try #require(report["assessment"] as? [String: Any])
        let dimensions = try #require(assessment["dimensions"] as? [String: [String: Any]])
        func text(_ level: Any?) -> String { (level as? Int).map(String.init) ?? "" }
        return ["level": text(assessment["level"]), "people": text(dimensions["people"]?["level"]),
                "process": text(dimensions["process"]?["level"]), "tech": text(dimensions["tech"]?["level"])]
    }

    // MARK: The GitHub Action

    @Test func theActionInstallsScansAndPublishesTheReports() throws {
        let archive = try ReleaseArchive.get()
        let action = try CIRunner.loadAction()
        let runner = try CIRunner.Runner(workspace: try Fixtures.path("service"))
        defer { runner.remove() }
        let inputs = ["archive-url": archive.fileURL, "fail-under": "2", "fail-under-dimension": "tech=2"]
        let run = try CIRunner.runAction(action, inputs: inputs, on: runner)

        for step in run.steps {
            #expect(step.status == 0, "\(step.name): \(step.log)")
            #expect(!step.log.contains("::warning::"), "\(step.name): \(step.log)")
        }
        #expect(run.exitStatus == 0)
        let install = try #require(run.step("install"))
        #expect(install.outputs["downloaded"] == "true")
        #expect(install.stdout.contains("Downloading \(archive.fileURL)"))
        let directory = try #require(run.step("resolve")?.outputs["dir"])
        #expect(directory.hasPrefix(runner.toolCache.path + "/cdscan/"))
        #expect(run.addedPath == [directory + "/bin"], "cdscan is on PATH for the job's later steps")
        #expect(FileManager.default.isExecutableFile(atPath: directory + "/bin/cdscan"))

        // The summary is the Markdown report; the outputs are the JSON report's levels.
        #expect(run.summary.hasPrefix("### CD maturity:"), "\(run.summary.prefix(200))")
        let json = try #require(run.outputs["report-json"])
        #expect(json == runner.temp.path + "/cdscan/cdscan.json")
        let levels = try Self.levels(ofReport: json)
        #expect(levels["level"] == "3", "the service fixture is at level 3")
        for (name, value) in levels {
            #expect(run.outputs[name] == value, "output \(name)")
        }
        #expect(run.outputs["exit-code"] == "0")

        // The steps the runner would run with `uses:` get the files the scan wrote.
        let restore = try #require(run.uses("actions/cache/restore@"))
        let save = try #require(run.uses("actions/cache/save@"))
        #expect(restore.with["path"] == directory && save.with["path"] == directory)
        #expect(restore.with["key"] == save.with["key"])
        #expect(restore.with["key"]?.hasPrefix("cdscan-\(archive.version)-Linux-X64-") == true)
        #expect(save.wouldRun, "a fresh download is cached")
        let sarif = try #require(run.uses("github/codeql-action/upload-sarif@"))
        #expect(sarif.wouldRun)
        #expect(sarif.with["category"] == "cdscan")
        let sarifText = try String(contentsOfFile: try #require(sarif.with["sarif_file"]), encoding: .utf8)
        #expect(sarifText.contains("\"version\" : \"2.1.0\""))
        let artefact = try #require(run.uses("actions/upload-artifact@"))
        #expect(artefact.wouldRun)
        #expect(artefact.with["name"] == "cdscan-report")
        let kept = (artefact.with["path"] ?? "").split(separator: "\n").map(String.init)
        #expect(kept.count == 3 && kept.contains(json))
        for file in kept { #expect(FileManager.default.fileExists(atPath: file), "\(file) is written") }

        // The next job on a runner that kept its tool cache (or restored it) downloads nothing.
        let again = try CIRunner.runAction(action, inputs: inputs, on: runner, through: "install")
        #expect(again.step("install")?.status == 0, "\(again.step("install")?.log ?? "")")
        #expect(again.step("install")?.outputs["downloaded"] == "false")
        #expect(again.step("install")?.stdout.contains("Downloading") == false)
    }

    @Test func thePolicyFailsTheJobAfterTheReportsArePublished() throws {
        // The hobby fixture is at level 1: `fail-under: 2` fails the job in its last step, once the reports
        // are in the summary and the upload steps have their files.
        let archive = try ReleaseArchive.get()
        let runner = try CIRunner.Runner(workspace: try Fixtures.path("hobby"))
        defer { runner.remove() }
        let run = try CIRunner.runAction(try CIRunner.loadAction(), inputs: ["archive-url": archive.fileURL, "fail-under": "2"], on: runner)
        let scan = try #require(run.step("scan"))
        #expect(scan.status == 0, "the scan step records the exit code instead of failing: \(scan.log)")
        #expect(scan.outputs["exit-code"] == "1")
        #expect(scan.stderr.contains("below policy"))
        #expect(scan.outputs["level"] == "1")
        #expect(run.summary.hasPrefix("### CD maturity:"))
        #expect(run.summary.contains("below the policy"))
        let sarif = try #require(run.uses("github/codeql-action/upload-sarif@"))
        #expect(sarif.wouldRun && FileManager.default.fileExists(atPath: sarif.with["sarif_file"] ?? ""))
        #expect(run.uses("actions/upload-artifact@")?.wouldRun == true)
        let last = try #require(run.steps.last)
        #expect(last.status == 1)
        #expect(last.stdout.contains("::error::"))
        #expect(run.exitStatus == 1)
        #expect(run.outputs["exit-code"] == "1")

        // Several dimensions, split at commas and blanks; without SARIF upload, that step is left out.
        let dimensions = try CIRunner.runAction(
            try CIRunner.loadAction(),
            inputs: ["archive-url": archive.fileURL, "fail-under-dimension": "tech=5, people=5", "upload-sarif": "false"], on: runner)
        let lines = dimensions.step("scan")?.stderr.split(separator: "\n").filter { $0.contains("below policy") } ?? []
        #expect(lines.count == 2 && lines.contains { $0.contains("Tech") } && lines.contains { $0.contains("People") }, "\(lines)")
        #expect(dimensions.uses("github/codeql-action/upload-sarif@")?.wouldRun == false)
        #expect(dimensions.exitStatus == 1)

        // `args` reach cdscan; a usage error ends the job with 64 and says so in the summary.
        let usage = try CIRunner.runAction(try CIRunner.loadAction(), inputs: ["archive-url": archive.fileURL, "args": "--sarif-scope all --no-such-option"], on: runner)
        #expect(usage.step("scan")?.outputs["exit-code"] == "64")
        #expect(usage.step("scan")?.stderr.contains("unknown option '--no-such-option'") == true)
        #expect(usage.uses("actions/upload-artifact@")?.wouldRun == false, "no report, nothing to keep")
        #expect(usage.steps.last?.status == 64)
        #expect(usage.summary.contains("could not scan the repository** (exit 64"))
    }

    @Test func aChecksumThatDoesNotMatchStopsTheInstall() throws {
        let archive = try ReleaseArchive.get()
        let action = try CIRunner.loadAction()
        let runner = try CIRunner.Runner(workspace: try Fixtures.path("service"))
        defer { runner.remove() }

        // A pinned checksum that is not the archive's.
        let pinned = try CIRunner.runAction(action, inputs: ["archive-url": archive.fileURL, "sha256": String(repeating: "0", count: 64)], on: runner)
        let install = try #require(pinned.step("install"))
        #expect(install.status == 1)
        #expect(install.stdout.contains("::error::") && install.stdout.contains("does not match its SHA-256"), "\(install.log)")
        #expect(pinned.step("scan")?.status == nil, "nothing is scanned")
        #expect(pinned.uses("github/codeql-action/upload-sarif@")?.wouldRun == false)
        #expect(pinned.steps.last?.status == nil)
        #expect(pinned.exitStatus == 1)
        let directory = try #require(pinned.step("resolve")?.outputs["dir"])
        #expect(!FileManager.default.fileExists(atPath: directory), "nothing is installed")

        // A .sha256 beside the archive that is not the archive's.
        let elsewhere = try Self.scratch("tampered")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let copy = elsewhere.appendingPathComponent(archive.url.lastPathComponent)
        try FileManager.default.copyItem(at: archive.url, to: copy)
        try Data("\(String(repeating: "ab", count: 32))  \(copy.lastPathComponent)\n".utf8).write(to: URL(fileURLWithPath: copy.path + ".sha256"))
        let tampered = try CIRunner.runAction(action, inputs: ["archive-url": copy.absoluteString], on: runner, through: "install")
        #expect(tampered.step("install")?.status == 1)
        #expect(tampered.step("install")?.stdout.contains("does not match its SHA-256 abab") == true)

        // The right pinned checksum installs without reading the .sha256 file.
        let right = try CIRunner.runAction(action, inputs: ["archive-url": copy.absoluteString, "sha256": archive.sha256.uppercased()],
                                           on: runner, through: "install")
        #expect(right.step("install")?.status == 0, "\(right.step("install")?.log ?? "")")
    }

    @Test func theDefaultArchiveIsTheReleaseAssetOfTheActionsRepository() throws {
        // A curl that records what it was asked for and fails as on a 404.
        let bin = try Self.scratch("fake-curl")
        defer { try? FileManager.default.removeItem(at: bin) }
        let log = bin.appendingPathComponent("requests")
        let curl = bin.appendingPathComponent("curl")
        try Data("#!/bin/sh\nfor last; do :; done\necho \"$last\" >> '\(log.path)'\nexit 22\n".utf8).write(to: curl)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: curl.path)
        let version = try ReleaseArchive.get().version
        let action = try CIRunner.loadAction()
        for (repository, expected) in [("someone/cdscan-fork", "someone/cdscan-fork"), ("", "cdscan/cdscan")] {
            var runner = try CIRunner.Runner(workspace: try Fixtures.path("service"))
            defer { runner.remove() }
            runner.actionRepository = repository
            runner.extraPath = [bin.path]
            try? FileManager.default.removeItem(at: log)
            let run = try CIRunner.runAction(action, inputs: [:], on: runner, through: "install")
            #expect(run.step("install")?.status == 1)
            #expect(run.step("install")?.stdout.contains("::error::could not download the cdscan archive") == true)
            let requested = try String(contentsOf: log, encoding: .utf8)
            #expect(requested == "https://github.com/\(expected)/releases/download/v\(version)/cdscan-\(version)-linux-x86_64.tar.gz\n")
        }
    }

    @Test func otherRunnersAreRefused() throws {
        for (os, arch) in [("macOS", "ARM64"), ("Windows", "X64"), ("Linux", "ARM64")] {
            var runner = try CIRunner.Runner(workspace: try Fixtures.path("service"))
            defer { runner.remove() }
            runner.os = os
            runner.arch = arch
            let run = try CIRunner.runAction(try CIRunner.loadAction(), inputs: [:], on: runner, through: "resolve")
            let resolve = try #require(run.step("resolve"))
            #expect(resolve.status == 1)
            #expect(resolve.stdout.contains("::error::cdscan's release archive runs on Linux x86_64 runners only; this one is \(os) \(arch)"))
        }
    }

    @Test func aShallowCheckoutIsWarnedAbout() throws {
        let directory = try Self.scratch("checkouts")
        defer { try? FileManager.default.removeItem(at: directory) }
        let action = try CIRunner.loadAction()
        for shallow in [true, false] {
            let runner = try CIRunner.Runner(workspace: try Self.clone("service", into: directory, shallow: shallow))
            defer { runner.remove() }
            let step = try #require(try CIRunner.runAction(action, inputs: [:], on: runner, only: "history").step("history"))
            #expect(step.status == 0)
            if shallow {
                #expect(step.stdout.hasPrefix("::warning::The checkout is shallow: cdscan's history walk sees only 1 commit(s),"), "\(step.log)")
                #expect(step.stdout.contains("Set fetch-depth: 0 on actions/checkout."))
            } else {
                #expect(step.log.isEmpty, "\(step.log)")
            }
        }
    }

    // MARK: The GitLab component

    @Test func theComponentInstallsScansAndKeepsTheReports() throws {
        let archive = try ReleaseArchive.get()
        let directory = try Self.scratch("gitlab")
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = try Self.clone("service", into: directory)
        let run = try CIRunner.runComponentJob(
            inputs: ["archive-url": archive.fileURL, "fail-under": "2", "fail-under-dimension": "tech=2"], projectDirectory: project)
        #expect(run.status == 0, "\(run.log)")
        #expect(run.stdout.contains("Downloading \(archive.fileURL)"))
        #expect(run.stdout.contains("Best fit: L3 Continuous Flow"), "the job log shows the text report")
        #expect(!run.log.contains("warning"), "\(run.log)")

        let job = try #require(try CIRunner.loadComponent().pipeline["cdscan"])
        let codeQuality = try #require(job["artifacts"]?["reports"]?["codequality"]?.string)
        let issues = try JSONSerialization.jsonObject(with: try Data(contentsOf: project.appendingPathComponent(codeQuality)))
        #expect((issues as? [Any])?.isEmpty == false, "the Code Quality widget gets the SARIF results")
        let kept = try #require(job["artifacts"]?["paths"]?.stringList.first)
        let written = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent(kept).path).sorted()
        #expect(written == ["cdscan.json", "cdscan.md", "cdscan.sarif", "gl-code-quality-report.json"])
        let levels = try Self.levels(ofReport: project.appendingPathComponent(kept).appendingPathComponent("cdscan.json").path)
        #expect(levels["level"] == "3")
    }

    @Test func theComponentFailsBelowThePolicyWithTheReportsKept() throws {
        let archive = try ReleaseArchive.get()
        let directory = try Self.scratch("gitlab")
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = try Self.clone("hobby", into: directory)
        let run = try CIRunner.runComponentJob(inputs: ["archive-url": archive.fileURL, "fail-under": "2"], projectDirectory: project)
        #expect(run.status == 1, "\(run.log)")
        #expect(run.stderr.contains("below policy"))
        #expect(run.stderr.contains("cdscan: below the policy or worse than the baseline (exit 1"))
        let job = try #require(try CIRunner.loadComponent().pipeline["cdscan"])
        let codeQuality = try #require(job["artifacts"]?["reports"]?["codequality"]?.string)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(codeQuality).path), "artifacts: when: always has it")
    }

    @Test func theComponentChecksTheArchiveAndWarnsOfAShallowClone() throws {
        let archive = try ReleaseArchive.get()
        let directory = try Self.scratch("gitlab")
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = try Self.clone("service", into: directory)
        let wrong = try CIRunner.runComponentJob(
            inputs: ["archive-url": archive.fileURL, "sha256": String(repeating: "0", count: 64)], projectDirectory: project)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("does not match its SHA-256"), "\(wrong.log)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("cdscan-report").path), "nothing is scanned")

        let shallow = try Self.clone("service", into: directory, shallow: true)
        for (checkout, warned) in [(shallow, true), (project, false)] {
            let run = try CIRunner.runComponentJob(inputs: [:], projectDirectory: checkout) { $0.contains("--is-shallow-repository") }
            #expect(run.status == 0)
            #expect(run.stderr.contains("cdscan: warning: the clone is shallow: the history walk sees only 1 commit(s)") == warned, "\(run.log)")
        }
    }
}
