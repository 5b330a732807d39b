import Foundation
import Testing
import FixtureKit
import YAMLReader

/// `cdscan scan` run as a program on every fixture: its JSON against the fixture's expected results, and
/// its messages and exit codes for every kind of bad input.
@Suite struct ScanCommandTests {
    static let fixtures = ((try? Fixtures.names()) ?? []).filter { $0 != "empty" }

    /// The report's `snapshot` section: what the scan read (repository, history, references, tree).
    private func scanJSON(_ path: String, _ extra: [String] = []) throws -> [String: Any] {
        let run = try CDScanBinary.run(["scan", path, "--format", "json"] + extra)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let report = try #require(object as? [String: Any])
        return try #require(report["snapshot"] as? [String: Any])
    }

    @Test(arguments: fixtures)
    func jsonMatchesTheFixturesExpectedResults(fixture: String) throws {
        let url = try Fixtures.path(fixture)
        let expected = try Fixtures.expected(fixture)
        let json = try scanJSON(url.path)
        let repository = try #require(json["repository"] as? [String: Any])
        let history = try #require(json["history"] as? [String: Any])
        let references = try #require(json["references"] as? [String: Any])
        let tree = try #require(json["tree"] as? [String: Any])

        #expect(repository["head"] as? String == expected["head"]?.string)
        #expect(repository["bare"] as? Bool == expected["bare"]?.bool)
        #expect(repository["shallow"] as? Bool == expected["shallow"]?.bool)
        #expect(repository["detached"] as? Bool == expected["detached"]?.bool)
        #expect(history["commits"] as? Int == expected["commits"]?.int)
        #expect(history["merges"] as? Int == expected["merges"]?.int)
        // cdscan counts people by e-mail address case-insensitively; expected.yml lists git's exact addresses.
        let expectedAuthors = Set((expected["authors"]?.stringList ?? []).map { $0.lowercased() })
        #expect(history["authors"] as? Int == expectedAuthors.count)
        #expect(history["firstCommit"] as? String == expected["first-commit"]?.string)
        #expect(history["lastCommit"] as? String == expected["last-commit"]?.string)
        #expect(history["incomplete"] as? Bool == expected["shallow"]?.bool)
        #expect((references["branches"] as? [String])?.sorted() == expected["branches"]?.stringList.sorted())
        #expect((references["remoteBranches"] as? [String])?.sorted() == expected["remote-branches"]?.stringList.sorted())
        #expect(references["tags"] as? Int == expected["tags"]?.stringList.count)
        #expect(references["annotatedTags"] as? Int == expected["annotated-tags"]?.stringList.count)
        // expected.yml's default-branch is the branch HEAD is on; cdscan's default branch prefers origin/HEAD.
        #expect(repository["branch"] as? String == expected["default-branch"]?.string)
        if let remoteHead = expected["remote-head"]?.string {
            #expect("origin/" + ((references["defaultBranch"] as? String) ?? "") == remoteHead)
        }
        #expect(tree["files"] as? Int == expected["files"]?.stringList.count ?? expected["files"]?.int)
        #expect(tree["symlinks"] as? Int == expected["symlinks"]?.stringList.count ?? expected["symlinks"]?.int)
        #expect(tree["submodules"] as? Int == expected["submodules"]?.stringList.count ?? expected["submodules"]?.int)
    }

