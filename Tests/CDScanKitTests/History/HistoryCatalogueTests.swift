import Testing
import YAMLReader
@testable import CDScanKit

/// The history catalogues: the built-in ones load, every entry is exercised by an example that must match
/// it (and examples that must not), and malformed catalogues fail with file:line:col.
@Suite struct HistoryCatalogueTests {
    static let catalogue = try! HistoryCatalogue.load(from: BuiltInRules.files(under: "catalogues/"))

    /// One name/e-mail per bots entry that must resolve to exactly that entry.
    static let botExamples: [(bot: String, name: String, email: String)] = [
        ("dependabot", "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
        ("renovate", "Renovate Bot", "bot@renovateapp.com"),
        ("snyk", "snyk-bot", "snyk-bot@snyk.io"),
        ("greenkeeper", "greenkeeper[bot]", "23040076+greenkeeper[bot]@users.noreply.github.com"),
        ("semantic-release-bot", "semantic-release-bot", "semantic-release-bot@martynus.net"),
        ("release-please", "release-please[bot]", "55107282+release-please[bot]@users.noreply.github.com"),
        ("repository-tool", "acme/promote-release", "release-team@example.org"),
        ("changesets", "changeset-bot[bot]", "x@example.com"),
        ("release-bot", "OpenStack Release Bot", "infra-root@openstack.org"),
        ("github-actions", "github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
        ("gitlab-ci", "GitLab CI", "ci@example.com"),
        ("jenkins", "Jenkins", "jenkins@review.openstack.org"),
        ("zuul", "Zuul", "zuul@review.opendev.org"),
        ("mergify", "mergify[bot]", "37929162+mergify[bot]@users.noreply.github.com"),
        ("pre-commit-ci", "pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com"),
        ("weblate", "Hosted Weblate", "hosted@weblate.org"),
        ("github-app", "acme-automation[bot]", "1+acme-automation[bot]@users.noreply.github.com"),
        ("other-bot", "OpenStack Proposal Bot", "openstack-infra@lists.openstack.org"),
        ("other-bot", "DeployBot", "team@example.com"),
        ("other-bot", "sync [bot] account", "sync@example.com"),
    ]

    @Test func everyBotEntryHasAnExampleThatResolvesToIt() {
        let entries = Self.catalogue.bots.entries.map(\.name)
        #expect(Set(entries) == Set(Self.botExamples.map(\.bot)), "every bots.yml entry needs an example here")
        for example in Self.botExamples {
            #expect(Self.catalogue.bots.bot(name: example.name, email: example.email)?.name == example.bot, "\(example)")
        }
    }

    @Test func peopleAreNotBots() {
        for (name, email) in [("Alice Moreau", "alice@moreau.dev"), ("Abbot Jones", "abbot@example.com"),
                              ("Robert Botha", "rbotha@example.com"), ("GitHub", "noreply@github.com"), ("Ann Talbot", "ann@example.com"),
                              ("Zoë Łukasiewicz", "zoe@example.pl"), ("Jenkinson", "jj@example.com")] {
            #expect(Self.catalogue.bots.bot(name: name, email: email) == nil, "\(name) <\(email)>")
        }
    }

    static let areaExamples: [(area: String, yes: [String], no: [String])] = [
        ("pipelines", [".github/workflows/ci.yml", ".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml"], ["docs/ci.md", "src/workflows/a.go"]),
        ("infrastructure", ["infra/main.tf", "modules/vpc/main.tf", "deploy/helm/Chart.yaml", "Dockerfile"], ["src/deploy.go"]),
        ("tests", ["tests/test_buffer.py", "internal/api/handler_test.go", "src/search.test.ts", "spec/a_spec.rb"], ["src/testing_utils_x.go"]),
        ("docs", ["README.md", "docs/guide/index.html", "CHANGELOG.md"], ["LICENSE"]),
        ("application", ["src/ringbuf/_buffer.py", "cmd/api/main.go", "src/cart.ts"], ["go.sum", "package-lock.json", ".gitignore"]),
    ]

    @Test func everyAreaHasPathsThatFallInItAndPathsThatDoNot() {
        let areas = Self.catalogue.areas
        #expect(Set(areas.areas.map(\.name)) == Set(Self.areaExamples.map(\.area)))
        for example in Self.areaExamples {
            for path in example.yes {
                #expect(areas.area(of: path).map { areas.areas[$0].name } == example.area, "\(path)")
            }
            for path in example.no {
                #expect(areas.area(of: path).map { areas.areas[$0].name } != example.area, "\(path)")
            }
        }
    }

    /// The areas' candidate index must never hide an area: over paths made from every glob of the
    /// catalogue (at the root, below folders the globs name, in other cases), the indexed answer is the one
    /// testing every glob gives.
    @Test func theAreaOfAPathIsTheOneTestingEveryGlobGives() {
        let areas = Self.catalogue.areas
        let patterns = areas.areas.flatMap { $0.paths.map(\.pattern) }
        var names: Set<String> = ["README", "main.c", "x", "Makefile"]
        var folders: Set<String> = ["", "src/", "a/b/"]
        for pattern in patterns {
            let parts = pattern.split(separator: "/").map(String.init)
            for part in parts {
                for filled in [part.replacingOccurrences(of: "*", with: "x"), part.replacingOccurrences(of: "*", with: "")]
                    where !filled.isEmpty {
                    names.insert(filled)
                    names.insert(filled.uppercased())
                    folders.insert(filled + "/")
                }
            }
            if pattern.hasSuffix("/") { folders.insert(pattern); folders.insert("src/" + pattern) }
        }
        var checked = 0
        for folder in folders.sorted() {
            for name in names.sorted() {
                let path = folder + name
                #expect(areas.area(of: path) == areas.areaTestingEveryGlob(of: path), "\(path)")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    @Test func mergeRequestMarksOfEveryForge() {
        let commits = Self.catalogue.commits
        let merges: [(forge: String, summary: String, body: String, trailers: [Trailer])] = [
            ("github", "Merge pull request #12 from bob/feature/login", "", []),
            ("gitlab", "Merge branch 'feature/x' into 'main'", "Add x\n\nSee merge request acme/shop!42", []),
            ("bitbucket", "Merged in feature/x (pull request #7)", "", []),
            ("azure-devops", "Merged PR 1234: Add the cart", "", []),
            ("gerrit", "Merge \"Fix the cart\"", "", []),
        ]
        #expect(Set(merges.map(\.forge)) == Set(commits.mergeCommits.map(\.forge)))
        for merge in merges {
            #expect(commits.mergeRequestForge(summary: merge.summary, body: merge.body, trailers: merge.trailers) == merge.forge)
        }
        #expect(commits.mergeRequestForge(summary: "Merge branch 'feature/search' into develop", body: "", trailers: []) == nil)
        // Newer GitLab versions link the merge request by URL (seen on gitlab-org/gitlab-runner).
        #expect(commits.mergeRequestForge(summary: "Merge branch 'renovate/x' into 'main'",
                                          body: "Update x\n\nSee merge request https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/7223\n",
                                          trailers: []) == "gitlab")
        // GitHub's merge queue and bors write the request's title or number instead.
        #expect(commits.mergeRequestForge(summary: "fix(cli): quieter output (#15012)", body: "", trailers: []) == "github")
        #expect(commits.mergeRequestForge(summary: "Auto merge of #9876 - alice:fix, r=bob", body: "", trailers: []) == "github")
        let squashes: [(forge: String, summary: String, body: String, trailers: [Trailer])] = [
            ("github", "feat: product search (#17)", "", []),
            ("gitlab", "Add x", "See merge request acme/shop!42", []),
            ("bitbucket", "Merged in fix/y (pull request #8)", "", []),
            ("azure-devops", "Merged PR 99: Fix y", "", []),
            ("gerrit", "Fix the cart", "", [Trailer(key: "Reviewed-on", value: "https://review.opendev.org/c/1")]),
        ]
        #expect(Set(squashes.map(\.forge)) == Set(commits.squashReferences.map(\.forge)))
        for squash in squashes {
            #expect(commits.squashForge(summary: squash.summary, body: squash.body, trailers: squash.trailers) == squash.forge)
        }
        #expect(commits.squashForge(summary: "fix typo (see #12 for why)", body: "", trailers: []) == nil)
    }

    @Test func mergedBranchNamesOfEveryRule() {
        let commits = Self.catalogue.commits
        #expect(commits.mergedBranch(summary: "Merge branch 'hotfix/1.0.1' into develop") == "hotfix/1.0.1")
        #expect(commits.mergedBranch(summary: "Merge remote-tracking branch 'origin/release/2.0'") == "release/2.0")
        #expect(commits.mergedBranch(summary: "Merge pull request #12 from bob/feature/login") == "feature/login")
        #expect(commits.mergedBranch(summary: "Merged in feature/x (pull request #7)") == "feature/x")
        #expect(commits.mergedBranch(summary: "Merge tag 'v1.0'") == nil)
        #expect(commits.branchNames.count == 4)
    }

    @Test func revertsHotfixesIssuesConventionalTrailersBumpsDeploys() {
        let commits = Self.catalogue.commits
        #expect(commits.isRevert(summary: "Revert \"feat: async capture (#18)\""))
        #expect(commits.isRevert(summary: "revert: drop the cache"))
        #expect(commits.isRevert(summary: "revert(api): drop the cache"))
        #expect(!commits.isRevert(summary: "Reverting is hard"))
        let id = "0123456789abcdef0123456789abcdef01234567"
        #expect(commits.revertedCommit(body: "This reverts commit \(id).\n")?.hex == id)
        #expect(commits.revertedCommit(body: "This reverts commit 0123abc.") == nil)
        #expect(commits.isHotfix(summary: "Hotfix: null pointer in checkout", mergedBranch: nil))
        #expect(commits.isHotfix(summary: "Merge branch 'hotfix/1.0.1' into develop", mergedBranch: "hotfix/1.0.1"))
        #expect(commits.isHotfix(summary: "Merge branch 'x'", mergedBranch: "hotfix-login"))
        #expect(!commits.isHotfix(summary: "Fix the login", mergedBranch: "feature/login"))
        for text in ["Fixes #12", "see https://github.com/a/b/issues/4", "PAY-123: refunds", "gh-77", "AB#1234",
                     "see https://gitlab.com/a/b/-/issues/3", "https://jira.acme.io/browse/PAY-1", "https://x/work_items/5"] {
            #expect(commits.referencesIssue(text), "\(text)")
        }
        for text in ["Encode as UTF-8", "Use SHA-256", "ISO-8601 dates", "Fix the cart", "x86-64 builds"] {
            #expect(!commits.referencesIssue(text), "\(text)")
        }
        #expect(commits.isConventional(summary: "feat(api): refunds"))
        #expect(commits.isConventional(summary: "fix!: drop v1"))
        #expect(commits.isConventional(summary: "chore(deps)!: bump go"))
        #expect(!commits.isConventional(summary: "Feature: refunds"))
        #expect(!commits.isConventional(summary: "fix the cart"))
        let kinds = commits.trailerKinds([Trailer(key: "reviewed-by", value: "x"), Trailer(key: "Co-authored-by", value: "y"),
                                          Trailer(key: "Signed-off-by", value: "z")])
        #expect(kinds.reviewed && kinds.coAuthored && kinds.signedOff)
        #expect(commits.trailerKinds([Trailer(key: "Change-Id", value: "I1")]) == (false, false, false))
        for summary in ["chore(release): 1.0.0 [skip ci]", "chore(main): release 1.2.0", "Release 0.2.1", "Bump version to 1.0.0",
                        "v1.2.3", "[maven-release-plugin] prepare release app-1.0", "Version Packages"] {
            #expect(commits.isVersionBump(summary: summary), "\(summary)")
        }
        #expect(!commits.isVersionBump(summary: "Update CHANGELOG for 0.2.0"))
        #expect(commits.isDeploy(summary: "chore(deploy): promote checkout 1.2.0 to production"))
        #expect(commits.isDeploy(summary: "Deploy api to production"))
        #expect(!commits.isDeploy(summary: "Document how to deploy"))
        for summary in ["Fix release dates in changelog (#2523)", "Amend v1.12.1 changelog", "Fixup changelog",
                        "Fix dev version in 8.4.1", "Fix typo in CHANGELOG.md (#2836)", "Add missing changelog entry", "Empty commit to trigger checks", "retrigger live apply",
                        "Re-tag v2.0.0 after the failed upload"] {
            #expect(commits.isReleaseFixup(summary: summary), "\(summary)")
        }
        for summary in ["Fix parser bug", "Add a changelog", "Trigger warning in the docs", "Update CHANGELOG for 0.2.0"] {
            #expect(!commits.isReleaseFixup(summary: summary), "\(summary)")
        }
        #expect(!commits.isDeploy(summary: "ci: deploy to production behind a manual approval (#12)"))
    }

    @Test func releaseTagShapesAndBranchNames() {
        let releases = Self.catalogue.releases
        for tag in ["v1.2.3", "1.2.3", "v2.0.0-rc.1", "api-v1.0.0", "@scope/pkg@1.2.3", "pkg@1.0.0", "tools/v0.3.1", "release-1.2.3"] {
            #expect(releases.isSemver(tag) && releases.isRelease(tag), "\(tag)")
        }
        for tag in ["v1", "v2.45", "1.0", "release-2024-05", "r42", "havana-1.2", "3.12.0rc1", "v1.2.3.4"] {
            #expect(releases.isRelease(tag) && !releases.isSemver(tag), "\(tag)")
        }
        for tag in ["latest", "stable", "deployed-staging", "havana-eol", "foo"] {
            #expect(!releases.isRelease(tag), "\(tag)")
        }
        for tag in ["v2.45.0-rc0", "v1.0.0-beta.2", "3.12.0rc1", "v1.0.0-alpha", "2.0.0b3", "1.0.0-SNAPSHOT", "v1.2.0-next.1"] {
            #expect(releases.isPreRelease(tag), "\(tag)")
        }
        #expect(!releases.isPreRelease("v1.2.3"))
        #expect(releases.fixReleaseDays == 7)
        #expect(releases.isTrunkBranch("main") && releases.isTrunkBranch("master") && !releases.isTrunkBranch("develop"))
        #expect(releases.isDevelopmentBranch("develop") && !releases.isDevelopmentBranch("feature/dev"))
        for name in ["release/1.0", "release-2.3", "stable/2023.1", "2.4-stable", "1.2.x", "maintenance/3.x"] {
            #expect(releases.isReleaseBranch(name), "\(name)")
        }
        #expect(!releases.isReleaseBranch("feature/release-notes"))
    }

    @Test(arguments: [
        ("bots.yml", "kind: bots\nbots:\n  - name: x\n    kind: robot\n    names: [x]\n", 4, 11),
        ("bots.yml", "kind: bots\nbots:\n  - name: x\n    kind: ci\n    nmes: [x]\n", 5, 5),
        ("areas.yml", "kind: areas\nareas:\n  - name: x\n    paths: [\"\"]\n", 4, 13),
        ("releases.yml", "kind: releases\nreleases:\n  semver: [\"v{m}\"]\n  fix-release-days: 7\nbranches: {}\n", 3, 12),
        ("commits.yml", "kind: commits\nmerge-requests: [\n", 3, 1),
    ])
    func aMalformedCatalogueFailsWithFileLineAndColumn(file: String, text: String, line: Int, column: Int) throws {
        var files = BuiltInRules.files(under: "catalogues/").filter { $0.path != "catalogues/\(file)" }
        files.append(RuleSourceFile(path: "catalogues/\(file)", text: text, origin: .builtIn))
        #expect {
            _ = try HistoryCatalogue.load(from: files)
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.file == "catalogues/\(file)" && error.mark == YAMLMark(line: line, column: column)
                && error.description.hasPrefix("catalogues/\(file):\(line):\(column): ")
        }
    }

    @Test func aMalformedCatalogueBecomesAnErrorFindingAndTheScanGoesOn() throws {
        var files = BuiltInRules.files(under: "catalogues/").filter { $0.path != "catalogues/bots.yml" }
        files.append(RuleSourceFile(path: "catalogues/bots.yml", text: "kind: bots\nbots: 3\n", origin: .builtIn))
        let result = try HistoryScan.scan("hobby", catalogues: files)
        for finding in ProbeRunner.run(HistoryProbes.all, on: result.evidence) {
            #expect(finding.outcome == .error)
            #expect(finding.message.contains("catalogues/bots.yml:2:7"), "\(finding.message)")
        }
    }
}

@Suite struct TextPatternTests {
    @Test func tokensAndCase() throws {
        #expect(try TextPattern("Merge pull request #{n} from *").matches("merge Pull Request #12 from a/b"))
        #expect(try !TextPattern("Merge pull request #{n} from *").matches("Merge pull request #x from a/b"))
        #expect(try TextPattern("* (#{n})").matches("feat: x (#34)"))
        #expect(try !TextPattern("* (#{n})").matches("feat: x (#34) and more"))
        #expect(try TextPattern("*{key}-{n}*").matches("fix PAY-12 now"))
        #expect(try !TextPattern("*{key}-{n}*").matches("fix pay-12 now"))
        #expect(try TextPattern("{word}@{n}.{n}.{n}").matches("@scope/pkg@1.2.3"))
        #expect(try TextPattern("v{n}.{n}.{n}").matches("v10.20.30"))
        #expect(try !TextPattern("v{n}.{n}.{n}").matches("v10.20"))
        #expect(try TextPattern("*").matches(""))
        #expect(throws: PatternError.self) { try TextPattern("{nope}") }
        #expect(throws: PatternError.self) { try TextPattern("{n") }
    }

    @Test func pathShapes() throws {
        // The areas' shapes, as the one glob reads them.
        #expect(PathGlob("tests/").matches("a/tests/b.py"))
        #expect(!PathGlob("tests/").matches("a/tests"))
        #expect(PathGlob(".github/workflows/").matches(".github/workflows/ci.yml"))
        #expect(!PathGlob(".github/workflows/").matches("x/.github/workflows/ci.yml"))
        #expect(PathGlob("*_test.go").matches("internal/a_test.go"))
        #expect(PathGlob("deploy/*.yaml").matches("deploy/a.yaml"))
        #expect(!PathGlob("deploy/*.yaml").matches("deploy/x/a.yaml"))
        #expect(PathGlob("deploy/**/*.yaml").matches("deploy/x/y/a.yaml"))
        #expect(PathGlob("deploy/**/*.yaml").matches("deploy/a.yaml"))
        #expect(PathGlob.problem(in: "") != nil)
    }
}

private extension AreaCatalogue {
    /// The area a path belongs to by testing every glob of every area: what `area(of:)` is checked against.
    func areaTestingEveryGlob(of path: String) -> Int? {
        let path = GlobPath(path)
        return areas.firstIndex { area in area.paths.contains { $0.matches(path) } }
    }
}
