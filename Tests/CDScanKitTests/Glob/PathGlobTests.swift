import Testing
@testable import CDScanKit

/// The one path glob's meaning (see `PathGlob`): what every catalogue, `exclude:`, CODEOWNERS and the areas read.
@Suite struct PathGlobTests {
    @Test func aNameWithoutSlashMatchesAtAnyDepth() {
        #expect(PathGlob("Dockerfile").matches("Dockerfile"))
        #expect(PathGlob("Dockerfile").matches("svc/api/Dockerfile"))
        #expect(!PathGlob("Dockerfile").matches("svc/Dockerfile.dev"))
        #expect(PathGlob("*.tf").matches("infra/modules/vpc/main.tf"))
        #expect(!PathGlob("*.tf").matches("infra/main.tfvars"))
    }

    @Test func aSlashAnchorsAtTheRoot() {
        #expect(PathGlob("/Dockerfile").matches("Dockerfile"))
        #expect(!PathGlob("/Dockerfile").matches("svc/Dockerfile"))
        #expect(PathGlob("ci/*.yml").matches("ci/build.yml"))
        #expect(!PathGlob("ci/*.yml").matches("tools/ci/build.yml"))
        #expect(PathGlob("/ci/*.yml").matches("ci/build.yml"))
        #expect(!PathGlob("docs/**").matches("src/docs/a.md"))
    }

    @Test func starAndQuestionMarkStayWithinOneName() {
        #expect(PathGlob(".github/workflows/*.yml").matches(".github/workflows/ci.yml"))
        #expect(!PathGlob(".github/workflows/*.yml").matches(".github/workflows/sub/ci.yml"))
        #expect(PathGlob("a/?.txt").matches("a/b.txt") && !PathGlob("a/?.txt").matches("a/bc.txt"))
        #expect(!PathGlob("a?b").matches("a/b"))
        #expect(PathGlob("*").matches("any/depth/at/all"))
    }

    @Test func doubleStarSpansAnyNumberOfNames() {
        #expect(PathGlob("**/Jenkinsfile").matches("Jenkinsfile"))
        #expect(PathGlob("**/Jenkinsfile").matches("a/b/Jenkinsfile"))
        #expect(PathGlob("ci/**/*.yml").matches("ci/p.yml") && PathGlob("ci/**/*.yml").matches("ci/x/y/p.yml"))
        #expect(PathGlob("docs/**").matches("docs/a/b.md") && PathGlob("docs/**").matches("docs"))
        #expect(PathGlob("**/templates/*.{yaml,yml}").matches("charts/a/templates/x.yml"))
        #expect(PathGlob("a**b").matches("x/ab") && !PathGlob("a**b").matches("a/b"), "inside a name, ** is a *")
    }

    @Test func aTrailingSlashNamesADirectory() {
        #expect(PathGlob("tests/").matches("tests/a.py") && PathGlob("tests/").matches("pkg/tests/unit/a.py"))
        #expect(!PathGlob("tests/").matches("pkg/tests"), "a file named like the directory is not in it")
        #expect(PathGlob("te*/").matches("x/testdata/a"))
        #expect(PathGlob(".github/workflows/").matches(".github/workflows/ci.yml"))
        #expect(!PathGlob(".github/workflows/").matches("x/.github/workflows/ci.yml"))
        #expect(!PathGlob("deploy/").lastNames.contains { $0 != nil }, "a directory pattern says nothing of the file name")
    }

    @Test func caseCountsUnlessIgnored() {
        #expect(!PathGlob("Dockerfile").matches("build/DOCKERFILE"))
        #expect(PathGlob("Dockerfile", ignoringCase: true).matches("build/DOCKERFILE"))
        #expect(PathGlob("*.R").matches("a.R") && !PathGlob("*.R").matches("a.r"))
        #expect(PathGlob("Docs/*.MD", ignoringCase: true).matches("docs/a.md"))
        #expect(PathGlob("Dockerfile", ignoringCase: true).lastNames == [Array("dockerfile".utf8)])
    }

