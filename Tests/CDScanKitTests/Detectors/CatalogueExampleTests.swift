import Foundation
import Testing
import YAMLReader
@testable import CDScanKit

/// Every catalogue entry carries its own examples; this runs each through the real matching engine, so an
/// entry cannot ship without a case it recognises and one it does not.
@Suite struct CatalogueExampleTests {
    static let catalogue: DetectorCatalogue = {
        do { return try DetectorCatalogueLoader.load(BuiltInRules.files(under: "catalogues/")) }
        catch { fatalError("the built-in catalogues do not load: \(error)") }
    }()

    static let entryIDs: [String] = catalogue.entries.map(\.id)

    /// Runs the scanner with only `entry` over one in-memory file.
    static func detects(_ entry: CatalogueEntry, _ example: CatalogueEntry.Example) -> Bool {
        var single = DetectorCatalogue()
        single.entries = [entry]
        single.badgeHosts = catalogue.badgeHosts
        let text = example.text ?? ""
        let file = CandidateFile(path: example.path, size: text.utf8.count)
        let result = DetectionScanner(catalogue: single).scan([file]) { _ in .text(text) }
        return result.detections.contains { $0.entry == entry.id }
    }

    @Test func theBuiltInCataloguesLoad() {
        #expect(Self.catalogue.entries.count > 150)
        #expect(!Self.catalogue.testConventions.isEmpty)
        #expect(!Self.catalogue.badgeHosts.isEmpty)
        #expect(!Self.catalogue.codeownersPipelinePaths.isEmpty)
        #expect(!Self.catalogue.ignoredPaths.isEmpty)
    }

    @Test(arguments: entryIDs)
    func entryRecognisesItsExamples(id: String) throws {
        let entry = try #require(Self.catalogue.entries.first { $0.id == id })
        #expect(!entry.matchingExamples.isEmpty, "\(entry.origin): entry '\(id)' has no matching example")
        #expect(!entry.ignoredExamples.isEmpty, "\(entry.origin): entry '\(id)' has no ignored example")
        for example in entry.matchingExamples {
            #expect(Self.detects(entry, example), "\(entry.origin): '\(id)' should match \(example.path)")
        }
        for example in entry.ignoredExamples {
            #expect(!Self.detects(entry, example), "\(entry.origin): '\(id)' should ignore \(example.path)")
        }
    }

    /// Entries feed probes of probes.yml (or the inner signals the file probes read).
    @Test func everyEntryFeedsAKnownProbeOrSignal() throws {
        let source = try #require(BuiltInRules.file("probes.yml"))
        let probes = try #require(try YAMLParser.parse(source.text, file: "probes.yml"))
        let names = Set((probes["probes"]?.items ?? []).compactMap { $0["name"]?.string })
        let signals: Set<String> = ["testFramework", "testKind", "planning", "statusBadges", "imageReferences"]
        for entry in Self.catalogue.entries {
            for signal in entry.feeds {
                #expect(names.contains(signal) || signals.contains(signal), "\(entry.origin): unknown signal \(signal)")
            }
        }
    }

    @Test(arguments: catalogue.badgeHosts.map(\.name))
    func badgeHostRecognisesItsExamples(name: String) throws {
        let host = try #require(Self.catalogue.badgeHosts.first { $0.name == name })
        #expect(!host.matchingExamples.isEmpty && !host.ignoredExamples.isEmpty, "\(host.origin): badge host needs both examples")
        for url in host.matchingExamples {
            #expect(StatusBadges.host(for: url, [host]) != nil, "\(host.origin): \(name) should match \(url)")
        }
        for url in host.ignoredExamples {
            #expect(StatusBadges.host(for: url, Self.catalogue.badgeHosts)?.name != name, "\(host.origin): \(name) should ignore \(url)")
        }
    }

    @Test func testConventionsTellTestsFromSources() {
        var inventory = TestInventory()
        let paths = ["pkg/a.go", "pkg/a_test.go", "app/models.py", "tests/test_models.py", "web/src/app.ts", "web/src/app.test.ts",
                     "src/main/java/App.java", "src/test/java/AppTest.java", "Sources/Kit/Kit.swift", "Tests/KitTests/KitTests.swift",
                     "README.md", "lib/app.rb", "spec/app_spec.rb"]
        for path in paths {
            inventory.count(GlobPath(path), conventions: Self.catalogue.testConventions)
        }
        #expect(inventory.testFiles == 6)
        #expect(inventory.sourceFiles == 6)
        #expect(inventory.languages["Go"] == TestInventory.Count(testFiles: 1, sourceFiles: 1))
        #expect(inventory.languagesWithTests.contains("Swift"))
    }
}
