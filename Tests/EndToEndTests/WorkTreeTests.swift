import Foundation
import Testing
import FixtureKit

/// A checkout's uncommitted files: a plain scan reads HEAD and names what it left out; `--worktree`
/// reads them from the work tree (never through a symlink), history staying HEAD's.
@Suite struct WorkTreeTests {
    /// A fresh clone of a fixture in a temporary directory: the fixtures are shared, their work trees
    /// must not change.
    final class Checkout {
        let url: URL
        private let parent: URL

        init(_ fixture: String) throws {
            parent = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-worktree-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            url = parent.appendingPathComponent(fixture)
            _ = try Git.run(["clone", "-q", try Fixtures.path(fixture).path, url.path], in: parent)
        }

        deinit { try? FileManager.default.removeItem(at: parent) }

        func write(_ path: String, _ text: String) throws {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }

        func link(_ path: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(path).path, withDestinationPath: target)
        }

        var head: String {
            get throws { try Git.run(["rev-parse", "--short=7", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines) }
        }

        func scan(_ arguments: [String] = []) throws -> CDScanBinary.Run {
            try CDScanBinary.run(["scan", url.path] + arguments)
        }

        func json(_ arguments: [String] = [], status: Int32 = 0) throws -> [String: Any] {
            let run = try scan(["--format", "json"] + arguments)
            #expect(run.status == status, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
    }

    static let config = """
        declared:
          L4.people.mentors-guilds: {answer: met, because: "The platform guild meets fortnightly"}
        policy:
          fail-under: 5

        """

    static func source(of id: String, in report: [String: Any]) -> String? {
        let characteristics = report["characteristics"] as? [[String: Any]] ?? []
        return characteristics.first { $0["id"] as? String == id }?["source"] as? String
    }

    /// Every path a finding or a characteristic's evidence points at.
    static func evidencePaths(_ report: [String: Any]) -> Set<String> {
        var paths = Set<String>()
        for finding in report["findings"] as? [[String: Any]] ?? [] {
            for location in finding["locations"] as? [[String: Any]] ?? [] {
                if let path = location["path"] as? String { paths.insert(path) }
            }
        }
        for characteristic in report["characteristics"] as? [[String: Any]] ?? [] {
            for evidence in characteristic["evidence"] as? [[String: Any]] ?? [] {
                if let path = evidence["path"] as? String { paths.insert(path) }
            }
        }
        return paths
    }

    @Test func anUncommittedConfigurationIsNamedByAPlainScanAndReadWithWorktree() throws {
        let checkout = try Checkout("service")
        try checkout.write(".cdscan.yml", Self.config)
        let head = try checkout.head

        let text = try checkout.scan()
        #expect(text.status == 0, "HEAD has no policy: \(text.stderr)")
        let note = "scanned HEAD \(head); 1 changed file is not included (.cdscan.yml): use --worktree"
        #expect(text.stderr.contains("cdscan: note: \(note)\n"), "\(text.stderr)")
        #expect(text.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("(\(note))"), "\(text.stdout)")
        let markdown = try checkout.scan(["--format", "markdown"])
        #expect(markdown.stdout.contains("> scanned HEAD \(head); 1 changed file is not included (.cdscan.yml): use `--worktree`"))

        let plain = try checkout.json()
        let block = try #require(plain["worktree"] as? [String: Any])
        #expect(block["included"] as? Bool == false)
        #expect(block["count"] as? Int == 1)
        #expect(block["countIsLowerBound"] as? Bool == false)
        let listed = try #require(block["uncommitted"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["path"] as? String == ".cdscan.yml")
        #expect(listed.first?["change"] as? String == "added")
        #expect(Self.source(of: "L4.people.mentors-guilds", in: plain) != "declared")

        // --worktree: the configuration is read, so its declared answer and its policy count.
        let run = try checkout.scan(["--worktree", "--format", "json"])
        #expect(run.status == 1, "the work tree's policy: \(run.stderr)")
        #expect(run.stderr.contains("below policy"))
        #expect(run.stderr.contains("cdscan: note: scanned HEAD \(head) with 1 uncommitted file from the work tree (.cdscan.yml); history is HEAD's"))
        let included = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Self.source(of: "L4.people.mentors-guilds", in: included) == "declared")
        let includedBlock = try #require(included["worktree"] as? [String: Any])
        #expect(includedBlock["included"] as? Bool == true)
        #expect((includedBlock["uncommitted"] as? [[String: Any]])?.first?["path"] as? String == ".cdscan.yml")
        // History stays HEAD's.
        #expect((included["repository"] as? [String: Any])?["head"] as? String
                == (plain["repository"] as? [String: Any])?["head"] as? String)
        let history = { (report: [String: Any]) in ((report["snapshot"] as? [String: Any])?["history"] as? [String: Any])?["commits"] as? Int }
        #expect(history(included) == history(plain))

