import Testing
import YAMLReader
@testable import CDScanKit

@Suite struct CatalogueLoaderTests {
    func load(_ text: String, path: String = "catalogues/test.yml") throws(YAMLError) -> DetectorCatalogue {
        try DetectorCatalogueLoader.load([RuleSourceFile(path: path, text: text, origin: .builtIn)])
    }

    func error(_ text: String) -> String {
        do {
            _ = try load(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsAnEntry() throws {
        let catalogue = try load("""
            kind: detectors
            entries:
              - id: x
                tool: X
                kind: k
                feeds: [hasGitOps, hasInfrastructureAsCode]
                paths: ["*.x"]
                contains: ['^x']
                root: directory
                examples: {matches: [{path: a.x, text: "x"}], ignores: [b.y]}
            """)
        let entry = try #require(catalogue.entries.first)
        #expect(entry.id == "x" && entry.tool == "X" && entry.kind == "k")
        #expect(entry.feeds == ["hasGitOps", "hasInfrastructureAsCode"])
        #expect(entry.root == .directory)
        #expect(entry.needsContent)
        #expect(entry.origin == "catalogues/test.yml:3:5")
    }

    @Test func otherReadersCataloguesAreSkipped() throws {
        let catalogue = try load("systems:\n  - id: github-actions\n")
        #expect(catalogue.entries.isEmpty)
    }

    @Test func malformedCataloguesGiveFileLineAndColumn() {
        #expect(error("kind: detectors\nentries: [\n") .hasPrefix("catalogues/test.yml:3:1:"))
        #expect(error("kind: detectors\nentries:\n  - id: x\n    tool: X\n    feeds: a\n    pathz: [x]\n")
                == "catalogues/test.yml:6:5: unknown key 'pathz' (expected one of: \(["id", "tool", "kind", "feeds", "paths", "not-paths", "contains", "yaml", "dependencies", "root", "extract", "examples", "about"].sorted().joined(separator: ", ")))")
        #expect(error("kind: detectors\nentries:\n  - id: x\n    tool: X\n    feeds: a\n    paths: [x]\n    contains: ['(']\n")
                == "catalogues/test.yml:7:16: not a valid regular expression: (")
        #expect(error("kind: detectors\nentries:\n  - id: x\n    tool: X\n    feeds: a\n    contains: [x]\n    dependencies: {npm: [x]}\n")
                == "catalogues/test.yml:3:5: entry 'x' reads contents, so it needs paths to say which files may matter")
        #expect(error("kind: detectors\nentries:\n  - id: x\n    tool: X\n    feeds: a\n    dependencies: {cobol: [x]}\n")
                .hasPrefix("catalogues/test.yml:6:20: unknown ecosystem"))
        #expect(error("kind: detectors\nentries:\n  - {id: x, tool: X, feeds: a, paths: x}\n  - {id: x, tool: Y, feeds: a, paths: y}\n")
                == "catalogues/test.yml:4:5: entry id 'x' is already used at catalogues/test.yml:3:5")
        #expect(error("kind: detectors\nentries:\n  - {id: x, tool: X, feeds: a, paths: x, root: up}\n")
                == "catalogues/test.yml:3:48: 'root' must be file, directory or base, found 'up'")
        #expect(error("kind: detectors\nentries:\n  - {id: x, tool: X, feeds: a, paths: x, extract: magic}\n")
                .hasPrefix("catalogues/test.yml:3:51: 'extract' must be one of "))
        #expect(error("kind: detectors\nread-budget: {files: 0, bytes: 10}\n") == "catalogues/test.yml:2:22: 'files' must be a positive whole number, found '0'")
        #expect(error("kind: detectors\nsurprise: 1\n").hasPrefix("catalogues/test.yml:2:1: unknown key 'surprise'"))
    }

    /// A broken catalogue does not stop the scan: every file probe reports it as an error.
    @Test func aBrokenCatalogueBecomesErrorFindings() throws {
        var detections = DetectionEvidence()
        detections.catalogueError = YAMLError(file: "catalogues/iac.yml", mark: YAMLMark(line: 3, column: 7), message: "bad")
        let evidence = DetectorFixtures.syntheticEvidence(detections)
        for probe in FileProbes.all {
            let finding = try probe.evaluate(evidence)
            #expect(finding.outcome == .error, "\(probe.name)")
            #expect(finding.message.contains("catalogues/iac.yml:3:7: bad"), "\(probe.name)")
        }
    }
}