    @Test(arguments: fixtures)
    func twoRunsGiveByteIdenticalJSON(fixture: String) throws {
        let path = try Fixtures.path(fixture).path
        let first = try CDScanBinary.run(["scan", path, "--format", "json"])
        let second = try CDScanBinary.run(["scan", path, "--format", "json"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test func asOfDefaultsToTheHeadCommitTimeAndCanBeGiven() throws {
        let path = try Fixtures.path("library").path
        let json = try scanJSON(path)
        let repository = try #require(json["repository"] as? [String: Any])
        #expect(repository["asOfSource"] as? String == "HEAD commit time")
        let headTime = try Git.run(["log", "-1", "--format=%ct", "HEAD"], in: URL(fileURLWithPath: path))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let iso = try Git.run(["log", "-1", "--date=format-local:%Y-%m-%dT%H:%M:%SZ", "--format=%cd", "HEAD"], in: URL(fileURLWithPath: path))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!headTime.isEmpty)
        #expect(repository["asOf"] as? String == iso)

        let explicit = try scanJSON(path, ["--as-of", "2030-01-02"])
        let explicitRepository = try #require(explicit["repository"] as? [String: Any])
        #expect(explicitRepository["asOf"] as? String == "2030-01-02T23:59:59Z")
        #expect(explicitRepository["asOfSource"] as? String == "--as-of")
    }

    @Test func aSubdirectoryScansItsRepository() throws {
        let url = try Fixtures.path("service")
        let root = try scanJSON(url.path)
        let sub = try scanJSON(url.appendingPathComponent("infra").path)
        #expect((root["repository"] as? [String: Any])?["head"] as? String
                == (sub["repository"] as? [String: Any])?["head"] as? String)
    }

    @Test func theTextReportNamesWhatItRead() throws {
        let url = try Fixtures.path("shallow")
        let run = try CDScanBinary.run(["scan", url.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Best fit"))
        #expect(run.stdout.contains("shallow clone"))
        #expect(run.stderr.isEmpty)
    }

    @Test func scanningTheCurrentDirectoryIsTheDefault() throws {
        let url = try Fixtures.path("hobby")
        let run = try CDScanBinary.run(["scan", "--format", "json"], in: url)
        #expect(run.status == 0)
        let again = try CDScanBinary.run(["--format", "json"], in: url)
        #expect(again.status == 0)
        #expect(run.stdout == again.stdout)
    }
}

/// Every kind of bad input: one clear line on stderr, a documented non-zero exit code, never a crash.
@Suite struct BadInputTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func expectScanFailure(_ run: CDScanBinary.Run, mentioning words: [String]) {
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("cdscan: error: "))
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)") }
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test func aDirectoryThatIsNoRepository() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        expectScanFailure(try CDScanBinary.run(["scan", directory.path]), mentioning: ["not a git repository"])
    }

    @Test func aPathThatDoesNotExist() throws {
        expectScanFailure(try CDScanBinary.run(["scan", "/nonexistent/cdscan/path"]), mentioning: ["not a git repository", "no such"])
    }