        let banner = try checkout.scan(["--worktree"])
        #expect(banner.stdout.replacingOccurrences(of: "\n  ", with: " ")
                .contains("(scanned HEAD \(head) with 1 uncommitted file from the work tree (.cdscan.yml); history is HEAD's)"))
    }

    @Test func anUntrackedWorkflowCountsOnlyWithWorktree() throws {
        let checkout = try Checkout("hobby")
        let workflow = ".github/workflows/worktree-ci.yml"
        try checkout.write(workflow, """
            name: ci
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: make test

            """)
        let plain = try checkout.json()
        #expect(!Self.evidencePaths(plain).contains(workflow))
        #expect(((plain["worktree"] as? [String: Any])?["uncommitted"] as? [[String: Any]])?.contains { $0["path"] as? String == workflow } == true)
        let included = try checkout.json(["--worktree"])
        #expect(Self.evidencePaths(included).contains(workflow), "the pipeline evidence names the untracked workflow")
        #expect((included["worktree"] as? [String: Any])?["included"] as? Bool == true)
    }

    @Test func symlinksInTheWorkTreeAreNeverFollowed() throws {
        let checkout = try Checkout("service")
        try checkout.link(".github/workflows/passwd.yml", to: "/etc/passwd")
        try checkout.link("deploy", to: "/etc")
        try FileManager.default.removeItem(at: checkout.url.appendingPathComponent(".github/workflows/ci.yml"))
        try checkout.link(".github/workflows/ci.yml", to: "../../../../../../../../../../etc/passwd")
        try checkout.link(".cdscan.yml", to: "/etc/passwd")

        let run = try checkout.scan(["--worktree", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("root:"), "nothing of /etc/passwd reaches the report")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let listed = ((report["worktree"] as? [String: Any])?["uncommitted"] as? [[String: Any]] ?? [])
            .compactMap { $0["path"] as? String }
        #expect(Set(listed) == [".cdscan.yml", ".github/workflows/ci.yml", ".github/workflows/passwd.yml", "deploy"])
        let paths = Self.evidencePaths(report)
        #expect(!paths.contains(".github/workflows/passwd.yml"))
        #expect(!paths.contains { $0.hasPrefix("deploy/") })
        let text = try checkout.scan(["--worktree", "--verbose"])
        #expect(!text.stdout.contains("root:"))
    }

    @Test func worktreeIsAUsageErrorWithARevisionOrABareRepository() throws {
        let checkout = try Checkout("service")
        let revision = try checkout.scan(["--worktree", "--revision", "HEAD"])
        #expect(revision.status == 64)
        #expect(revision.stderr.contains("--worktree") && revision.stderr.contains("--revision"), "\(revision.stderr)")
        #expect(revision.stdout.isEmpty)

        let bare = try CDScanBinary.run(["scan", try Fixtures.path("mirror").path, "--worktree"])
        #expect(bare.status == 64)
        #expect(bare.stderr.hasPrefix("cdscan: error: ") && bare.stderr.contains("bare repository"), "\(bare.stderr)")
        #expect(bare.stderr.split(separator: "\n").count == 1)

        // A revision is a commit: its scan says nothing of the work tree.
        try checkout.write(".cdscan.yml", Self.config)
        let past = try checkout.scan(["--revision", "HEAD"])
        #expect(past.status == 0)
        #expect(!past.stderr.contains("note"))
        #expect(!past.stdout.contains("not included"))
    }

    @Test func aCleanCheckoutGetsNoNoteAndTheSameReport() throws {
        let checkout = try Checkout("service")
        let plain = try checkout.scan(["--format", "json"])
        #expect(plain.status == 0)
        #expect(plain.stderr.isEmpty, "\(plain.stderr)")
        #expect(!plain.stdout.contains("\"worktree\""))
        let text = try checkout.scan()
        #expect(text.stderr.isEmpty)
        #expect(!text.stdout.contains("scanned HEAD"))

        let included = try checkout.scan(["--worktree", "--format", "json"])
        #expect(included.status == 0)
        #expect(included.stderr.isEmpty, "\(included.stderr)")
        // The block is the last key (keys are sorted): without it the documents are byte-identical.
        let range = try #require(included.stdout.range(of: ",\n  \"worktree\" : {"))
        let end = try #require(included.stdout.range(of: "\n  }", range: range.upperBound..<included.stdout.endIndex))
        #expect(String(included.stdout[..<range.lowerBound] + included.stdout[end.upperBound...]) == plain.stdout)
        let block = try #require((try JSONSerialization.jsonObject(with: Data(included.stdout.utf8)) as? [String: Any])?["worktree"] as? [String: Any])
        #expect(block["included"] as? Bool == true)
        #expect(block["count"] as? Int == 0)
        let banner = try checkout.scan(["--worktree"])
        #expect(banner.stdout.contains("(scanned HEAD \(try checkout.head) with its work tree: no uncommitted changes)"))
    }

    /// libgit2 may read the `.gitattributes` blobs the index names while it compares the work tree;
    /// cdscan checks them first, so a damaged one is a note (plain scan) or exit 2 (`--worktree`), never
    /// libgit2 reading a damaged loose object.
    @Test func aDamagedAttributesBlobInTheIndexStopsTheComparisonNotTheScan() throws {
        let checkout = try Checkout("service")
        try checkout.write(".gitattributes", "*.sh text eol=lf\n")
        _ = try Git.run(["add", ".gitattributes"], in: checkout.url)
        let id = try Git.run(["rev-parse", ":.gitattributes"], in: checkout.url).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = checkout.url.appendingPathComponent(".git/objects/\(id.prefix(2))/\(id.dropFirst(2))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
        try Data([0x78, 0x01, 0xFF, 0x00, 0x13, 0x37]).write(to: object)

        let plain = try checkout.scan(["--format", "json"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("cdscan: note: scanned HEAD \(try checkout.head); could not compare the work tree with it"), "\(plain.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        #expect((report["worktree"] as? [String: Any])?["problem"] is String)

        let included = try checkout.scan(["--worktree"])
        #expect(included.status == 2, "\(included.stderr)")
        #expect(included.stderr.contains("cannot compare the work tree with HEAD"))
        #expect(included.stderr.split(separator: "\n").count == 1)
    }

    @Test func ignoredFilesAndExcludedPathsAreNotNamed() throws {
        let checkout = try Checkout("service")
        try checkout.write(".gitignore", "build/\n")
        try checkout.write("build/ci.yml", "ignored\n")
        try checkout.write(".cdscan.yml", "exclude: [vendor/]\n")
        try checkout.write("vendor/x/.github/workflows/ci.yml", "name: vendored\n")
        let included = try checkout.json(["--worktree"])
        let listed = ((included["worktree"] as? [String: Any])?["uncommitted"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(listed == [".cdscan.yml", ".gitignore"], "ignored by git or excluded by the work tree's configuration")
    }
}
