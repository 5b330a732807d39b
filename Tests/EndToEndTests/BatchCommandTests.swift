import CDScanStore
import FixtureKit
import Foundation
import Testing

/// `cdscan batch`, `history`, `merge` and `report` run as programs: every repository accounted for, the
/// store's rows, the incremental second run, history points against git's own choice, shards joined.
@Suite struct BatchCommandTests {
    private final class Workspace {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-batch-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

        func directory(_ relative: String) throws -> URL {
            let child = url.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: child, withIntermediateDirectories: true)
            return child
        }
    }


    /// A new commit on main with the same tree (the generated repositories have no work tree).
    private func addCommit(to repository: URL) throws {
        let commit = try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit-tree", "HEAD^{tree}", "-p", "HEAD",
                                  "-m", "chore: another change"], in: repository).trimmingCharacters(in: .whitespacesAndNewlines)
        try Git.run(["update-ref", "refs/heads/main", commit], in: repository)
    }

    @Test func aBatchAccountsForEveryRepositoryAndTheSecondRunSkipsUnchangedOnes() throws {
        let work = try Workspace()
        let root = try work.directory("org")
        for fixture in ["service", "trunk", "mirror", "empty"] {
            try FileManager.default.copyItem(at: try Fixtures.path(fixture), to: root.appendingPathComponent("fixtures/\(fixture)"))
        }
        try DamagedRepositories.missingMiddleCommit(at: root.appendingPathComponent("broken/corrupt"))
        let generated = try SyntheticRepositories.generate(count: 50, into: root.appendingPathComponent("generated"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("generated/loop").path, withDestinationPath: "..")
        // Not found by the search (no repository in it), but listed: it must be accounted for.
        let plain = try work.directory("plain")
        try Data("just files\n".utf8).write(to: plain.appendingPathComponent("notes.txt"))
        let list = work.url.appendingPathComponent("repos.txt")
        try Data("# listed by hand\n\(plain.path)\n\(work.path("missing"))\n".utf8).write(to: list)
        let library = try Fixtures.path("library")
        let database = work.path("cdscan.db")
        let arguments = ["batch", root.path, "--list", list.path, "--url", "file://" + library.path,
                         "--url", "file://" + work.path("no-such-remote"), "--cache", work.path("cache"),
                         "--db", database, "--jobs", "2"]

        let first = try CDScanBinary.run(arguments)
        #expect(first.status == 3, "stderr: \(first.stderr)")
        #expect(first.stdout.isEmpty)
        // Not a terminal: one line per repository, then the summary and every failure with its reason.
        let lines = first.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("[") }.count == 59, "\(first.stderr)")
        #expect(first.stderr.contains("done: 59 repositories: 54 scanned, 0 unchanged, 5 failed"), "\(first.stderr)")
        let failures = Array(lines.drop { $0 != "failed:" }.dropFirst())
        #expect(failures.count == 5, "\(first.stderr)")
        for (name, reason) in [("fixtures/empty", "no commits"), ("broken/corrupt", "damaged"), ("plain", "not a git repository"),
                               ("missing", "not a git repository"), ("no-such-remote", "clone failed")] {
            #expect(failures.contains { $0.contains(name) && $0.contains(reason) }, "\(name): \(failures)")
        }

        let store = try ScanStore.openExisting(path: database)
        #expect(try store.count(status: .scanned) == 54)
        #expect(try store.count(status: .failed) == 5)
        let latest = try store.latest()
        #expect(latest.count == 59)
        #expect(Set(latest.map(\.record.repository)).isSuperset(of: generated.map(\.path)))
        #expect(latest.contains { $0.record.repository == "file://" + library.path && $0.record.status == .scanned })
        let mirror = try #require(latest.first { $0.record.name == "fixtures/mirror" })
        #expect(mirror.record.commit == (try Git.run(["rev-parse", "HEAD"], in: try Fixtures.path("mirror"))
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(mirror.record.outcomes.count == 42 && mirror.record.report != nil)

        // One repository changes; the rest are unchanged and not scanned again.
        try addCommit(to: generated[7])
        let second = try CDScanBinary.run(arguments + ["--report", work.path("report")])
        #expect(second.status == 3, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("done: 59 repositories: 1 scanned, 53 unchanged, 5 failed"), "\(second.stderr)")
        #expect(second.stderr.contains("] scanned L"), "\(second.stderr)")
        #expect(try store.count(status: .scanned) == 55)
        #expect(try store.count(status: .failed) == 10)
        let changed = try store.scans(of: generated[7].path)
        #expect(changed.count == 2)
        #expect(changed.map(\.record.commit).last == (try Git.run(["rev-parse", "HEAD"], in: generated[7])
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        for file in ["index.html", "org.json", "org.csv"] {
            #expect(FileManager.default.fileExists(atPath: work.path("report/\(file)")), "\(file)")
        }
        let overview = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.path("report/org.json")))) as? [String: Any])
        let totals = try #require(overview["totals"] as? [String: Any])
        #expect(totals["repositories"] as? Int == 59)
        #expect(totals["scanned"] as? Int == 54)
        #expect(totals["failed"] as? Int == 5)

        // --force scans everything again.
        let forced = try CDScanBinary.run(["batch", root.appendingPathComponent("fixtures").path, "--db", database, "--force"])
        #expect(forced.stderr.contains("3 scanned, 0 unchanged, 1 failed"), "\(forced.stderr)")
    }

    @Test func historyPointsAreTheCommitsGitRevListPicks() throws {
        let work = try Workspace()
        let repository = try Fixtures.path("library")
        let database = work.path("history.db")
        let run = try CDScanBinary.run(["history", repository.path, "--every", "month", "--db", database])
        #expect(run.status == 0, "stderr: \(run.stderr)")

        // Independently: the first-parent chain's ends from git, month starts in UTC between them, and for
        // each the commit `git rev-list --first-parent -1 --before` picks; then HEAD.
        let chain = try Git.run(["log", "--first-parent", "--format=%H %ct"], in: repository)
            .split(separator: "\n").map { $0.split(separator: " ") }
        let head = String(chain.first![0])
        let headTime = Int(chain.first![1])!, rootTime = Int(chain.last![1])!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let rootDate = Date(timeIntervalSince1970: TimeInterval(rootTime))
        var boundary = calendar.date(byAdding: .month, value: 1,
                                     to: calendar.date(from: calendar.dateComponents([.year, .month], from: rootDate))!)!
        var expected: [String] = []
        while Int(boundary.timeIntervalSince1970) <= headTime {
            let pick = try Git.run(["rev-list", "--first-parent", "-1", "--before=@\(Int(boundary.timeIntervalSince1970))", "HEAD"],
                                   in: repository).trimmingCharacters(in: .whitespacesAndNewlines)
            if !pick.isEmpty && !expected.contains(pick) { expected.append(pick) }
            boundary = calendar.date(byAdding: .month, value: 1, to: boundary)!
        }
        if !expected.contains(head) { expected.append(head) }
        #expect(expected.count >= 5)

        let store = try ScanStore.openExisting(path: database)
        let points = try store.all().filter { $0.kind == .history }
        #expect(points.map { $0.record.commit ?? "" } == expected)
        #expect(points.allSatisfy { $0.record.status == .scanned && $0.record.outcomes.count == 42 })
        // Each point is scanned as of its own commit: its as-of is that commit's time.
        for point in points {
            let time = try Git.run(["log", "-1", "--date=format-local:%Y-%m-%dT%H:%M:%SZ", "--format=%cd", point.record.commit!],
                                   in: repository).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(point.record.asOf == time)
            #expect(point.record.report?.repository.head == point.record.commit)
        }
        #expect(Set(points.compactMap(\.record.report?.snapshot.history.commits)).count > 1)

        // The org report draws the repository's trend from these points.
        let report = try CDScanBinary.run(["report", "--db", database, "--out", work.path("report")])
        #expect(report.status == 0, "\(report.stderr)")
        let overview = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.path("report/org.json")))) as? [String: Any])
        let trends = try #require(overview["trends"] as? [String: Any])
        let series = try #require((trends["repositories"] as? [[String: Any]])?.first)
        #expect((series["points"] as? [Any])?.count ?? 0 >= expected.count - 1)

        let again = try CDScanBinary.run(["history", repository.path, "--every", "month", "--db", database])
        #expect(again.status == 0)
        #expect(again.stderr.contains("0 scanned, \(expected.count) already stored"), "\(again.stderr)")
        #expect(try store.count() == expected.count)
    }

    /// A shallow clone's history stops at its boundary: the points are the commits it holds, as
    /// `git log --first-parent` lists them there.
    @Test func historyOfAShallowCloneStopsAtItsBoundary() throws {
        let work = try Workspace()
        let repository = try Fixtures.path("shallow")
        let database = work.path("shallow.db")
        let run = try CDScanBinary.run(["history", repository.path, "--every", "1-days", "--db", database])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let held = Set(try Git.run(["log", "--first-parent", "--format=%H"], in: repository).split(separator: "\n").map(String.init))
        let points = try ScanStore.openExisting(path: database).all().filter { $0.kind == .history }
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { held.contains($0.record.commit ?? "") && $0.record.status == .scanned })
    }

    @Test func shardsTogetherScanEveryRepositoryOnceAndMergeIntoOneStore() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("repos")
        try SyntheticRepositories.generate(count: 12, into: root)
        var shardCounts: [Int] = []
        for index in 0..<3 {
            let run = try CDScanBinary.run(["batch", root.path, "--shard", "\(index)/3", "--db", work.path("shard-\(index).db")])
            #expect(run.status == 0, "\(run.stderr)")
            shardCounts.append(try ScanStore.openExisting(path: work.path("shard-\(index).db")).count())
        }
        #expect(shardCounts.reduce(0, +) == 12)
        let merge = try CDScanBinary.run(["merge", work.path("all.db")] + (0..<3).map { work.path("shard-\($0).db") })
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = try ScanStore.openExisting(path: work.path("all.db"))
        #expect(try merged.latest().count == 12)
        let again = try CDScanBinary.run(["merge", work.path("all.db"), work.path("shard-0.db")])
        #expect(again.stderr.contains("0 scans added"), "\(again.stderr)")

        let report = try CDScanBinary.run(["report", "--db", work.path("all.db"), "--out", work.path("out")])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: work.url.appendingPathComponent("out/org.json")))
        #expect(((json as? [String: Any])?["repositories"] as? [Any])?.count == 12)
        #expect(FileManager.default.fileExists(atPath: work.path("out/index.html")))
    }

    @Test func ctrlCStopsCleanlyAndKeepsWhatFinished() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("repos")
        try SyntheticRepositories.generate(count: 40, into: root)
        let database = work.path("interrupted.db")
        let process = Process()
        process.executableURL = CDScanBinary.url
        process.arguments = ["batch", root.path, "--db", database, "--jobs", "1"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let firstLine = DispatchSemaphore(value: 0)
        let collected = Collected()
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; return }
            if collected.append(data) { firstLine.signal() }
        }
        try process.run()
        #expect(firstLine.wait(timeout: .now() + 30) == .success)
        process.interrupt()
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        let stderr = collected.text + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("cdscan: interrupted: finishing the scans in progress; finished results are saved in \(database)"), "\(stderr)")
        let finished = stderr.split(separator: "\n").filter { $0.hasPrefix("[") }.count
        #expect(finished > 0 && finished < 40)
        #expect(stderr.contains("interrupted: 40 repositories: \(finished) scanned, 0 unchanged, 0 failed, \(40 - finished) not started"),
                "\(stderr)")
        #expect(try ScanStore.openExisting(path: database).count(status: .scanned) == finished)

        // The next run scans only the rest.
        let rest = try CDScanBinary.run(["batch", root.path, "--db", database])
        #expect(rest.status == 0)
        #expect(rest.stderr.contains("\(40 - finished) scanned, \(finished) unchanged, 0 failed"), "\(rest.stderr)")
    }

    /// Standard error as it arrives, behind a lock.
    private final class Collected: @unchecked Sendable {  // `data` is only touched under `lock`
        private let lock = NSLock()
        private var data = Data()
        private var signalled = false

        /// Appends; true the first time a whole progress line has arrived.
        func append(_ more: Data) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            data.append(more)
            if !signalled, String(decoding: data, as: UTF8.self).contains("]") {
                signalled = true
                return true
            }
            return false
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Root reads everything, so the unreadable cases run the binary as `nobody` through setpriv (skipped
    /// where that cannot be done).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func unreadableDirectoriesAndRepositoriesFailWithPermissionDenied() throws {
        let work = try Workspace()
        let root = try work.directory("org")
        let repositories = try SyntheticRepositories.generate(count: 2, into: root)
        let locked = try work.directory("org/locked")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        let objects = repositories[1].appendingPathComponent(".git/objects")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: objects.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: work.url.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path)
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: objects.path)
        }
        // The binary and its directories must be reachable by nobody.
        guard access(CDScanBinary.url.path, X_OK) == 0 else { return }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CDScanBinary.url.path,
                             "batch", root.path, "--db", work.path("nobody.db")]
        process.currentDirectoryURL = work.url
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3, "\(stderr)")
        #expect(stderr.contains("1 scanned, 0 unchanged, 2 failed"), "\(stderr)")
        #expect(stderr.contains("locked: \(locked.path): cannot list the directory: permission denied"), "\(stderr)")
        #expect(stderr.contains("repo-001: \(repositories[1].path): permission denied: cannot read \(objects.path)"), "\(stderr)")
    }

    /// Issue #15: a directory whose entries are symbolic links to repositories. Each repository is scanned
    /// once, under its link's name, and every link not followed (a second link to a repository, a dangling
    /// one, loops) is a note with its reason; the loops do not hang the batch.
    @Test(.timeLimit(.minutes(2)))
    func linksToRepositoriesAreFollowedOnceAndTheSkippedOnesNamed() throws {
        let work = try Workspace()
        let real = try work.directory("real")
        for fixture in ["service", "trunk"] {
            try FileManager.default.copyItem(at: try Fixtures.path(fixture), to: real.appendingPathComponent(fixture))
        }
        let links = try work.directory("links")
        func link(_ name: String, _ destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: links.appendingPathComponent(name).path, withDestinationPath: destination)
        }
        try link("api", real.appendingPathComponent("service").path)
        try link("api-again", "../real/service")
        try link("web", "../real/trunk")
        try link("gone", "../real/deleted")
        try link("here", ".")
        try link("ping", "pong")
        try link("pong", "ping")
        let database = work.path("links.db")

        let run = try CDScanBinary.run(["batch", links.path, "--db", database, "--jobs", "2"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("done: 2 repositories: 2 scanned, 0 unchanged, 0 failed"), "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n").filter { $0.hasPrefix("cdscan: note: skipped ") }.map(String.init)
        let path = { (name: String) in links.appendingPathComponent(name).path }
        #expect(notes == [
            "cdscan: note: skipped \(path("api-again")): a symbolic link to a repository found already (as \(path("api")))",
            "cdscan: note: skipped \(path("gone")): a dangling symbolic link (to ../real/deleted, which does not exist)",
            "cdscan: note: skipped \(path("here")): a symbolic link loop (it leads back to \(links.path), which contains it)",
            "cdscan: note: skipped \(path("ping")): a loop of symbolic links",
            "cdscan: note: skipped \(path("pong")): a loop of symbolic links",
        ], "\(run.stderr)")
        let store = try ScanStore.openExisting(path: database)
        let latest = try store.latest()
        #expect(latest.map(\.record.name).sorted() == ["api", "web"])
        #expect(latest.allSatisfy { $0.record.status == .scanned })
        // Keyed by the real path: searching the real directory as well adds nothing new.
        #expect(Set(latest.map(\.record.repository)) == Set(["service", "trunk"].map { real.appendingPathComponent($0).resolvingSymlinksInPath().path }))
        let both = try CDScanBinary.run(["batch", links.path, real.path, "--db", database])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stderr.contains("done: 2 repositories: 0 scanned, 2 unchanged, 0 failed"), "\(both.stderr)")

        // --quiet leaves the notes out.
        let quiet = try CDScanBinary.run(["batch", links.path, "--db", database, "-q"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    /// A batch that finds no repository at all is a usage error (64) that says so, with the links it
    /// skipped; no store is created. A directory without repositories beside one with some is a note.
    @Test func aBatchThatFindsNothingIsAUsageError() throws {
        let work = try Workspace()
        let empty = try work.directory("empty")
        let database = work.path("nothing.db")
        let run = try CDScanBinary.run(["batch", empty.path, "--db", database])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "cdscan: error: no repository to scan: none found under \(empty.path)\n")
        #expect(!FileManager.default.fileExists(atPath: database))

        let dangling = try work.directory("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.appendingPathComponent("api").path, withDestinationPath: "/nonexistent/api")
        let list = work.url.appendingPathComponent("repos.txt")
        try Data("# none yet\n".utf8).write(to: list)
        let links = try CDScanBinary.run(["batch", dangling.path, "--list", list.path, "--db", database])
        #expect(links.status == 64, "\(links.stderr)")
        #expect(links.stderr == """
            cdscan: note: skipped \(dangling.path)/api: a dangling symbolic link (to /nonexistent/api, which does not exist)
            cdscan: error: no repository to scan: none found under \(dangling.path); none listed in \(list.path); 1 symbolic link skipped

            """)
        let quiet = try CDScanBinary.run(["batch", dangling.path, "--db", database, "-q"])
        #expect(quiet.status == 64)
        #expect(quiet.stderr == "cdscan: error: no repository to scan: none found under \(dangling.path); 1 symbolic link skipped\n")
        #expect(!FileManager.default.fileExists(atPath: database))

        try FileManager.default.copyItem(at: try Fixtures.path("service"), to: work.url.appendingPathComponent("org/service"))
        let some = try CDScanBinary.run(["batch", empty.path, work.path("org"), "--db", database])
        #expect(some.status == 0, "\(some.stderr)")
        #expect(some.stderr.hasPrefix("cdscan: note: no repository found under \(empty.path)\n"), "\(some.stderr)")
        #expect(some.stderr.contains("done: 1 repositories: 1 scanned"), "\(some.stderr)")
    }

    @Test func usageAndStoreErrors() throws {
        for arguments in [["batch"], ["batch", "/tmp", "--shard", "3/3"], ["batch", "/tmp", "--jobs", "0"],
                          ["history", "/tmp", "--every", "fortnight"], ["merge", "/tmp/x.db"],
                          ["batch", "--list", "/nonexistent/list.txt"]] {
            let run = try CDScanBinary.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
        }
        let missing = try CDScanBinary.run(["report", "--db", "/nonexistent/cdscan.db", "--out", "/tmp/none"])
        #expect(missing.status == 4, "\(missing.stderr)")
    }
}
