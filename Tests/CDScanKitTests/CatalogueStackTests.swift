import Testing
import YAMLReader
@testable import CDScanKit

/// The one catalogue layer: built-in files at the bottom, packs laid over them, entries merged by id.
@Suite struct CatalogueStackTests {
    static let builtIn = BuiltInRules.files(under: "catalogues/")

    func pack(_ files: [String: String], origin: RuleOrigin = .pack("p")) -> [RuleSourceFile] {
        files.map { RuleSourceFile(path: "p/catalogues/\($0.key)", text: $0.value, origin: origin) }
    }

    func stack(_ packs: [RuleSourceFile]...) -> CatalogueStack {
        CatalogueStack(layers: [Self.builtIn] + packs)
    }

    @Test func theBuiltInCataloguesStackWithoutProblems() {
        let stack = CatalogueStack.builtIn
        #expect(stack.problems.isEmpty, "\(stack.problems)")
        #expect(stack.fileCount == Self.builtIn.count)
        for kind in CatalogueKind.allCases {
            #expect(!(stack.files[kind] ?? []).isEmpty, "\(kind)")
        }
        #expect(LoadedCatalogues.builtIn.errors.isEmpty)
        #expect(stack.allItems.allSatisfy { $0.replaced == nil && $0.origin == .builtIn })
    }

    @Test func aPackEntryReplacesTheBuiltInOneInPlaceAndANewOneGoesFirst() throws {
        let layered = stack(pack(["mine.yml": """
            kind: detectors
            entries:
              - {id: terraform, tool: Terraform, feeds: hasInfrastructureAsCode, paths: ["infra/*.tf"]}
              - {id: acme-deploy, tool: Acme, feeds: hasInfrastructureAsCode, paths: [acme.yml]}
            """]))
        #expect(layered.problems.isEmpty, "\(layered.problems)")
        let builtInEntries = CatalogueStack.builtIn.items(.detectors, "entries")
        let entries = layered.items(.detectors, "entries")
        #expect(entries.count == builtInEntries.count + 1)
        #expect(entries.first?.key == "acme-deploy")
        let position = try #require(builtInEntries.firstIndex { $0.key == "terraform" })
        let replacement = entries[position + 1]
        #expect(replacement.key == "terraform")
        #expect(replacement.location == "p/catalogues/mine.yml:3:5")
        #expect(replacement.replaced?.location.hasPrefix("catalogues/iac.yml:") == true)
        let catalogue = try DetectorCatalogueLoader.load(layered)
        let terraform = try #require(catalogue.entries.first { $0.id == "terraform" })
        #expect(terraform.paths.map(\.pattern) == ["infra/*.tf"])
        #expect(terraform.origin == "p/catalogues/mine.yml:3:5")
    }

    @Test func anIdTwiceInOneLayerIsAProblemButALaterPackMayReplaceIt() {
        let twice = stack(pack(["a.yml": "kind: detectors\nentries:\n  - {id: x, tool: X, feeds: hasGitOps, paths: [x]}\n",
                                "b.yml": "kind: detectors\nentries:\n  - {id: x, tool: Y, feeds: hasGitOps, paths: [y]}\n"]))
        #expect(twice.problems.map(\.error.description) == ["p/catalogues/b.yml:3:5: entry id 'x' is already used at p/catalogues/a.yml:3:5"])
        let second = [RuleSourceFile(path: "q/catalogues/b.yml", text: "kind: detectors\nentries:\n  - {id: x, tool: Y, feeds: hasGitOps, paths: [y]}\n", origin: .pack("q"))]
        let layered = stack(pack(["a.yml": "kind: detectors\nentries:\n  - {id: x, tool: X, feeds: hasGitOps, paths: [x]}\n"]), second)
        #expect(layered.problems.isEmpty)
        let x = layered.items(.detectors, "entries").first { $0.key == "x" }
        #expect(x?.file == "q/catalogues/b.yml")
        #expect(x?.replaced?.file == "p/catalogues/a.yml")
    }

