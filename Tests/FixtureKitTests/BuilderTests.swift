import Foundation
import Testing
@testable import FixtureKit

/// The builder's semantics on small inline specs.
@Suite struct BuilderTests {
    static let authors = """
    authors:
      alice: {name: Alice Example, email: alice@example.com, tz: "+0100"}
      bob: {name: Bob Example, email: bob@example.com, tz: "-0500"}

    """

    /// Builds `yaml` in a fresh directory and hands the repository to `check`.
    func build(_ yaml: String, _ check: (URL) throws -> Void) throws {
        let directory = try temporaryDirectory("builder")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try FixtureSpec.parse(Self.authors + yaml, file: "inline.yml", name: "inline")
        let repository = directory.appendingPathComponent("repo")
        try FixtureBuilder().build(spec: spec, into: repository)
        try check(repository)
    }

    func git(_ args: String..., in repository: URL) throws -> String {
        try Git.run(args, in: repository).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func commitObjectIsExactlyWhatGitWouldWrite() throws {
        try build("""
        steps:
          - commit: {at: "2024-01-05T10:00:00", author: alice, message: "Add the parser  \\n\\n", write: {a.txt: "a\\n"}}
        """) { (repository: URL) throws in
            let tree = try git("rev-parse", "HEAD^{tree}", in: repository)
            let object = "tree \(tree)\nauthor Alice Example <alice@example.com> 1704445200 +0100\n"
                + "committer Alice Example <alice@example.com> 1704445200 +0100\n\nAdd the parser\n"
            let id = try Git.run(["hash-object", "-t", "commit", "--stdin"], in: repository, input: Data(object.utf8))
            #expect(try git("rev-parse", "HEAD", in: repository) == id.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(try git("cat-file", "blob", "HEAD:a.txt", in: repository) == "a")
        }
    }

    @Test func mergeCommitCarriesTheOtherBranchsChanges() throws {
        try build("""
        steps:
          - commit: {at: "2024-01-01T09:00:00", author: alice, message: base, write: {keep.txt: "k\\n", gone.txt: "g\\n", both.txt: "1\\n"}}
          - branch: topic
          - commit: {at: "2024-01-02T09:00:00", author: bob, message: topic work, write: {topic.txt: "t\\n", both.txt: "2\\n"}, delete: [gone.txt]}
          - switch: main
          - commit: {at: "2024-01-02T10:00:00", author: alice, message: main work, write: {main.txt: "m\\n"}}
          - merge: topic
            at: "2024-01-03T09:00:00"
            author: alice
        """) { (repository: URL) throws in
            let parents = try git("rev-list", "--parents", "-n", "1", "HEAD", in: repository).split(separator: " ")
            #expect(parents.count == 3)
            let files = try git("ls-tree", "-r", "--name-only", "HEAD", in: repository).split(separator: "\n")
            #expect(files == ["both.txt", "keep.txt", "main.txt", "topic.txt"])
            #expect(try git("cat-file", "blob", "HEAD:both.txt", in: repository) == "2")
            // What the merge brought into main, relative to its first parent.
            let changed = try git("diff", "--name-only", "HEAD^1", "HEAD", in: repository).split(separator: "\n")
            #expect(changed == ["both.txt", "gone.txt", "topic.txt"])
            #expect(try git("log", "-1", "--format=%s", in: repository) == "Merge branch 'topic'")
            #expect(try git("merge-base", "--is-ancestor", "topic", "HEAD", in: repository).isEmpty)
        }
    }

    @Test func defaultMergeMessageNamesANonDefaultTarget() throws {
        try build("""
        steps:
          - commit: {at: "2024-01-01T09:00:00", author: alice, message: base, write: {a: "a"}}
          - branch: develop
          - branch: feature/x
          - commit: {at: "2024-01-02T09:00:00", author: bob, message: x, write: {x: "x"}}
          - switch: develop
          - merge: feature/x
            at: "2024-01-03T09:00:00"
            author: alice
        """) { (repository: URL) throws in
            #expect(try git("log", "-1", "--format=%s", in: repository) == "Merge branch 'feature/x' into develop")
            #expect(try git("symbolic-ref", "--short", "HEAD", in: repository) == "develop")
        }
    }

    @Test func squashIsOneOrdinaryCommit() throws {
        try build("""
        steps:
          - commit: {at: "2024-01-01T09:00:00", author: alice, message: base, write: {a: "a"}}
          - branch: feat/x
          - commit: {at: "2024-01-02T09:00:00", author: bob, message: one, write: {x: "1"}}
          - commit: {at: "2024-01-02T10:00:00", author: bob, message: two, write: {x: "2", y: "y"}}
          - switch: main
          - squash: feat/x
            at: "2024-01-02T11:00:00"
            author: bob
            committer: alice
            message: "feat: x (#34)"
          - delete-branch: feat/x
        """) { (repository: URL) throws in
            #expect(try git("rev-list", "--count", "HEAD", in: repository) == "2")
            #expect(try git("rev-list", "--parents", "-n", "1", "HEAD", in: repository).split(separator: " ").count == 2)
            #expect(try git("cat-file", "blob", "HEAD:x", in: repository) == "2")
            #expect(try git("log", "-1", "--format=%an|%cn|%ad|%cd", "--date=raw", in: repository)
                == "Bob Example|Alice Example|1704211200 -0500|1704211200 +0100")
            #expect(try git("for-each-ref", "--format=%(refname)", "refs/heads", in: repository) == "refs/heads/main")
        }
    }

