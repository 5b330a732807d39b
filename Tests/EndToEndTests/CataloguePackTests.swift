import Foundation
import Testing
import FixtureKit

/// Issue 17, "packs that take effect": a pack's catalogue file of every kind changes what a scan finds, an
/// entry with a built-in id replaces the built-in entry, and a broken pack catalogue is an error with its
/// location, at validation and before a scan.
@Suite struct CataloguePackTests {
    /// A pack directory holding these files (paths relative to it), removed by the caller.
    static func pack(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-pack-\(UUID().uuidString)")
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    /// The findings of a JSON scan of the fixture, by probe, with the pack (or none).
    static func findings(_ fixture: String, pack files: [String: String]? = nil) throws -> [String: [String: Any]] {
        var arguments = ["scan", try Fixtures.path(fixture).path, "--format", "json"]
        var directory: URL?
        if let files {
            directory = try pack(files)
            arguments += ["--rules", directory!.path]
        }
        defer { if let directory { try? FileManager.default.removeItem(at: directory) } }
        let run = try CDScanBinary.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        return Dictionary(findings.map { ($0["probe"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One value of one finding.
    static func value(_ findings: [String: [String: Any]], _ probe: String, _ key: String) -> Any? {
        (findings[probe]?["values"] as? [String: Any])?[key]
    }

    static func outcome(_ findings: [String: [String: Any]], _ probe: String) -> String? {
        findings[probe]?["outcome"] as? String
    }

    // MARK: - CI catalogues

    @Test func aPackSystemWithABuiltInIdReplacesIt() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/ci-systems.yml": """
            kind: ci
            systems:
              - id: github-actions
                parser: github-actions
                paths: [".github/workflows/ci.yml"]
                triggers: {push: push, pull_request: merge-request, workflow_dispatch: manual}
            """])
        #expect(Self.value(before, "hasCIConfiguration", "files") as? [String] == [".github/workflows/ci.yml", ".github/workflows/release-please.yml"])
        #expect(Self.value(after, "hasCIConfiguration", "files") as? [String] == [".github/workflows/ci.yml"])
        #expect(Self.outcome(before, "ciReleases") == "true")
        #expect(Self.outcome(after, "ciReleases") == "false")
    }

    @Test func aPackCommandExtendsAndReplacesByTool() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/ci-commands.yml": """
            kind: ci
            commands:
              - {tool: sarif upload, kind: security, match: ["github/codeql-action/upload-sarif"]}
              - {tool: trivy, kind: security, match: ["trivy-never-used"]}
            """])
        #expect(Self.value(before, "ciScansSecurity", "tools") as? [String] == ["gosec", "govulncheck", "trivy"])
        #expect(Self.value(after, "ciScansSecurity", "tools") as? [String] == ["gosec", "govulncheck", "sarif upload"])
    }

    @Test func aPackEnvironmentIsTriedBeforeTheBuiltInOnes() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/ci-environments.yml": """
            kind: ci
            environments:
              - {name: preprod, rank: 3, aliases: [staging]}
            """])
        #expect(Self.value(before, "ciDeploys", "environments") as? [String] == ["production", "staging"])
        #expect(Self.value(after, "ciDeploys", "environments") as? [String] == ["preprod", "production"])
    }

    @Test func aPackRunnerReplacesTheBuiltInOneOfItsId() throws {
        let before = try Self.findings("ci-gitlab")
        // `make` no longer runs targets: `make test` (which installs first) stops counting as a build.
        let after = try Self.findings("ci-gitlab", pack: ["catalogues/ci-runners.yml": """
            kind: ci
            runners:
              - {id: make, format: makefile, invoke: [gmake], files: [Makefile]}
            """])
        #expect(Self.value(before, "ciBuilds", "jobs") as? [String] == [".gitlab-ci.yml: build", ".gitlab-ci.yml: container", ".gitlab-ci.yml: unit-tests"])
        #expect(Self.value(after, "ciBuilds", "jobs") as? [String] == [".gitlab-ci.yml: build", ".gitlab-ci.yml: container"])
    }

    @Test func aPackJobNameListReplacesThatKindsWords() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/ci-commands.yml": """
            kind: ci
            job-names:
              package: [image, security]
            """])
        #expect(Self.value(before, "ciPackages", "jobs") as? [String] == [".github/workflows/ci.yml: image"])
        #expect(Self.value(after, "ciPackages", "jobs") as? [String] == [".github/workflows/ci.yml: image", ".github/workflows/ci.yml: security"])
    }

    // MARK: - Detector catalogues

    @Test func aPackIaCEntryWithABuiltInIdReplacesIt() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/iac.yml": """
            kind: detectors
            entries:
              - id: terraform
                tool: Terraform
                feeds: hasInfrastructureAsCode
                paths: ["infra/main.tf"]
            """])
        #expect((Self.value(before, "hasInfrastructureAsCode", "files") as? [String])?.count == 8)
        #expect(Self.value(after, "hasInfrastructureAsCode", "files") as? [String] == ["infra/main.tf"])
    }

    @Test func aPackTestConventionReplacesItsLanguage() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/tests.yml": """
            kind: detectors
            test-conventions:
              - {language: Go, tests: [health_test.go], sources: ["*.go"]}
            """])
        #expect(Self.value(before, "hasAutomatedTests", "testFiles") as? Int == 2)
        #expect(Self.value(after, "hasAutomatedTests", "testFiles") as? Int == 1)
    }

    @Test func aPackDeliveryEntryExtends() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/delivery.yml": """
            kind: detectors
            entries:
              - {id: acme-toggles, tool: Acme toggles, feeds: hasFeatureFlags, paths: ["internal/api/currency.go"]}
            """])
        #expect(Self.outcome(before, "hasFeatureFlags") == "false")
        #expect(Self.outcome(after, "hasFeatureFlags") == "true")
        #expect(Self.value(after, "hasFeatureFlags", "tools") as? [String] == ["Acme toggles"])
    }

    @Test func aPackObservabilityEntryExtends() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/observability.yml": """
            kind: detectors
            entries:
              - {id: acme-alerts, tool: Acme alerts, feeds: hasAlertRules, paths: ["docs/runbooks/*.md"]}
            """])
        #expect(Self.value(before, "hasAlertRules", "files") as? [String] == [])
        #expect(Self.value(after, "hasAlertRules", "files") as? [String] == ["docs/runbooks/failed-captures.md"])
    }

    @Test func aPackEnvironmentsEntryWithABuiltInIdStopsATool() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/environments.yml": """
            kind: detectors
            entries:
              - {id: dockerfile, tool: Docker, feeds: hasContainerBuild, paths: [Containerfile]}
            """])
        #expect(Self.outcome(before, "hasContainerBuild") == "true")
        #expect(Self.outcome(after, "hasContainerBuild") == "false")
    }

    @Test func aPackPeopleEntryExtends() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/people.yml": """
            kind: detectors
            entries:
              - {id: acme-contributing, tool: contributing guide, feeds: hasContributingGuide, paths: ["docs/runbooks/*.md"]}
            """])
        #expect(Self.outcome(before, "hasContributingGuide") == "false")
        #expect(Self.value(after, "hasContributingGuide", "files") as? [String] == ["docs/runbooks/failed-captures.md"])
    }

    // MARK: - History catalogues

    @Test func aPackBotIsTriedBeforeTheBuiltInOnes() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/bots.yml": """
            kind: bots
            bots:
              - {name: docs-robot, kind: other, names: ["Dana Whitfield"]}
            """])
        #expect(Self.value(before, "hasSeveralActiveAuthors", "bots") as? [String] == ["dependabot", "github-actions"])
        #expect(Self.value(after, "hasSeveralActiveAuthors", "bots") as? [String] == ["dependabot", "docs-robot", "github-actions"])
        #expect(Self.value(after, "hasSeveralActiveAuthors", "authorsTotal") as? Int == 2)
    }

    /// A catalogue file is read by the kind it declares, whatever its name: a pack's bots file named
    /// otherwise than the built-in one still takes effect.
    @Test func aPackHistoryCatalogueOfAnyNameIsRead() throws {
        let after = try Self.findings("service", pack: ["catalogues/team-robots.yml": """
            kind: bots
            bots:
              - {name: docs-robot, kind: other, names: ["Dana Whitfield"]}
            """])
        #expect(Self.value(after, "hasSeveralActiveAuthors", "bots") as? [String] == ["dependabot", "docs-robot", "github-actions"])
    }

    @Test func aPackAreaExtendsTheAreas() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/areas.yml": """
            kind: areas
            areas:
              - {name: migrations, paths: ["migrations/"]}
            """])
        #expect(Self.value(before, "authorsWorkAcrossAreas", "areas") as? [String] == ["pipelines", "infrastructure", "tests", "docs", "application"])
        #expect(Self.value(after, "authorsWorkAcrossAreas", "areas") as? [String] == ["migrations", "pipelines", "infrastructure", "tests", "docs", "application"])
    }

    @Test func aPackCommitsSectionReplacesTheBuiltInSection() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/commits.yml": """
            kind: commits
            conventional-commits:
              types: [feat]
              shapes: ["{type}: *", "{type}(*): *"]
            """])
        let share = try #require(Self.value(before, "usesConventionalCommits", "conventionalShare") as? Double)
        let packShare = try #require(Self.value(after, "usesConventionalCommits", "conventionalShare") as? Double)
        #expect(share > 0.9)
        #expect(packShare < 0.5)
    }

    @Test func aPackReleasesListReplacesTheBuiltInList() throws {
        let before = try Self.findings("service")
        let after = try Self.findings("service", pack: ["catalogues/releases.yml": """
            kind: releases
            releases:
              semver: ["release-{n}.{n}.{n}"]
            """])
        #expect(Self.value(before, "releasesRegularly", "releasesTotal") as? Int == 3)
        #expect(Self.value(after, "releasesRegularly", "releasesTotal") as? Int == 0)
    }

    // MARK: - Validation, listing and repository packs

    @Test func aBrokenPackCatalogueFailsValidationWithItsLocation() throws {
        let broken = try Self.pack(["catalogues/ci-commands.yml": "kind: ci\ncommands:\n  - {tool: x, kind: build, match: [y]\n"])
        let unknown = try Self.pack(["catalogues/notes.yml": "hello: world\n"])
        let badEntry = try Self.pack(["catalogues/bots.yml": "kind: bots\nbots:\n  - {name: x, kind: robot, names: [x]}\n"])
        defer { for url in [broken, unknown, badEntry] { try? FileManager.default.removeItem(at: url) } }
        let brokenRun = try CDScanBinary.run(["rules", "validate", broken.path])
        #expect(brokenRun.status == 64)
        #expect(brokenRun.stderr.contains("\(broken.path)/catalogues/ci-commands.yml:4:1:"), "\(brokenRun.stderr)")
        let unknownRun = try CDScanBinary.run(["rules", "validate", unknown.path])
        #expect(unknownRun.status == 64)
        #expect(unknownRun.stderr.contains("\(unknown.path)/catalogues/notes.yml:1:1: missing key 'kind'"), "\(unknownRun.stderr)")
        let badEntryRun = try CDScanBinary.run(["rules", "validate", badEntry.path])
        #expect(badEntryRun.status == 64)
        #expect(badEntryRun.stderr.contains("\(badEntry.path)/catalogues/bots.yml:3:21: unknown bot kind 'robot'"), "\(badEntryRun.stderr)")
        // The same pack stops a scan before it starts.
        let scan = try CDScanBinary.run(["scan", try Fixtures.path("hobby").path, "--rules", broken.path])
        #expect(scan.status == 64)
        #expect(scan.stderr.contains("\(broken.path)/catalogues/ci-commands.yml:4:1:"), "\(scan.stderr)")
    }

    @Test func aValidPackValidatesAndSaysWhatItChecked() throws {
        let directory = try Self.pack([
            "catalogues/bots.yml": "kind: bots\nbots:\n  - {name: docs-robot, kind: other, names: [\"Dana Whitfield\"]}\n",
            "catalogues/ci-commands.yml": "kind: ci\ncommands:\n  - {tool: trivy, kind: security, match: [trivy]}\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CDScanBinary.run(["rules", "validate", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("42 rules and 18 catalogue files valid"), "\(run.stdout)")
        #expect(run.stdout.contains("2 catalogue files from packs"), "\(run.stdout)")
    }

    @Test func listCataloguesShowsWhereEachEntryCameFrom() throws {
        let directory = try Self.pack([
            "catalogues/ci-commands.yml": "kind: ci\ncommands:\n  - {tool: trivy, kind: security, match: [trivy]}\n  - {tool: acme scan, kind: security, match: [acme-scan]}\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let builtIn = try CDScanBinary.run(["rules", "list", "--catalogues"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.contains("ci commands trivy — built in catalogues/ci-commands.yml:80\n"), "\(builtIn.stdout)")
        #expect(builtIn.stdout.contains("detectors entries terraform — built in catalogues/iac.yml:"))
        #expect(builtIn.stdout.contains("bots bots dependabot — built in catalogues/bots.yml:8"))
        let run = try CDScanBinary.run(["rules", "list", "--catalogues", "--rules", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        let file = "\(directory.path)/catalogues/ci-commands.yml"
        #expect(run.stdout.contains("ci commands trivy — pack \(file):3:5 (replaces built in catalogues/ci-commands.yml:80)"), "\(run.stdout)")
        #expect(run.stdout.contains("ci commands acme scan — pack \(file):4:5\n"), "\(run.stdout)")
    }

    @Test func listCataloguesDoesNotLetAPackDriveTheTerminal() throws {
        let directory = try Self.pack(["catalogues/bots.yml": "kind: bots\nbots:\n  - {name: \"evil\\e]52;c;aGk=\\a\", kind: other, names: [x]}\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CDScanBinary.run(["rules", "list", "--catalogues", "--rules", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"))
        #expect(run.stdout.contains("bots bots evil\\u{1b}]52;c;aGk=\\u{7}"), "\(run.stdout)")
    }

    @Test func aRepositoryPackWithABrokenCatalogueStopsTheScanWithItsLocation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-repo-pack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostilePatterns.repositoryWithPack(at: directory, catalogues: ["releases.yml": "kind: releases\nreleases:\n  semver: [\"v{m}\"]\n"])
        let run = try CDScanBinary.run(["scan", directory.path])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("pack/catalogues/releases.yml:3:12: unknown token {m}"), "\(run.stderr)")
    }

    @Test func aRepositoryPackTakesEffect() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-repo-pack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try HostilePatterns.repositoryWithPack(at: directory, catalogues: [
            "bots.yml": "kind: bots\nbots:\n  - {name: hostile-robot, kind: ci, names: [Hostile]}\n",
        ])
        let run = try CDScanBinary.run(["scan", directory.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let authors = try #require(findings.first { $0["probe"] as? String == "hasSeveralActiveAuthors" })
        #expect((authors["values"] as? [String: Any])?["bots"] as? [String] == ["hostile-robot"])
    }
}