    @Test func aFileNoReaderTakesIsAProblemWithItsLocation() {
        let layered = stack(pack(["notes.yml": "hello: world\n", "ci-x.yml": "kind: ci\nentries: []\n",
                                  "odd.yml": "kind: gizmos\n", "broken.yml": "kind: detectors\nentries: [\n"]))
        let messages = layered.problems.map(\.error.description)
        #expect(messages.contains { $0.hasPrefix("p/catalogues/notes.yml:1:1: missing key 'kind' in a catalogue (kind: detectors, ci,") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("p/catalogues/ci-x.yml:2:1: unknown key 'entries' (expected one of: about, commands, environments, job-names, kind, runners, systems)") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("p/catalogues/odd.yml:1:7: 'kind' must be one of detectors, ci, bots, areas, commits, releases, found 'gizmos'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("p/catalogues/broken.yml:3:1:") }, "\(messages)")
        #expect(layered.problems.first { $0.error.file.hasSuffix("broken.yml") }?.kind == .detectors)
        #expect(LoadedCatalogues(layered).errors.count == 4)
    }

    /// A file's name says nothing: a pack's history and CI catalogues are read by the kind they declare.
    @Test func aPackCatalogueIsReadByTheKindItDeclaresWhateverItsName() throws {
        let layered = stack(pack([
            "our-bots.yml": "kind: bots\nbots:\n  - {name: acme-robot, kind: ci, names: [\"Acme Robot\"]}\n",
            "acme.yml": "kind: ci\ncommands:\n  - {tool: acme-check, kind: lint, match: [acme-check]}\n",
            "ci-notes.yml": "kind: areas\nareas:\n  - {name: docs-only, paths: [\"handbook/\"]}\n",
        ]))
        #expect(layered.problems.isEmpty, "\(layered.problems)")
        let history = try HistoryCatalogue.load(layered)
        #expect(history.bots.bot(name: "Acme Robot", email: "robot@acme.example")?.name == "acme-robot")
        #expect(history.areas.areas.first?.name == "docs-only")
        #expect(PipelineCatalogue.load(layered).0.commands.contains { $0.tool == "acme-check" })
        #expect(layered.files[.bots] == ["catalogues/bots.yml", "p/catalogues/our-bots.yml"])
    }

    @Test func globsAreAddedAndTheReadBudgetReplaced() throws {
        let text = "kind: detectors\nignore: [\"**/generated/**\", \"**/vendor/**\"]\nread-budget: {files: 9000, bytes: 1000}\n"
        let fromPack = try DetectorCatalogueLoader.load(stack(pack(["scanning.yml": text])))
        let builtIn = try DetectorCatalogueLoader.load(CatalogueStack.builtIn)
        #expect(fromPack.ignoredPaths.count == builtIn.ignoredPaths.count + 1)
        #expect(fromPack.readBudget == DetectorReadBudget(files: 9000, bytes: 1000))
        // A pack in the scanned repository can only lower the budget.
        let fromRepository = try DetectorCatalogueLoader.load(stack(pack(["scanning.yml": text], origin: .config(".cdscan.yml"))))
        #expect(fromRepository.readBudget == DetectorReadBudget(files: builtIn.readBudget.files, bytes: 1000))
    }

    @Test func ciEntriesReplaceByIdAndJobNamesByKind() {
        let (catalogue, problems) = PipelineCatalogue.load(stack(pack(["ci-acme.yml": """
            kind: ci
            commands:
              - {tool: trivy, kind: lint, match: [trivy]}
              - {tool: broken, kind: nonsense, match: [x]}
            job-names:
              test: [verify]
            runners:
              - {id: make, format: makefile, invoke: [gmake], files: [Makefile]}
            """])))
        #expect(problems.map(\.description) == ["p/catalogues/ci-acme.yml:4:26: unknown job kind 'nonsense' (\(JobKind.allCases.map(\.rawValue).joined(separator: ", ")))"])
        #expect(catalogue.commands.filter { $0.tool == "trivy" }.map(\.kinds) == [[.lint]])
        #expect(catalogue.jobNames[.test] == ["verify"])
        #expect(catalogue.jobNames[.deploy]?.contains("deploy") == true)
        #expect(catalogue.runners.filter { $0.id == "make" }.map(\.invoke) == [["gmake"]])
        #expect(catalogue.runners.count == PipelineCatalogue.load(CatalogueStack.builtIn).0.runners.count)
    }

