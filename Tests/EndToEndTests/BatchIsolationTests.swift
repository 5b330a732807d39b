import CDScanStore
import FixtureKit
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `cdscan batch` and `history` isolate every repository in a worker process: a crash, a hang, a memory
/// blow-up or a server that never answers fails that repository with its reason and the batch goes on (a
/// rerun too); credentials never reach the store, the report or the screen; stores and mirrors survive
/// concurrency, read-only mounts and interrupted clones; SIGTERM ends a batch like Ctrl-C; usage errors
/// are one line. Faults are injected through the worker's test hook (`CDSCAN_WORKER_FAULT`), so these
/// tests do not depend on any particular libgit2 bug.
@Suite struct BatchIsolationTests {
    private final class Workspace {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-isolation-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
    }

    /// The lines after `failed:` in a batch summary.
    private func failureLines(_ stderr: String) -> [String] {
        Array(stderr.split(separator: "\n").map(String.init).drop { $0 != "failed:" }.dropFirst())
    }

    @Test func aCrashAHangAndAMemoryBlowUpFailTheirRepositoryAndTheBatchGoesOnTwice() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("org")
        try SyntheticRepositories.generate(count: 4, into: root.appendingPathComponent("good"))
        for name in ["crashing", "hanging", "greedy"] {
            try SyntheticRepositories.generate(count: 1, into: root.appendingPathComponent(name), prefix: name + "-")
        }
        let arguments = ["batch", root.path, "--db", work.path("s.db"), "--timeout", "3", "--memory-limit", "512", "--jobs", "2"]
        let fault = ["CDSCAN_WORKER_FAULT": "abort:crashing-,hang:hanging-,oom:greedy-"]
        for round in ["first", "rerun"] {
            let started = Date()
            let run = try CDScanBinary.run(arguments, environment: fault)
            #expect(run.status == 3, "\(round): \(run.stderr)")
            let verb = round == "first" ? "4 scanned, 0 unchanged" : "0 scanned, 4 unchanged"
            #expect(run.stderr.contains("done: 7 repositories: \(verb), 3 failed"), "\(round): \(run.stderr)")
            let failures = failureLines(run.stderr)
            #expect(failures.count == 3, "\(round): \(run.stderr)")
            #expect(failures.contains { $0.contains("crashing-000: crashed: SIGABRT while scanning") }, "\(failures)")
            #expect(failures.contains { $0.contains("hanging-000: timed out after 3 s while scanning") }, "\(failures)")
            #expect(failures.contains { $0.contains("greedy-000: memory limit of 512 MiB exceeded while scanning") }, "\(failures)")
            // The hang costs its 3 s budget; the rest is a few small scans (slack for a loaded CI machine).
            #expect(Date().timeIntervalSince(started) < 15, "\(round)")
        }
        let store = try ScanStore.openExisting(path: work.path("s.db"))
        #expect(try store.count(status: .scanned) == 4)
        #expect(try store.count(status: .failed) == 6)
        #expect(try store.latest().filter { $0.record.status == .failed }.compactMap(\.record.error).allSatisfy {
            $0.hasPrefix("crashed: ") || $0.hasPrefix("timed out ") || $0.hasPrefix("memory limit ")
        })
    }

    @Test func aServerThatAcceptsAndNeverAnswersFailsItsURLOnlyAndLeavesNoHalfMirror() throws {
        let work = try Workspace()
        let good = try SyntheticRepositories.generate(count: 3, into: work.url.appendingPathComponent("repos"))
        let server = try LocalServer { _ in /* accept, read nothing, answer nothing */ }
        defer { server.stop() }
        let silent = "http://127.0.0.1:\(server.port)/org/silent.git"
        let started = Date()
        let run = try CDScanBinary.run(["batch", work.path("repos"), "--url", silent, "--url", "file://" + good[0].path,
                                        "--cache", work.path("cache"), "--db", work.path("s.db"), "--timeout", "3"])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("done: 5 repositories: 4 scanned, 0 unchanged, 1 failed"), "\(run.stderr)")
        #expect(failureLines(run.stderr) == ["  org/silent: timed out after 3 s while cloning \(silent)"], "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 15)
        // The killed clone's partial directory is gone; only the good URL's mirror is there.
        let cache = try FileManager.default.contentsOfDirectory(atPath: work.path("cache"))
        #expect(cache.count == 1 && !cache[0].contains("silent") && !cache[0].contains(".partial-"), "\(cache)")
    }

    @Test func credentialsInAURLAreUsedForTheTransferButNeverStoredOrPrinted() throws {
        let work = try Workspace()
        let seen = Collected()
        // Asks for credentials, then notes the ones it gets and says the repository is not there.
        let server = try LocalServer { connection in
            guard let request = connection.readRequest() else { return }
            if let line = request.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("authorization:") }) {
                seen.append(String(line))
                connection.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            } else {
                connection.write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n")
            }
        }
        defer { server.stop() }
        let secret = "s3cret-T0ken"
        let url = "http://alice:\(secret)@127.0.0.1:\(server.port)/org/private.git"
        let clean = "http://127.0.0.1:\(server.port)/org/private.git"
        let run = try CDScanBinary.run(["batch", "--url", url, "--cache", work.path("cache"), "--db", work.path("s.db"),
                                        "--report", work.path("report"), "--timeout", "3"])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(seen.lines.contains("Authorization: Basic \(Data("alice:\(secret)".utf8).base64EncodedString())"), "\(seen.lines)")
        #expect(run.stderr.contains("org/private: clone failed:"), "\(run.stderr)")
        #expect(!run.stderr.contains(secret) && !run.stderr.contains("alice"), "\(run.stderr)")

        let store = try ScanStore.openExisting(path: work.path("s.db"))
        #expect(try store.latest().map(\.record.repository) == [clean])
        try store.close()
        var files = [work.path("s.db"), work.path("report/index.html"), work.path("report/org.json"), work.path("report/org.csv")]
        files += (try? FileManager.default.subpathsOfDirectory(atPath: work.path("cache")))?.map { work.path("cache/" + $0) } ?? []
        for file in files {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file)")
            #expect(!file.contains(secret), "\(file)")
        }
        let overview = String(decoding: try Data(contentsOf: URL(fileURLWithPath: work.path("report/org.json"))), as: UTF8.self)
        #expect(overview.contains(clean))
    }

    @Test func aHalfMadeMirrorIsClonedAgainInsteadOfFailingEveryRun() throws {
        let work = try Workspace()
        let source = try SyntheticRepositories.generate(count: 1, into: work.url.appendingPathComponent("source"))[0]
        let arguments = ["batch", "--url", "file://" + source.path, "--cache", work.path("cache"), "--db", work.path("s.db")]
        let first = try CDScanBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let mirrors = try FileManager.default.contentsOfDirectory(atPath: work.path("cache"))
        #expect(mirrors.count == 1)
        let mirror = work.url.appendingPathComponent("cache/" + mirrors[0])

        // What a clone cut short by a full disk left: an initialised repository without its remote or refs,
        // and the partial directory of a process that is gone.
        try FileManager.default.removeItem(at: mirror)
        try Git.run(["init", "-q", "--bare", mirror.path], in: work.url)
        let abandoned = work.path("cache/" + mirrors[0] + ".partial-999999999")
        try Git.run(["init", "-q", "--bare", abandoned], in: work.url)
        let second = try CDScanBinary.run(arguments + ["--force"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("1 scanned, 0 unchanged, 0 failed"), "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path("cache")) == mirrors)
        #expect(try Git.run(["config", "remote.origin.url"], in: mirror).trimmingCharacters(in: .whitespacesAndNewlines)
            == "file://" + source.path)
    }

    @Test func sigtermEndsABatchWithItsSummaryLikeCtrlC() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("repos")
        try SyntheticRepositories.generate(count: 6, into: root)
        let database = work.path("s.db")
        let process = Process()
        process.executableURL = CDScanBinary.url
        process.arguments = ["batch", root.path, "--db", database, "--jobs", "1", "--timeout", "2"]
        // Every scan hangs until its budget: the batch is surely mid-way when the signal comes, and the scan in
        // progress ends (timed out) before the batch does.
        process.environment = ProcessInfo.processInfo.environment.merging(["CDSCAN_WORKER_FAULT": "hang:"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        usleep(600_000)
        process.terminate()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("cdscan: interrupted: finishing the scans in progress"), "\(stderr)")
        #expect(stderr.contains("interrupted: 6 repositories: 0 scanned, 0 unchanged, 1 failed, 5 not started"), "\(stderr)")
        #expect(try ScanStore.openExisting(path: database).count() == 1)
    }

    /// A batch killed outright (SIGKILL, a crash of its own) leaves no worker running: a worker whose job
    /// pipe ends while it works quits at once, even in the middle of a hang. (Were one left, it would not
    /// hold this test's pipes either: workers inherit no descriptor beyond their three pipes.)
    @Test func aKilledBatchLeavesNoWorkerBehind() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("repos")
        try SyntheticRepositories.generate(count: 2, into: root)
        let process = Process()
        process.executableURL = CDScanBinary.url
        process.arguments = ["batch", root.path, "--db", work.path("s.db"), "--jobs", "2", "--timeout", "60"]
        process.environment = ProcessInfo.processInfo.environment.merging(["CDSCAN_WORKER_FAULT": "hang:"]) { $1 }
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var workers: [Int32] = []
        for _ in 0..<100 where workers.count < 2 {
            usleep(50_000)
            workers = Self.children(of: process.processIdentifier)
        }
        #expect(workers.count == 2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline && workers.contains(where: Self.isRunning) { usleep(20_000) }
        #expect(!workers.contains(where: Self.isRunning), "workers still running: \(workers)")
    }

    /// The processes whose parent is `pid` (from /proc).
    private static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }
    }

    /// Running, not gone nor a zombie waiting for a reaper.
    private static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    @Test func twoBatchesCreatingTheSameNewStoreAtOnceBothSucceed() throws {
        let work = try Workspace()
        let root = work.url.appendingPathComponent("repos")
        try SyntheticRepositories.generate(count: 2, into: root)
        for round in 0..<3 {
            let database = work.path("race-\(round).db")
            let runs = Results()
            let group = DispatchGroup()
            for _ in 0..<3 {
                group.enter()
                Thread {
                    do {
                        runs.append(try CDScanBinary.run(["batch", root.path, "--db", database, "--jobs", "1"]))
                    } catch {
                        runs.append(CDScanBinary.Run(status: -1, stdout: "", stderr: "\(error)"))
                    }
                    group.leave()
                }.start()
            }
            group.wait()
            for run in runs.all {
                #expect(run.status == 0, "round \(round): \(run.stderr)")
            }
            #expect(try ScanStore.openExisting(path: database).latest().count == 2)
        }
    }

    /// A store on a directory and file the user cannot write (a read-only mount, a CI artefact): the report
    /// reads it. Root writes anything, so as root the report runs as nobody (skipped where that cannot be).
    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aReportReadsAStoreItCannotWrite() throws {
        let work = try Workspace()
        try SyntheticRepositories.generate(count: 2, into: work.url.appendingPathComponent("repos"))
        let stores = work.url.appendingPathComponent("stores")
        try FileManager.default.createDirectory(at: stores, withIntermediateDirectories: true)
        let database = stores.appendingPathComponent("s.db").path
        #expect(try CDScanBinary.run(["batch", work.path("repos"), "--db", database]).status == 0)
        let out = work.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: work.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: stores.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stores.path) }
        guard access(CDScanBinary.url.path, X_OK) == 0 else { return }

        let wrapper = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let run = try CDScanBinary.run(["report", "--db", database, "--out", out.path], wrapper: wrapper)
        #expect(run.status == 0, "\(run.stderr)")
        let overview = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("org.json")))
        #expect(((overview as? [String: Any])?["repositories"] as? [Any])?.count == 2)
        // The report wrote nothing beside the store (the history cache is the batch's).
        #expect(try FileManager.default.contentsOfDirectory(atPath: stores.path).sorted() == ["s.db", "s.db.history"])
    }

    @Test func historyGoesOnPastAPointThatCrashesAndFailsCleanlyWhenItsHistoryCannotBeRead() throws {
        let work = try Workspace()
        let repository = try Fixtures.path("library")
        let commits = try Git.run(["rev-list", "--first-parent", "HEAD"], in: repository).split(separator: "\n").map(String.init)
        let head = commits[0]
        let point = try CDScanBinary.run(["history", repository.path, "--db", work.path("h.db"), "--timeout", "2"],
                                         environment: ["CDSCAN_WORKER_FAULT": "abort:\(head)"])
        #expect(point.status == 3, "\(point.stderr)")
        #expect(point.stderr.contains("\(head.prefix(12)) failed: crashed: SIGABRT while scanning"), "\(point.stderr)")
        #expect(point.stderr.contains(" failed; results in"), "\(point.stderr)")
        #expect(try ScanStore.openExisting(path: work.path("h.db")).count(status: .scanned) >= 4)

        let whole = try CDScanBinary.run(["history", repository.path, "--db", work.path("h2.db"), "--timeout", "1"],
                                         environment: ["CDSCAN_WORKER_FAULT": "hang:"])
        #expect(whole.status == 2, "\(whole.stderr)")
        #expect(whole.stderr == "cdscan: error: \(repository.path): timed out after 1 s while reading the first-parent history\n")
    }

    @Test func jobsAreCappedAtAFewPerCoreWithANote() throws {
        let work = try Workspace()
        try SyntheticRepositories.generate(count: 2, into: work.url.appendingPathComponent("repos"))
        let run = try CDScanBinary.run(["batch", work.path("repos"), "--db", work.path("s.db"), "--jobs", "100000"])
        #expect(run.status == 0, "\(run.stderr)")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(run.stderr.hasPrefix("cdscan: note: --jobs 100000 lowered to \(cores * 4) (4 per core on \(cores) cores)\n"),
                "\(run.stderr)")
    }

    @Test func usageErrorsAreOneLineAndHelpIsUnchanged() throws {
        for arguments in [["batch"], ["batch", "/tmp", "--jobs", "x"], ["batch", "/tmp", "--jobs", "0"],
                          ["history", "/tmp", "--every", "fortnight"], ["scan", "--no-such-option"],
                          ["batch", "/tmp", "--timeout", "0"], ["batch", "/tmp", "--memory-limit", "10"],
                          ["report", "--db", "x.db"]] {
            let run = try CDScanBinary.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines[1].isEmpty, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("cdscan: error: "), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("(see 'cdscan "), "\(arguments): \(run.stderr)")
        }
        let help = try CDScanBinary.run(["batch", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: cdscan batch") && help.stdout.contains("--timeout <seconds>"))
        #expect(help.stderr.isEmpty)
        let top = try CDScanBinary.run(["--help"])
        #expect(!top.stdout.contains("worker"), "the worker subcommand is hidden")
    }
}

