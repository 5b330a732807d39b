import Foundation
import Testing
import FixtureKit

/// `cdscan scan --format sarif` run as a program: its output against the official SARIF 2.1.0 schema
/// (Tests/Schemas, validated by Python's jsonschema), against what GitHub code scanning documents it
/// accepts, and against a golden file; every result anchored to a file of the fixture's HEAD tree.
@Suite struct SarifReportTests {
    static let fixtures = ["service", "cloud-native", "hobby", "ci-broken", "mirror"]
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let golden = testsDirectory.appendingPathComponent("Golden/service.sarif")

    private func sarif(_ path: String, _ extra: [String] = []) throws -> (text: String, log: [String: Any]) {
        let run = try CDScanBinary.run(["scan", path, "--format", "sarif"] + extra)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (run.stdout, log)
    }

    private func theRun(_ log: [String: Any]) throws -> [String: Any] {
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    private func results(_ log: [String: Any]) throws -> [[String: Any]] {
        try #require(try theRun(log)["results"] as? [[String: Any]])
    }

    private func rules(_ log: [String: Any]) throws -> [[String: Any]] {
        let tool = try #require(try theRun(log)["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        return try #require(driver["rules"] as? [[String: Any]])
    }

    /// Validates a document with scripts/validate-json-schema: nil when valid, else what it printed.
    /// Missing Python or jsonschema is a failure, never a skip.
    private func schemaErrors(_ text: String) throws -> String? {
        let outcome = try SchemaValidator.validate([text], schema: "Tests/Schemas/sarif-schema-2.1.0.json")
        #expect(outcome.status == 0 || outcome.status == 1, "the validator could not run: \(outcome.problems)")
        return outcome.isValid ? nil : "status \(outcome.status): \(outcome.problems)"
    }

    private func headFiles(_ repository: URL) throws -> Set<String> {
        let listing = try Git.runData(["ls-tree", "-r", "-z", "--name-only", "HEAD"], in: repository)
        return Set(listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }

    // MARK: Schema and GitHub's constraints

    @Test(arguments: fixtures)
    func validAgainstTheOfficialSchema(fixture: String) throws {
        for scope in ["next", "all"] {
            let output = try sarif(try Fixtures.path(fixture).path, ["--sarif-scope", scope])
            let errors = try schemaErrors(output.text)
            #expect(errors == nil, "\(fixture), scope \(scope): \(errors ?? "")")
        }
    }

    @Test func theValidatorCatchesAnInvalidDocument() throws {
        let output = try sarif(try Fixtures.path("service").path)
        #expect(try schemaErrors(output.text) == nil)

        var withoutVersion = output.log
        withoutVersion.removeValue(forKey: "version")
        let missing = try schemaErrors(String(decoding: try JSONSerialization.data(withJSONObject: withoutVersion), as: UTF8.self))
        #expect(missing?.contains("'version' is a required property") == true, "\(missing ?? "accepted")")

        var badLevel = output.log
        var run = try theRun(badLevel)
        var results = try #require(run["results"] as? [[String: Any]])
        try #require(!results.isEmpty)
        results[0]["level"] = "critical"
        run["results"] = results
        badLevel["runs"] = [run]
        let level = try schemaErrors(String(decoding: try JSONSerialization.data(withJSONObject: badLevel), as: UTF8.self))
        #expect(level != nil, "a result level outside SARIF's enumeration was accepted")
    }

    /// What GitHub's "SARIF support for code scanning" asks of an upload, beyond the schema.
    @Test(arguments: fixtures)
    func fitForGitHubCodeScanning(fixture: String) throws {
        let output = try sarif(try Fixtures.path(fixture).path, ["--sarif-scope", "all"])
        #expect(output.log["version"] as? String == "2.1.0")
        let run = try theRun(output.log)
        let tool = try #require(run["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "cdscan")
        #expect(!((driver["version"] as? String) ?? "").isEmpty)
        let automation = try #require(run["automationDetails"] as? [String: Any])
        #expect(automation["id"] as? String == "cdscan/cd-maturity/")
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect(bases["%SRCROOT%"] != nil)
        #expect(!output.text.contains("security-severity"), "cdscan's results are not security alerts")

        let rules = try rules(output.log)
        #expect(rules.count == 42)
        for rule in rules {
            let id = rule["id"] as? String ?? "?"
            for key in ["shortDescription", "fullDescription", "help"] {
                let text = (rule[key] as? [String: Any])?["text"] as? String
                #expect(text?.isEmpty == false, "\(id): \(key).text")
            }
            let markdown = ((rule["help"] as? [String: Any])?["markdown"] as? String) ?? ""
            #expect(markdown.contains("cdscan explain"), "\(id): help.markdown")
            let properties = try #require(rule["properties"] as? [String: Any])
            let tags = try #require(properties["tags"] as? [String])
            #expect(tags.contains("cd-maturity") && tags.count <= 10 && !tags.contains("security"), "\(id): \(tags)")
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == (properties["kind"] as? String == "deficit" ? "warning" : "note"), "\(id): \(level ?? "none")")
            #expect(properties["level"] is Int && properties["dimension"] is String && properties["defining"] is Bool)
        }

        let results = try results(output.log)
        #expect(results.count <= 5_000)
        for (index, result) in results.enumerated() {
            let ruleId = try #require(result["ruleId"] as? String)
            #expect(result["ruleIndex"] as? Int == rules.firstIndex { $0["id"] as? String == ruleId })
            #expect(["note", "warning"].contains(result["level"] as? String ?? ""), "\(ruleId)")
            let text = try #require((result["message"] as? [String: Any])?["text"] as? String)
            #expect(text.contains("What to do:"), "\(ruleId): \(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "\(ruleId): control characters in the message")
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String], "result \(index)")
            #expect(!fingerprints.isEmpty && fingerprints.values.allSatisfy { !$0.isEmpty })
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1, "\(ruleId)")
            for location in locations {
                let physical = try #require(location["physicalLocation"] as? [String: Any])
                let artifact = try #require(physical["artifactLocation"] as? [String: Any])
                let uri = try #require(artifact["uri"] as? String)
                #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
                #expect(!uri.hasPrefix("/") && !uri.contains("://") && !uri.hasPrefix("file:"), "\(ruleId): \(uri) is not relative")
                #expect((((physical["region"] as? [String: Any])?["startLine"]) as? Int ?? 0) >= 1, "\(ruleId)")
            }
        }
    }

    // MARK: Results

    @Test(arguments: fixtures)
    func everyResultIsAnchoredToAFileOfTheHeadTree(fixture: String) throws {
        let repository = try Fixtures.path(fixture)
        let files = try headFiles(repository)
        let ruleIds = Set(try rules(try sarif(repository.path).log).compactMap { $0["id"] as? String })
        #expect(ruleIds.count == 42)
        for scope in ["next", "all"] {
            let results = try results(try sarif(repository.path, ["--sarif-scope", scope]).log)
            for result in results {
                let ruleId = result["ruleId"] as? String ?? "?"
                #expect(ruleIds.contains(ruleId), "\(ruleId) is not one of the 42 characteristics")
                #expect(!((result["partialFingerprints"] as? [String: String]) ?? [:]).isEmpty, "\(ruleId)")
                let locations = (result["locations"] as? [[String: Any]] ?? []) + (result["relatedLocations"] as? [[String: Any]] ?? [])
                #expect(!locations.isEmpty, "\(ruleId) has no location")
                for location in locations {
                    let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
                    let path = (artifact?["uri"] as? String)?.removingPercentEncoding ?? ""
                    #expect(files.contains(path), "\(fixture) \(scope): \(ruleId) is anchored to '\(path)', not a file of HEAD")
                }
            }
        }
    }

    @Test func resultsAreTheDeficitsPresentAndTheNextLevelsUnmetCapabilities() throws {
        let path = try Fixtures.path("service").path
        let run = try CDScanBinary.run(["scan", path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let assessment = try #require(report["assessment"] as? [String: Any])
        let characteristics = try #require(report["characteristics"] as? [[String: Any]])
        let next = ((assessment["level"] as? Int) ?? 1) + 1
        func ids(_ include: ([String: Any]) -> Bool) -> Set<String> {
            Set(characteristics.filter(include).compactMap { $0["id"] as? String })
        }
        let deficits = ids { $0["kind"] as? String == "deficit" && $0["outcome"] as? String == "met" }
        let unmet = ids { $0["kind"] as? String == "capability" && $0["outcome"] as? String == "not-met" }
        let unmetNext = ids { $0["kind"] as? String == "capability" && $0["outcome"] as? String == "not-met" && $0["level"] as? Int == next }

        let nextScope = try results(try sarif(path).log)
        let allScope = try results(try sarif(path, ["--sarif-scope", "all"]).log)
        #expect(Set(nextScope.compactMap { $0["ruleId"] as? String }) == deficits.union(unmetNext))
        #expect(Set(allScope.compactMap { $0["ruleId"] as? String }) == deficits.union(unmet))
        #expect(!unmetNext.isEmpty, "the service fixture should have work left at its next level")
        #expect(Set(nextScope.compactMap { $0["ruleId"] as? String }).isSubset(of: Set(allScope.compactMap { $0["ruleId"] as? String })))
        for result in allScope {
            let id = result["ruleId"] as? String ?? "?"
            let expected = deficits.contains(id) ? "warning" : "note"
            #expect(result["level"] as? String == expected, "\(id)")
        }
    }

    @Test(arguments: fixtures)
    func scopeAllIsASupersetWithTheSameFingerprints(fixture: String) throws {
        let path = try Fixtures.path(fixture).path
        func byRule(_ results: [[String: Any]]) -> [String: [String: String]] {
            Dictionary(results.map { ($0["ruleId"] as? String ?? "?", $0["partialFingerprints"] as? [String: String] ?? [:]) },
                       uniquingKeysWith: { first, _ in first })
        }
        let next = byRule(try results(try sarif(path).log))
        let all = byRule(try results(try sarif(path, ["--sarif-scope", "all"]).log))
        #expect(all.count >= next.count)
        for (rule, fingerprints) in next {
            #expect(all[rule] == fingerprints, "\(fixture): \(rule) missing from --sarif-scope all or fingerprinted differently")
        }
        let fingerprints = all.values.flatMap(\.values)
        #expect(Set(fingerprints).count == fingerprints.count, "\(fixture): two results share a fingerprint")
    }

    @Test(arguments: fixtures)
    func twoRunsGiveByteIdenticalSarif(fixture: String) throws {
        let path = try Fixtures.path(fixture).path
        let first = try CDScanBinary.run(["scan", path, "--format", "sarif", "--sarif-scope", "all"])
        let second = try CDScanBinary.run(["scan", path, "--format", "sarif", "--sarif-scope", "all"])
        #expect(first.status == 0)
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
    }

    @Test func theMirrorGivesTheSameResultsAsItsWorkTree() throws {
        // A bare mirror has no work tree, but its HEAD tree is the same: the same anchors and fingerprints.
        let service = try results(try sarif(try Fixtures.path("service").path).log)
        let mirror = try results(try sarif(try Fixtures.path("mirror").path).log)
        #expect((service as NSArray).isEqual(to: mirror))
    }

    @Test func aBadScopeIsAUsageError() throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path("hobby").path, "--format", "sarif", "--sarif-scope", "some"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("sarif-scope"))
    }

    /// A small repository made here: files named by `files`, committed once.
    private func repository(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-sarif-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Git.run(["init", "-q", "-b", "main"], in: directory)
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Git.run(["add", "-A"], in: directory)
        try Git.run(["-c", "user.name=Dana", "-c", "user.email=dana@example.com", "commit", "-q", "-m", "first"], in: directory)
        return directory
    }

    @Test func declaredAnswersAreAnchoredToTheConfigurationFile() throws {
        let config = "declared:\n  L2.tech.version-control: {answer: not-met, because: \"we zip folders\\u0007 by hand\"}\n"
        let directory = try repository(["README.md": "# Demo\n", ".cdscan.yml": config, "src/main.py": "print(1)\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = try results(try sarif(directory.path, ["--sarif-scope", "all"]).log)
        let declared = try #require(results.first { $0["ruleId"] as? String == "L2.tech.version-control" })
        let artifact = ((declared["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        #expect(artifact?["uri"] as? String == ".cdscan.yml")
        #expect((declared["properties"] as? [String: Any])?["source"] as? String == "declared")
        let text = ((declared["message"] as? [String: Any])?["text"] as? String) ?? ""
        #expect(text.contains("we zip folders") && !text.unicodeScalars.contains { $0.value < 0x20 }, "\(text)")
        // Everything else is repository-wide here: the README.
        for result in results where result["ruleId"] as? String != "L2.tech.version-control" {
            let uri = (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri == "README.md" || (result["properties"] as? [String: Any])?["anchor"] as? String == "evidence", "\(result["ruleId"] ?? "?"): \(uri ?? "none")")
        }
    }

    @Test func withoutReadmeOrCIResultsUseTheFirstFileAsAnEncodedURI() throws {
        let directory = try repository(["b c.txt": "notes\n", "z/ä.md": "x\n", "y.txt": "y\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try sarif(directory.path)
        #expect(try schemaErrors(output.text) == nil)
        let results = try results(output.log)
        try #require(!results.isEmpty)
        let files = try headFiles(directory)
        let repositoryWide = results.filter { ($0["properties"] as? [String: Any])?["anchor"] as? String == "repository" }
        #expect(!repositoryWide.isEmpty)
        for result in repositoryWide {
            let uri = (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri == "b%20c.txt")
            #expect(files.contains(uri?.removingPercentEncoding ?? ""))
        }
    }

    // MARK: Golden file

    /// Tests/Golden/service.sarif is the reviewed output for the service fixture with `--sarif-scope all`.
    /// Compared as parsed JSON (key order and spacing do not matter), except the tool version, so a
    /// release does not need a new golden file. `CDSCAN_UPDATE_GOLDEN=1` rewrites it (then review the diff).
    @Test func serviceMatchesTheGoldenFile() throws {
        let output = try sarif(try Fixtures.path("service").path, ["--sarif-scope", "all"])
        if ProcessInfo.processInfo.environment["CDSCAN_UPDATE_GOLDEN"] == "1" {
            try Data(output.text.utf8).write(to: Self.golden)
            Issue.record("rewrote \(Self.golden.path): review it and run the test again")
            return
        }
        let golden = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.golden)) as? [String: Any])
        let difference = JSONDifference.first(Self.withoutToolVersion(golden), Self.withoutToolVersion(output.log))
        #expect(difference == nil, "differs from \(Self.golden.lastPathComponent) at \(difference ?? "")")
        #expect(try results(golden).count > 3, "the golden file should hold real results")
    }

    static func withoutToolVersion(_ log: [String: Any]) -> [String: Any] {
        guard var runs = log["runs"] as? [[String: Any]] else { return log }
        for index in runs.indices {
            guard var tool = runs[index]["tool"] as? [String: Any], var driver = tool["driver"] as? [String: Any] else { continue }
            driver["version"] = nil
            driver["semanticVersion"] = nil
            tool["driver"] = driver
            runs[index]["tool"] = tool
        }
        var copy = log
        copy["runs"] = runs
        return copy
    }
}

/// The first place two parsed JSON values differ, as a path (`runs/0/results/3/message/text: …`).
enum JSONDifference {
    static func first(_ expected: Any, _ actual: Any, at path: String = "") -> String? {
        switch (expected, actual) {
        case let (expected as [String: Any], actual as [String: Any]):
            for key in Set(expected.keys).union(actual.keys).sorted() {
                guard let left = expected[key] else { return "\(path)/\(key): unexpected" }
                guard let right = actual[key] else { return "\(path)/\(key): missing" }
                if let difference = first(left, right, at: "\(path)/\(key)") { return difference }
            }
            return nil
        case let (expected as [Any], actual as [Any]):
            for (index, (left, right)) in zip(expected, actual).enumerated() {
                if let difference = first(left, right, at: "\(path)/\(index)") { return difference }
            }
            return expected.count == actual.count ? nil : "\(path): \(expected.count) items expected, \(actual.count) found"
        default:
            let same = (expected as? NSObject)?.isEqual(actual) ?? false
            return same ? nil : "\(path): expected \(expected), found \(actual)"
        }
    }
}