    @Test func fastForwardMovesTheBranch() throws {
        try build("""
        steps:
          - commit: {at: "2024-01-01T09:00:00", author: alice, message: base, write: {a: "a"}}
          - branch: topic
          - commit: {at: "2024-01-02T09:00:00", author: bob, message: t, write: {t: "t"}}
          - switch: main
          - fast-forward: topic
        """) { (repository: URL) throws in
            #expect(try git("rev-parse", "main", in: repository) == (try git("rev-parse", "topic", in: repository)))
            #expect(try git("rev-list", "--merges", "--count", "HEAD", in: repository) == "0")
        }
    }

    @Test func repeatSubstitutesAndCycles() throws {
        try build("""
        steps:
          - repeat:
              count: 4
              every: ["1h", "30m"]
              from: "2024-01-01T09:00:00"
              author: [alice, bob]
              message: ["first {n}", "second {n}"]
              write: {"notes/{n}.txt": "note {n}\\n"}
        """) { (repository: URL) throws in
            let log = try git("log", "--reverse", "--format=%s|%ae|%ad", "--date=iso-strict", in: repository)
            #expect(log.split(separator: "\n") == [
                "first 1|alice@example.com|2024-01-01T09:00:00+01:00",
                "second 2|bob@example.com|2024-01-01T04:00:00-05:00",
                "first 3|alice@example.com|2024-01-01T10:30:00+01:00",
                "second 4|bob@example.com|2024-01-01T05:30:00-05:00",
            ])
            #expect(try git("cat-file", "blob", "HEAD:notes/3.txt", in: repository) == "note 3")
        }
    }

    @Test func modesSymlinksSubmodulesAndBinaryContent() throws {
        try build("""
        steps:
          - commit:
              at: "2024-01-01T09:00:00"
              author: alice
              message: odd entries
              write:
                run.sh: "#!/bin/sh\\n"
                nul.bin: "a\\0b"
                b64.bin: {base64: "/wD+"}
                "quote\\"d\\nname": "q"
              executable: [run.sh]
              symlink: {link: ../../etc/passwd}
              submodule: {vendor/lib: 0123456789abcdef0123456789abcdef01234567}
          - commit: {at: "2024-01-02T09:00:00", author: alice, message: edit, write: {run.sh: "#!/bin/sh\\necho hi\\n"}}
        final: {worktree: false}
        """) { (repository: URL) throws in
            let tree = try Git.runData(["ls-tree", "-r", "-z", "HEAD"], in: repository)
            let entries = tree.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            #expect(entries.contains { $0.hasPrefix("100755 blob") && $0.hasSuffix("\trun.sh") })
            #expect(entries.contains { $0.hasPrefix("120000 blob") && $0.hasSuffix("\tlink") })
            #expect(entries.contains { $0 == "160000 commit 0123456789abcdef0123456789abcdef01234567\tvendor/lib" })
            #expect(entries.contains { $0.hasSuffix("\tquote\"d\nname") })
            #expect(try Git.runData(["cat-file", "blob", "HEAD:nul.bin"], in: repository) == Data([0x61, 0, 0x62]))
            #expect(try Git.runData(["cat-file", "blob", "HEAD:b64.bin"], in: repository) == Data([0xFF, 0, 0xFE]))
            #expect(try git("cat-file", "blob", "HEAD:link", in: repository) == "../../etc/passwd")
        }
    }

    @Test func tagsRemoteBranchesAndDetachedHead() throws {
        try build("""
        steps:
          - commit: {at: "2024-01-01T09:00:00", author: alice, message: one, write: {a: "1"}}
          - tag: {name: v1, tagger: bob, at: "2024-01-01T12:00:00", message: "Release 1"}
          - commit: {at: "2024-01-02T09:00:00", author: alice, message: two, write: {a: "2"}}
          - tag: light
          - remote-branch: {name: origin/main, from: main}
        final:
          detached: v1
          remote-head: origin/main
          remotes: {origin: "https://example.com/repo.git"}
        """) { (repository: URL) throws in
            #expect(try git("cat-file", "-t", "v1", in: repository) == "tag")
            #expect(try git("cat-file", "-t", "light", in: repository) == "commit")
            #expect(try git("rev-parse", "HEAD", in: repository) == (try git("rev-parse", "v1^{commit}", in: repository)))
            #expect(throws: FixtureError.self) { try Git.run(["symbolic-ref", "-q", "HEAD"], in: repository) }
            #expect(try git("symbolic-ref", "refs/remotes/origin/HEAD", in: repository) == "refs/remotes/origin/main")
            #expect(try git("config", "remote.origin.url", in: repository) == "https://example.com/repo.git")
            #expect(try git("cat-file", "blob", "HEAD:a", in: repository) == "1")
            let worktreeFile = try String(contentsOf: repository.appendingPathComponent("a"), encoding: .utf8)
            #expect(worktreeFile == "1")
        }
    }

    @Test func bareHistory() throws {
        try build("""
        bare: true
        steps:
          - commit: {at: "2024-01-01T09:00:00", author: alice, message: one, write: {a: "1"}}
        """) { (repository: URL) throws in
            #expect(try git("rev-parse", "--is-bare-repository", in: repository) == "true")
            #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent("HEAD").path))
        }
    }

    @Test func gitTimeParsingAndFormatting() {
        let time = GitTime.parse("2024-01-05T10:00:00", offsetMinutes: 60)
        #expect(time == GitTime(epoch: 1_704_445_200, offsetMinutes: 60))
        #expect(time?.raw == "1704445200 +0100")
        #expect(time?.isoUTC == "2024-01-05T09:00:00Z")
        #expect(GitTime.parse("2024-01-05T10:00:00-09:30", offsetMinutes: 60)?.offsetText == "-0930")
        #expect(GitTime.parse("2024-01-05 10:00Z", offsetMinutes: 60)?.epoch == 1_704_448_800)
        #expect(GitTime.parse("2024-02-29T00:00:00", offsetMinutes: 0) != nil)
        #expect(GitTime.parse("2023-02-29T00:00:00", offsetMinutes: 0) == nil)
        #expect(GitTime.parse("2024-13-01T00:00:00", offsetMinutes: 0) == nil)
        #expect(GitTime.parse("2024-01-01T24:00:00", offsetMinutes: 0) == nil)
        #expect(GitTime.isoUTC(epoch: 0) == "1970-01-01T00:00:00Z")
        #expect(GitTime.isoUTC(epoch: -1) == "1969-12-31T23:59:59Z")
        #expect(GitTime.parseOffset("+1245") == 765)
        #expect(GitTime.parseOffset("-10:00") == -600)
        #expect(GitTime.parseOffset("0100") == nil)
        #expect(GitTime.parseDuration("1d12h") == 129_600)
        #expect(GitTime.parseDuration("90s") == 90)
        #expect(GitTime.parseDuration("3") == nil)
        #expect(GitTime.parseDuration("2x") == nil)
    }

    @Test func gitRunReportsFailures() throws {
        let error = #expect(throws: FixtureError.self) {
            try Git.run(["rev-parse", "--verify", "no-such-ref"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        }
        #expect(error?.description.contains("git rev-parse --verify no-such-ref") == true)
    }

    @Test func gitRunIgnoresTheCallersConfiguration() throws {
        // Whatever ~/.gitconfig says, the controlled environment has no global or system configuration.
        let output = try Git.run(["config", "--list", "--show-origin"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        #expect(!output.contains("file:/etc/gitconfig"))
        #expect(!output.contains(".gitconfig"))
        #expect(Git.environment["GIT_AUTHOR_NAME"] == nil)
        #expect(Git.environment["GIT_CONFIG_NOSYSTEM"] == "1")
    }
}