    @Test func bracesAndEmptyPatterns() {
        #expect(PathGlob("{Makefile,src/*.mk}").matches("a/Makefile"), "each alternative has its own anchoring")
        #expect(!PathGlob("{Makefile,src/*.mk}").matches("a/src/x.mk") && PathGlob("{Makefile,src/*.mk}").matches("src/x.mk"))
        #expect(!PathGlob("").matches("a") && !PathGlob("/").matches("a"))
        #expect(PathGlob.problem(in: "") != nil && PathGlob.problem(in: "*.md") == nil)
        #expect(PathGlob("website/docs/**").base == "website/docs/")
        #expect(PathGlob("*.md").base == nil)
    }

    /// The shapes that skip the general walk (`fixed`, `under`) answer as the walk does.
    @Test func theShortcutsAgreeWithTheGeneralWalk() {
        let patterns = ["a", "*.go", "b/a", "*/a", "a/", "b/", "a/b/", "/a/", "?/", "**/a", "a/**", "a/**/b/", "b/*.go/",
                        "**/a/**", "b/a/**", "**/b/a/**", "*/**", "a/**/**", "**"]
        let paths = ["a", "b/a", "a/b", "b/a/c", "a/b/c.go", "x/b/a/y.go", "b", "b/b/a", "a/a/a/a", "c.go", "b/c.go/d"]
        for pattern in patterns {
            let directory = pattern.hasSuffix("/")
            let body = pattern.split(separator: "/").map { $0 == "**" ? GlobSegment.anyDepth : .name(Array($0.utf8)) }
            let anchored = pattern.dropLast(directory ? 1 : 0).contains("/")
            let segments = (anchored ? [] : [.anyDepth]) + body
            let general = GlobAlternative.general(directory ? segments + [.name(Array("*".utf8)), .anyDepth] : segments)
            for path in paths {
                let names = GlobPath(path).names
                #expect(GlobAlternative(segments, directory: directory).matches(names, ignoringCase: false)
                        == general.matches(names, ignoringCase: false), "\(pattern) on \(path)")
                #expect(PathGlob(pattern).matches(path) == general.matches(names, ignoringCase: false), "\(pattern) on \(path)")
            }
        }
    }

    @Test func aSplitPathMeetsManyGlobs() {
        let path = GlobPath("svc/API/Dockerfile")
        #expect(path.lowercasedLastName == Array("dockerfile".utf8))
        #expect(PathGlob("svc/*/Dockerfile").matches(path) && PathGlob("api/", ignoringCase: true).matches(path))
    }

    /// `Dockerfile` meant `svc/Dockerfile` in the detector catalogues and the areas but only the root file in
    /// the CI-system catalogue: every catalogue now reads a pattern one way, and the catalogues say which.
    @Test func everyCatalogueReadsAPatternAlike() throws {
        let detectors = try DetectorCatalogueLoader.load([RuleSourceFile(path: "catalogues/t.yml", text: """
            kind: detectors
            entries:
              - {id: docker, tool: Docker, feeds: a, paths: [Dockerfile]}
              - {id: root-docker, tool: Docker, feeds: a, paths: [/Dockerfile]}
            """, origin: .builtIn)])
        var files = BuiltInRules.files(under: "catalogues/").filter { $0.path != "catalogues/areas.yml" }
        files.append(RuleSourceFile(path: "catalogues/areas.yml", text: """
            kind: areas
            areas:
              - {name: docker, paths: [Dockerfile]}
              - {name: root-docker, paths: [/Dockerfile]}
            """, origin: .builtIn))
        let areas = try HistoryCatalogue.load(from: files).areas
        let (pipelines, problems) = PipelineCatalogue.load([RuleSourceFile(path: "catalogues/ci-test.yml", text: """
            kind: ci
            systems:
              - {id: docker, parser: github-actions, paths: [Dockerfile]}
              - {id: root-docker, parser: github-actions, paths: [/Dockerfile]}
            """, origin: .builtIn)])
        #expect(problems.isEmpty)
        for (path, depth) in [("Dockerfile", ["docker", "root-docker"]), ("svc/Dockerfile", ["docker"])] {
            let split = GlobPath(path)
            #expect(detectors.entries.filter { $0.acceptingGlob(split) != nil }.map(\.id) == depth)
            #expect(pipelines.systems.filter { $0.paths.contains { $0.matches(split) } }.map(\.id) == depth)
            #expect(areas.areas.filter { $0.paths.contains { $0.matches(split) } }.map(\.name) == depth)
        }
    }

    @Test func theBuiltInCatalogueKeepsItsRootOnlyFiles() throws {
        let (catalogue, problems) = PipelineCatalogue.load(BuiltInRules.files(under: "catalogues/"))
        #expect(problems.isEmpty)
        let travis = try #require(catalogue.systems.first { $0.id == "travis-ci" })
        #expect(travis.paths.contains { $0.matches(".travis.yml") })
        #expect(!travis.paths.contains { $0.matches("vendor/lib/.travis.yml") })
        let jenkins = try #require(catalogue.systems.first { $0.id == "jenkins" })
        #expect(jenkins.paths.contains { $0.matches("Jenkinsfile") } && jenkins.paths.contains { $0.matches("svc/Jenkinsfile") })
    }
}

