import Testing
import YAMLReader
@testable import CDScanKit

/// Globs from packs and `.cdscan.yml` meet every path of the tree: they must not backtrack.
@Suite struct GlobLinearTimeTests {
    let deepPath = (0..<40).map { "d\($0)" }.joined(separator: "/") + "/file.txt"
    let manyStars = Array(repeating: "**", count: 14).joined(separator: "/") + "/zz"

    @Test func manyDoubleStarsStayCheap() throws {
        let began = ContinuousClock.now
        #expect(!TreePathGlob(manyStars).matches(deepPath))
        #expect(TreePathGlob(manyStars).matches(deepPath.replacingOccurrences(of: "file.txt", with: "zz")))
        #expect(!PathGlob(manyStars).matches(deepPath))
        #expect(PathGlob(manyStars).matches(deepPath.replacingOccurrences(of: "file.txt", with: "zz")))
        #expect(try !PathPattern(manyStars).matches(deepPath))
        #expect(try PathPattern(manyStars).matches(deepPath.replacingOccurrences(of: "file.txt", with: "zz")))
        #expect(try !PathPattern(String(repeating: "*a", count: 30) + "b").matches(String(repeating: "a", count: 5_000)))
        #expect(!NameGlob(String(repeating: "*a", count: 30) + "b").matches(String(repeating: "a", count: 5_000)))
        #expect(ContinuousClock.now - began < .seconds(2))
    }

    @Test func keepTheirMeaning() throws {
        #expect(TreePathGlob("docs/**").matches("docs"))
        #expect(TreePathGlob("a/**/b/**/c.txt").matches("a/b/c.txt"))
        #expect(TreePathGlob("a/**/b/**/c.txt").matches("a/x/b/y/z/c.txt"))
        #expect(!TreePathGlob("a/**/b/**/c.txt").matches("a/x/y/c.txt"))
        #expect(PathGlob("**/ci/*.yml").matches("ci/x.yml") && PathGlob("**/ci/*.yml").matches("a/b/ci/x.yml"))
        #expect(!PathGlob(".github/*.yml").matches(".github/a/x.yml"))
        #expect(try PathPattern("a/**/z").matches("a/z") && PathPattern("a/**/z").matches("a/b/c/z"))
        #expect(try !PathPattern("a/*/z").matches("a/b/c/z") && PathPattern("a/*/z").matches("a/b/z"))
        #expect(try PathPattern("a/**").matches("a/b/c") && !PathPattern("a/**").matches("b/c"))
        #expect(try PathPattern("***.md").matches("x/y.md"))
    }

    @Test func bracesExpandWithinABound() throws {
        let doubling = String(repeating: "{a,b}", count: 30)
        let began = ContinuousClock.now
        #expect(TreePathGlob.bracesExpandTooFar(doubling))
        #expect(TreePathGlob.expandBraces(doubling) == [doubling])
        #expect(!TreePathGlob.bracesExpandTooFar(String(repeating: "{a,b}", count: 8)))
        #expect(ContinuousClock.now - began < .seconds(1))
        let catalogue = "catalogue: detectors\nentries:\n  - {id: x, tool: X, feeds: a, paths: ['\(doubling)']}\n"
        #expect(throws: YAMLError.self) {
            try DetectorCatalogueLoader.load([RuleSourceFile(path: "catalogues/t.yml", text: catalogue, origin: .builtIn)])
        }
    }

    @Test func everyBuiltInFeedIsKnown() throws {
        let catalogue = try DetectorCatalogueLoader.load(BuiltInRules.files(under: "catalogues/"))
        let unknown = Set(catalogue.entries.flatMap(\.feeds)).subtracting(DetectorCatalogue.knownFeeds)
        #expect(unknown.isEmpty)
    }
}