    @Test func aPackCommitsFileReplacesSectionsAndForgesByName() throws {
        let history = try HistoryCatalogue.load(stack(pack(["commits.yml": """
            kind: commits
            reverts:
              summary: ["Undo *"]
              reverted-id-after: "Undoes "
            merge-requests:
              merge-commits:
                - {forge: gitea, summary: ["Merge pull request '*' (#{n}) from *"]}
                - {forge: github, summary: ["Merged #{n}"]}
            """])))
        #expect(history.commits.isRevert(summary: "Undo the last change"))
        #expect(!history.commits.isRevert(summary: "Revert \"feat: x\""))
        #expect(history.commits.mergeRequestForge(summary: "Merge pull request 'x' (#3) from a/b", body: "", trailers: []) == "gitea")
        #expect(history.commits.mergeRequestForge(summary: "Merged #4", body: "", trailers: []) == "github")
        #expect(history.commits.mergeRequestForge(summary: "Merge pull request #4 from a/b", body: "", trailers: []) == nil)
        // Sections the pack leaves out stay built in.
        #expect(history.commits.isDeploy(summary: "Deploy api to production"))
    }

    @Test func areasAreAtMostEightTogether() {
        let text = "kind: areas\nareas:\n" + (1...4).map { "  - {name: a\($0), paths: [\"a\($0)/\"]}\n" }.joined()
        #expect {
            _ = try HistoryCatalogue.load(stack(pack(["areas.yml": text])))
        } throws: { error in
            (error as? YAMLError)?.description.hasPrefix("p/catalogues/areas.yml:3:5: at most 8 areas") == true
        }
    }

    @Test func aPackReleasesFileReplacesSingleLists() throws {
        let history = try HistoryCatalogue.load(stack(pack(["releases.yml": "kind: releases\nbranches:\n  trunk: [mainline]\n"])))
        #expect(history.releases.isTrunkBranch("mainline"))
        #expect(!history.releases.isTrunkBranch("main"))
        #expect(history.releases.isReleaseBranch("release/1.0"))
        #expect(history.releases.isSemver("v1.2.3"))
    }
}

/// Commit-message patterns from packs must not make the history walk take the power of their stars.
@Suite struct TextPatternAutomatonTests {
    @Test func theAutomatonAgreesWithTheBacktrackingWalk() throws {
        let patterns = ["Merge pull request #{n} from *", "* (#{n})", "*{key}-{n}*", "{word}@{n}.{n}.{n}", "v{n}.{n}.{n}",
                        "*", "*a*b*", "{n}", "*-rc{n}", "fix*changelog*", "*#{n}*", "release {n}*", "{key}"]
        let texts = ["merge Pull Request #12 from a/b", "feat: x (#34)", "feat: x (#34) and more", "fix PAY-12 now", "fix pay-12 now",
                     "@scope/pkg@1.2.3", "v10.20.30", "v10.20", "", "ab", "xaxbx", "123", "1.0.0-rc1", "Fix the CHANGELOG",
                     "see #7", "release 3 now", "AB", "A", "ABC1"]
        for source in patterns {
            let pattern = try TextPattern(source)
            for text in texts {
                var copy = text
                let automaton = copy.withUTF8 { pattern.automatonMatches($0) }
                #expect(automaton == pattern.matches(text), "\(source) on \(text)")
            }
        }
    }

    @Test func manyStarsOnALongTextStayLinear() throws {
        let pattern = try TextPattern("*a*a*a*a*a*a*a*a*a*a*b")
        let text = String(repeating: "a", count: 20_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!pattern.matches(text)) }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(pattern.matches(text + "b"))
    }
}
