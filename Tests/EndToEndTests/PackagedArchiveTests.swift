import FixtureKit
import Foundation
import Testing

/// The release archive (`scripts/package`) runs on a machine with nothing but Debian's base system: it is
/// unpacked into a minimal root (`scripts/minimal-root`) and run there with chroot. It reports what the
/// test build reports, in every format, and its batch and org report work. `scripts/test` packages cdscan
/// and makes the root; when either is missing the tests are skipped and say why, never passed.
@Suite(.serialized, .enabled(if: MinimalRoot.unavailableReason == nil, Comment(rawValue: MinimalRoot.unavailableReason ?? "")))
struct PackagedArchiveTests {
    @Test func theRootHasNoSwiftNoLibgit2AndNoDevelopmentPackages() throws {
        let minimal = try MinimalRoot()
        let files = FileManager.default
        #expect(!files.fileExists(atPath: minimal.hostPath("/usr/bin/swift")))
        let libraries = try files.contentsOfDirectory(atPath: minimal.hostPath("/usr/lib/x86_64-linux-gnu"))
        #expect(!libraries.contains { $0.hasPrefix("libgit2") || $0.hasPrefix("libyaml") || $0.hasPrefix("libswift") },
                "\(libraries.filter { $0.hasPrefix("libgit2") || $0.hasPrefix("libyaml") || $0.hasPrefix("libswift") })")
        let packages = try minimal.run("/usr/bin/dpkg-query", ["-W", "-f", "${Package}\n"])
        #expect(packages.status == 0, "\(packages.stderr)")
        let installed = packages.stdout.split(separator: "\n").map(String.init)
        #expect(installed.count > 50 && installed.count < 150, "a minbase root has about 90 packages: \(installed.count)")
        #expect(!installed.contains { $0.hasSuffix("-dev") || $0.hasPrefix("libgit2") || $0.hasPrefix("libyaml") || $0.hasPrefix("libsqlite3") },
                "\(installed)")
    }

    @Test func lddListsOnlyTheCLibraryTheLoaderAndTheArchivesOwnLibraries() throws {
        let minimal = try MinimalRoot()
        let ldd = try minimal.run("/usr/bin/ldd", [minimal.binary.path])
        #expect(ldd.status == 0, "\(ldd.stderr)")
        let lines = ldd.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count > 5)
        let cLibrary = ["linux-vdso.so", "libc.so", "libm.so", "libresolv.so", "libpthread.so", "libdl.so", "librt.so", "/lib64/ld-linux-x86-64.so"]
        for line in lines {
            let own = line.contains("=> \(minimal.installation)/bin/../lib/")
            let system = cLibrary.contains { line.hasPrefix($0) }
            #expect(own || system, "\(line) comes neither from the C library nor from the archive")
            #expect(!line.contains("not found"), "\(line)")
        }
    }

    @Test func versionIsTheTestBuildsVersion() throws {
        let minimal = try MinimalRoot()
        let packaged = try minimal.cdscan(["--version"])
        let built = try CDScanBinary.run(["--version"])
        #expect(packaged.status == 0, "\(packaged.stderr)")
        #expect(packaged.stdout == built.stdout)
        #expect(packaged.stdout.hasPrefix("cdscan ") || packaged.stdout.first?.isNumber == true, "\(packaged.stdout)")
    }

    /// The man page and the completions in `share/` are what the test build's generators make: the
    /// page from `cdscan-manual` (dated as in the archive), the completions from `cdscan` itself.
    @Test func shareHoldsTheManPageAndTheCompletionsOfThisBuild() throws {
        let minimal = try MinimalRoot()
        let share = minimal.hostPath(minimal.installation + "/share")
        let page = try String(contentsOfFile: share + "/man/man1/cdscan.1", encoding: .utf8)
        let header = try #require(page.split(separator: "\n").first { $0.hasPrefix(".TH ") }, "no .TH line")
        // .TH "CDSCAN" "1" "2024\-02\-05" …: the date, its hyphens escaped.
        let date = header.split(separator: "\"")[5].replacingOccurrences(of: "\\-", with: "-")
        #expect(date.count == 10, "\(header)")
        let generated = try CDScanBinary.run(["--date", date, CDScanBinary.url.path], executable: ManualPageTests.generator)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(page == generated.stdout, "the archive's man page is not the one this build's generator makes")
        let completions = [
            "bash": "/bash-completion/completions/cdscan",
            "zsh": "/zsh/site-functions/_cdscan",
            "fish": "/fish/vendor_completions.d/cdscan.fish",
        ]
        for (shell, path) in completions.sorted(by: { $0.key < $1.key }) {
            let packaged = try String(contentsOfFile: share + path, encoding: .utf8)
            let built = try CDScanBinary.run(["--generate-completion-script", shell])
            #expect(!packaged.isEmpty && packaged == built.stdout, "\(shell)")
        }
    }

    @Test func aScanGivesTheTestBuildsReportInEveryFormat() throws {
        let minimal = try MinimalRoot()
        let repository = try minimal.copyIntoRoot(try Fixtures.path("service"))
        defer { try? FileManager.default.removeItem(atPath: minimal.hostPath(repository)) }
        for format in ["text", "json", "markdown", "sarif", "codequality"] {
            let packaged = try minimal.cdscan(["scan", repository, "--format", format])
            let built = try CDScanBinary.run(["scan", repository, "--format", format])
            #expect(packaged.status == built.status, "\(format): \(packaged.stderr)")
            #expect(!packaged.stdout.isEmpty, "\(format)")
            #expect(packaged.stdout == built.stdout, "\(format): the packaged binary's report differs from the test build's")
            #expect(packaged.stderr == built.stderr, "\(format)")
        }
    }

    @Test func aBatchAndItsOrgReportRunInTheRoot() throws {
        let minimal = try MinimalRoot()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-packaged-\(UUID().uuidString)")
        let org = work.appendingPathComponent("org")
        try FileManager.default.createDirectory(at: org, withIntermediateDirectories: true)
        for fixture in ["service", "library", "empty"] {
            try FileManager.default.copyItem(at: try Fixtures.path(fixture), to: org.appendingPathComponent(fixture))
        }
        let inside = try minimal.copyIntoRoot(work)
        defer {
            try? FileManager.default.removeItem(at: work)
            try? FileManager.default.removeItem(atPath: minimal.hostPath(inside))
        }
        let database = inside + "/cdscan.db"
        let batch = try minimal.cdscan(["batch", inside + "/org", "--db", database, "--jobs", "2"])
        // The empty repository fails (no commits) and the batch goes on: exit 3, two scanned.
        #expect(batch.status == 3, "\(batch.stderr)")
        #expect(batch.stderr.contains("3 repositories: 2 scanned, 0 unchanged, 1 failed"), "\(batch.stderr)")
        let report = try minimal.cdscan(["report", "--db", database, "--out", inside + "/report"])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: minimal.hostPath(inside + "/report/index.html"), encoding: .utf8)
        #expect(page.contains("service") && page.contains("library"))
    }
}