    @Test func aFileInsteadOfADirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        expectScanFailure(try CDScanBinary.run(["scan", file.path]), mentioning: ["not a directory"])
    }

    @Test func anEmptyRepository() throws {
        let path = try Fixtures.path("empty").path
        expectScanFailure(try CDScanBinary.run(["scan", path]), mentioning: ["no commits"])
    }

    @Test func aRepositoryWithAMissingObject() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let middle = try DamagedRepositories.missingMiddleCommit(at: directory)
        expectScanFailure(try CDScanBinary.run(["scan", directory.path]), mentioning: ["damaged", middle])
    }

    /// The rules are checked before the history is read: the bad rule is what is reported, not the damage.
    @Test func aBadRuleIsReportedBeforeADamagedHistoryIsRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rule = "id: L3.tech.pack-rule\nlevel: 3\ndimension: tech\nkind: capability\ntitle: T\nmet-when:\n  probe: hasInfraAsCode\n"
            + "explain:\n  met: \"yes\"\n  not-met: \"no\"\nadvice: Nothing.\n"
        try DamagedRepositories.missingMiddleCommit(at: directory, then: [".cdscan.yml": "rules: [pack/]\n", "pack/rule.yml": rule])
        let run = try CDScanBinary.run(["scan", directory.path])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("pack/rule.yml:7:") && run.stderr.contains("unknown probe 'hasInfraAsCode'"), "\(run.stderr)")
        #expect(!run.stderr.contains("damaged"), "\(run.stderr)")
    }

    @Test func aRepositoryWithACorruptTree() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Git.run(["init", "-q", "-b", "main"], in: directory)
        try Data("x\n".utf8).write(to: directory.appendingPathComponent("f"))
        try Git.run(["add", "."], in: directory)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "c"], in: directory)
        let tree = try Git.run(["rev-parse", "HEAD^{tree}"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = directory.appendingPathComponent(".git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try Data("garbage".utf8).write(to: file)
        expectScanFailure(try CDScanBinary.run(["scan", directory.path]), mentioning: ["damaged", tree])
    }

    @Test func usageErrorsExitWith64() throws {
        for arguments in [["scan", "--format", "xml"], ["scan", "--as-of", "yesterday"], ["scan", "--changed-paths", "-3"], ["scan", "--bogus"]] {
            let run = try CDScanBinary.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(!run.stderr.isEmpty)
        }
    }

    /// Issue #15: `--format markdown --output markdown=-` printed the report twice. Each format goes once to
    /// each destination: standard output (the --format report, or '-') and every distinct file.
    @Test func eachFormatIsWrittenOnceToEachDestination() throws {
        let path = try Fixtures.path("service").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var alone: [String: String] = [:]
        for format in ["text", "json", "markdown", "sarif", "codequality"] {
            let run = try CDScanBinary.run(["scan", path, "--format", format])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            alone[format] = run.stdout
        }
        let markdown = try #require(alone["markdown"])
        let heading = try #require(markdown.split(separator: "\n").first.map(String.init))
        for format in ["text", "json", "markdown", "sarif", "codequality"] {
            for extra in [["--output", "\(format)=-"], ["--output", "\(format)=-", "-o", "\(format)=-"]] {
                let run = try CDScanBinary.run(["scan", path, "--format", format] + extra)
                #expect(run.status == 0, "\(format): \(run.stderr)")
                #expect(run.stdout == alone[format], "\(format) \(extra): written more than once")
            }
            // --quiet leaves out the --format report, not the '-' one: once.
            let quiet = try CDScanBinary.run(["scan", path, "-q", "-o", "\(format)=-", "-o", "\(format)=-"])
            #expect(quiet.stdout == alone[format], "\(format) --quiet")
        }
        let twice = try CDScanBinary.run(["scan", path, "--format", "markdown", "--output", "markdown=-"])
        #expect(twice.stdout.components(separatedBy: heading).count == 2, "the Markdown heading appears exactly once")
        // /dev/stdout is standard output by another name.
        let named = try CDScanBinary.run(["scan", path, "--format", "markdown", "--output", "markdown=/dev/stdout"])
        #expect(named.stdout == alone["markdown"], "markdown=/dev/stdout: written more than once")
        // Text is the default format: '-' alone does not repeat it.
        #expect(try CDScanBinary.run(["scan", path, "--output", "text=-"]).stdout == alone["text"])

        // Standard output and a file: each gets its report once.
        let sarif = directory.appendingPathComponent("out.sarif")
        let combo = try CDScanBinary.run(["scan", path, "--format", "json", "--output", "json=-", "--output", "sarif=\(sarif.path)"])
        #expect(combo.status == 0, "\(combo.stderr)")
        #expect(combo.stdout == alone["json"])
        #expect(try String(contentsOf: sarif, encoding: .utf8) == alone["sarif"])
        // Two formats on standard output: both, once each, the --format one first.
        let mixed = try CDScanBinary.run(["scan", path, "--format", "json", "--output", "sarif=-", "--output", "json=-"])
        #expect(mixed.stdout == alone["json"]! + alone["sarif"]!)
        // One file named twice for one format (spelled two ways) is written once; for two formats, a usage error.
        let same = try CDScanBinary.run(["scan", path, "-q", "-o", "json=out.json", "-o", "json=./out.json"], in: directory)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(try String(contentsOf: directory.appendingPathComponent("out.json"), encoding: .utf8) == alone["json"])
        let clash = try CDScanBinary.run(["scan", path, "-o", "json=r.out", "-o", "sarif=r.out"], in: directory)
        #expect(clash.status == 64)
        #expect(clash.stdout.isEmpty)
        #expect(clash.stderr.hasPrefix("cdscan: error: --output names r.out for both json and sarif: a file holds one report"),
                "\(clash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.out").path))
    }

    /// `scan` starts libgit2's set-up on a thread while it parses its arguments. A process that ends before
    /// its first repository (help, a usage error) waits for that set-up rather than exiting beside it (one
    /// such exit in fifty was a segmentation fault): with the set-up slowed down, the exit waits for it.
    @Test func anEarlyExitWaitsForLibgit2sSetUp() throws {
        let slow = ["CDSCAN_TEST_LIBGIT2_DELAY_MS": "600"]
        for (arguments, status) in [(["scan", "--help"], Int32(0)), (["scan", ".", "--format", "html"], 64)] {
            let start = Date()
            let run = try CDScanBinary.run(arguments, environment: slow)
            #expect(run.status == status, "\(arguments)")
            #expect(Date().timeIntervalSince(start) >= 0.6, "\(arguments) exited before libgit2 was set up")
        }
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try CDScanBinary.run(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--as-of"))
        let version = try CDScanBinary.run(["--version"])
        #expect(version.status == 0)
        // The version first (the rules digest and libgit2 follow: CommandLineTests).
        let first = version.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.wholeMatch(of: /cdscan \d+\.\d+\.\d+/) != nil, "\(version.stdout)")
    }
}
