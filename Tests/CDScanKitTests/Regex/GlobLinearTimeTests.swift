import Testing
import YAMLReader
@testable import CDScanKit

/// Globs from packs and `.cdscan.yml` meet every path of the tree: they must not backtrack.
@Suite struct GlobLinearTimeTests {
    let deepPath = (0..<40).map { "d\($0)" }.joined(separator: "/") + "/file.txt"
    let manyStars = Array(repeating: "**", count: 14).joined(separator: "/") + "/zz"

    @Test func manyDoubleStarsStayCheap() throws {
        let began = ContinuousClock.now
        #expect(!PathGlob(manyStars, ignoringCase: true).matches(deepPath))
        #expect(PathGlob(manyStars, ignoringCase: true).matches(deepPath.replacingOccurrences(of: "file.txt", with: "zz")))
        #expect(!PathGlob(manyStars).matches(deepPath))
        #expect(PathGlob(manyStars).matches(deepPath.replacingOccurrences(of: "file.txt", with: "zz")))
        let tooLong = Array(repeating: "**", count: 70).joined(separator: "/") + "/zz"
        #expect(!PathGlob(tooLong).matches(deepPath))
        #expect(PathGlob(tooLong).matches(deepPath.replacingOccurrences(of: "file.txt", with: "zz")))
        #expect(!PathGlob(String(repeating: "*a", count: 30) + "b").matches(String(repeating: "a", count: 5_000)))
        #expect(!NameGlob(String(repeating: "*a", count: 30) + "b").matches(String(repeating: "a", count: 5_000)))
        #expect(ContinuousClock.now - began < .seconds(2))
    }

    @Test func keepTheirMeaning() throws {
        #expect(PathGlob("docs/**").matches("docs"))
        #expect(PathGlob("a/**/b/**/c.txt").matches("a/b/c.txt"))
        #expect(PathGlob("a/**/b/**/c.txt").matches("a/x/b/y/z/c.txt"))
        #expect(!PathGlob("a/**/b/**/c.txt").matches("a/x/y/c.txt"))
        #expect(PathGlob("**/ci/*.yml").matches("ci/x.yml") && PathGlob("**/ci/*.yml").matches("a/b/ci/x.yml"))
        #expect(!PathGlob(".github/*.yml").matches(".github/a/x.yml"))
        #expect(PathGlob("a/**/z").matches("a/z") && PathGlob("a/**/z").matches("a/b/c/z"))
        #expect(!PathGlob("a/*/z").matches("a/b/c/z") && PathGlob("a/*/z").matches("a/b/z"))
        #expect(PathGlob("a/**").matches("a/b/c") && !PathGlob("a/**").matches("b/c"))
        #expect(PathGlob("***.md").matches("x/y.md"))
    }

    @Test func bracesExpandWithinABound() throws {
        let doubling = String(repeating: "{a,b}", count: 30)
        let began = ContinuousClock.now
        #expect(GlobBraces.expandsTooFar(doubling))
        #expect(GlobBraces.expand(doubling) == [doubling])
        #expect(!GlobBraces.expandsTooFar(String(repeating: "{a,b}", count: 8)))
        #expect(PathGlob.problem(in: doubling) != nil)
        #expect(ContinuousClock.now - began < .seconds(1))
        let catalogue = "kind: detectors\nentries:\n  - {id: x, tool: X, feeds: a, paths: ['\(doubling)']}\n"
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