/// Lines collected from a server's threads, behind a lock.
private final class Collected: @unchecked Sendable {  // `items` only under `lock`
    private let lock = NSLock()
    private var items: [String] = []

    func append(_ line: String) {
        lock.lock()
        items.append(line)
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// Runs collected from threads, behind a lock.
private final class Results: @unchecked Sendable {  // `items` only under `lock`
    private let lock = NSLock()
    private var items: [CDScanBinary.Run] = []

    func append(_ run: CDScanBinary.Run) {
        lock.lock()
        items.append(run)
        lock.unlock()
    }

    var all: [CDScanBinary.Run] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// A TCP server on 127.0.0.1 (a free port) that hands each connection to `handle` on a thread of its own,
/// and keeps every connection open until `stop()` (so a handler that returns at once makes a server that
/// accepts and never answers).
private final class LocalServer: @unchecked Sendable {  // `connections` only under `lock`
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var connections: [Int32] = []

    /// One accepted connection.
    struct Connection {
        let fd: Int32

        /// The request's head (up to the blank line), or nil when the peer closed first.
        func readRequest() -> String? {
            var data = Data()
            var byte: UInt8 = 0
            while !data.suffix(4).elementsEqual("\r\n\r\n".utf8) {
                guard read(fd, &byte, 1) == 1 else { return nil }
                data.append(byte)
            }
            return String(decoding: data, as: UTF8.self)
        }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            shutdown(fd, Int32(SHUT_WR))
        }
    }

    init(handle: @escaping @Sendable (Connection) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                lock.lock()
                connections.append(connection)
                lock.unlock()
                Thread { handle(Connection(fd: connection)) }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        lock.lock()
        for connection in connections { close(connection) }
        connections = []
        lock.unlock()
    }
}