/// Globs are compiled byte-wise when ASCII (nearly always); the way by characters, kept for the rest,
/// must give the same for every ASCII glob.
@Suite struct PathGlobASCIITests {
    static var globs: [String] {
        var globs = ["", "/", "//", "a", "a/", "a//", "/a", "**", "**/", "/**", "a/**", "**/a/**", "a**b", "a/**/b/", "**/**",
                     "*.{yml,yaml}", "{a,b}/{c,{d,e}}", "a{b", "a}b{", "{}", "{,}", "{a,}x", "x{a,b", "{{a,b},c}}",
                     "docs/api/*.md", "website/docs/**/*.md", "a/b[c]/d", "a/?x/{y,z}/", "A/B/*.TXT", "a\r\nb/c", "\r\n/x/"]
        let builtIn = (try? DetectorCatalogueLoader.load(BuiltInRules.files(under: "catalogues/"))) ?? DetectorCatalogue()
        globs += builtIn.entries.flatMap { ($0.paths + $0.excludedPaths).map(\.pattern) }
        globs += builtIn.testConventions.flatMap { ($0.sources + $0.tests).map(\.pattern) }
        globs += builtIn.ignoredPaths.map(\.pattern)
        return globs
    }

    @Test func bracesExpandTheSameByByteAsByCharacter() {
        var checked = 0
        for glob in Self.globs + [String(repeating: "{a,b}", count: 9), String(repeating: "{a,b}", count: 8)] {
            var byteBudget = GlobBraces.maximumAlternatives, characterBudget = GlobBraces.maximumAlternatives
            let bytes = GlobBraces.expandASCII(Array(glob.utf8), budget: &byteBudget)?.map { String(decoding: $0, as: UTF8.self) }
            #expect(bytes == GlobBraces.expandCharacters(glob, budget: &characterBudget), "\(glob)")
            #expect(byteBudget == characterBudget, "\(glob)")
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test func alternativesAndBasesCompileTheSameByByteAsByCharacter() {
        for glob in Self.globs {
            for ignoringCase in [false, true] {
                #expect(PathGlob.compileASCII(Array(glob.utf8), ignoringCase: ignoringCase)
                        == PathGlob.compileCharacters(glob, ignoringCase: ignoringCase), "\(glob)")
            }
            #expect(PathGlob.asciiBase(of: glob) == PathGlob.characterBase(of: glob), "\(glob)")
        }
    }

    @Test func aNonASCIIGlobStillMatches() {
        #expect(PathGlob("docs/é*/{a,b}.md").matches("docs/été/b.md"))
        #expect(PathGlob("docs/é*/{a,b}.md").base == "docs/")
        #expect(GlobBraces.expand("é{x,y}") == ["éx", "éy"])
    }
}

/// A loader checks and compiles each glob with its braces expanded once; the answer is what asking
/// `problem(in:)` and then building the glob gives.
@Suite struct PathGlobCheckedTests {
    @Test(arguments: ["", "/", "*.yml", "{a,b}/c", String(repeating: "{a,b}", count: 8), String(repeating: "{a,b}", count: 9),
                      "a{b", "é{x,y}/*.md", "docs/**", "{" + String(repeating: "x,", count: 300) + "y}"])
    func checkedIsProblemThenGlob(_ pattern: String) {
        let checked = PathGlob.checked(pattern, ignoringCase: true)
        #expect(checked.problem == PathGlob.problem(in: pattern))
        if checked.problem == nil {
            #expect(checked.glob == PathGlob(pattern, ignoringCase: true))
        } else {
            #expect(checked.glob == nil)
        }
    }
}
