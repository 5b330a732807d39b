import CDScanKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a parent and its workers talk: the worker's command line and environment, and the job line.
enum WorkerCommandLine {
    /// The worker's options after its subcommand (`cdscan worker --memory-limit-bytes N`).
    static func arguments(_ isolation: WorkerIsolation) -> [String] {
        isolation.memoryLimit.map { ["--memory-limit-bytes", String($0)] } ?? []
    }

    /// Added to the parent's environment: Swift's crash backtracer off (it would spend seconds and pages of
    /// standard error on a crash the parent reports in one line), unless the user asked for it.
    static var environment: [String: String] {
        ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil ? ["SWIFT_BACKTRACE": "enable=no"] : [:]
    }

    static func jobLine(_ job: WorkerJob) -> Data {
        var data = (try? Data(SortedJSONEncoder(pretty: false).encode(job))) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }
}

/// The worker process: reads jobs (one JSON line each) from standard input until its end, does each with
/// `RepositoryWork`, and writes its messages (stages, transfer progress, the answer) to standard output.
/// The parent alone writes the store; a worker only reads repositories (and writes mirrors).
public enum WorkerRuntime {
    /// Runs the worker; returns its exit status.
    public static func run(memoryLimit: Int?) -> Int32 {
        prepareProcess(memoryLimit: memoryLimit)
        // A worker is started ahead of its first job: what every scan needs is made while it waits.
        Scanner.prepareBuiltInsInBackground()
        let faults = WorkerFault.fromEnvironment()
        let jobs = JobQueue()
        jobs.startReading()
        let progress = TransferReport()
        while let line = jobs.next() {
            guard let job = try? JSONDecoder().decode(WorkerJob.self, from: line) else {
                send(.done(.failed(reason: "the worker could not read its job", commit: nil)))
                continue
            }
            progress.reset()
            let outcome = RepositoryWork.perform(job, stage: { stage in
                send(.stage(stage))
                faults.strike(job, stage: stage)
            }, received: { bytes in
                if progress.due(bytes) { send(.received(bytes)) }
            })
            send(.done(outcome))
            jobs.finished()
        }
        return 0
    }

    /// Writes one message; a scan's answer as two lines: the record, then the report's JSON as it is
    /// (JSON holds no raw newline), which spares both sides encoding and decoding it as a string.
    static func send(_ message: WorkerMessage) {
        if case .done(.scanned(let record, let reportJSON)) = message {
            var data = WorkerMessage.done(.scanned(record: record, reportJSON: "")).line()
            data.append(contentsOf: reportJSON.utf8)
            data.append(0x0A)
            writeAll(1, data)
        } else {
            writeAll(1, message.line())
        }
    }

    private static func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    // The parent is gone: nobody wants the rest.
                    exit(0)
                }
                offset += written
            }
        }
    }

    /// Ignores Ctrl-C (the parent decides what an interrupt stops); limits its address space; notes a
    /// crash that met the memory limit.
    private static func prepareProcess(memoryLimit: Int?) {
        signal(SIGINT, SIG_IGN)
        if let memoryLimit {
            // The address space, not the data segment: it also bounds what libgit2 maps, and Swift and glibc
            // reserve little beyond what they use in this single-threaded process.
            var limit = rlimit(rlim_cur: rlim_t(memoryLimit), rlim_max: rlim_t(memoryLimit))
            _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        }
        CrashNote.install(memoryLimit: memoryLimit)
    }

    /// The job lines from standard input, read on a thread of their own: the end of standard input while
    /// a job runs means the parent is gone (killed, crashed), and the worker quits at once instead of
    /// finishing work nobody will read (or hanging for ever, orphaned).
    private final class JobQueue: @unchecked Sendable {  // `lines`, `busy` and `ended` only under `condition`
        private let condition = NSCondition()
        private var lines: [Data] = []
        private var busy = false
        private var ended = false

        func startReading() {
            let thread = Thread { [self] in
                var buffer = LineBuffer()
                while true {
                    while let line = buffer.nextLine() { push(line) }
                    guard buffer.read(from: 0) else { break }
                }
                condition.lock()
                ended = true
                let orphaned = busy
                condition.broadcast()
                condition.unlock()
                if orphaned { _exit(0) }
            }
            thread.start()
        }

        private func push(_ line: Data) {
            condition.lock()
            lines.append(line)
            condition.signal()
            condition.unlock()
        }

        /// The next job line, or nil once standard input has ended and every line was taken.
        func next() -> Data? {
            condition.lock()
            defer { condition.unlock() }
            while lines.isEmpty && !ended { condition.wait() }
            guard !lines.isEmpty else { return nil }
            busy = true
            return lines.removeFirst()
        }

        func finished() {
            condition.lock()
            busy = false
            let orphaned = ended
            condition.unlock()
            if orphaned { _exit(0) }
        }
    }

    /// Sends transfer progress at most five times a second.
    private final class TransferReport {
        private var last = Date.distantPast

        func reset() { last = .distantPast }

        func due(_ bytes: Int) -> Bool {
            let now = Date()
            guard now.timeIntervalSince(last) >= 0.2 else { return false }
            last = now
            return true
        }
    }
}

/// The crash handler of a worker: on a fatal signal, when the failing allocation met the memory limit
/// (errno is ENOMEM, or the address space is within 10% of the limit), it writes a `memoryExhausted` line
/// for the parent; then the signal takes its default course, so the parent still sees it.
enum CrashNote {
    nonisolated(unsafe) private static var line: UnsafeMutableRawBufferPointer?
    nonisolated(unsafe) private static var limitPages = 0
    nonisolated(unsafe) private static var alternateStack: UnsafeMutableRawPointer?

    static func install(memoryLimit: Int?) {
        guard let memoryLimit else { return }
        let bytes = Data([0x0A]) + WorkerMessage.memoryExhausted.line()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        buffer.copyBytes(from: bytes)
        line = buffer
        limitPages = memoryLimit / max(1, Int(sysconf(Int32(_SC_PAGESIZE))))
        // Its own stack, so that a stack overflow can still be noted (and the handler runs at all).
        let stackSize = 64 << 10
        alternateStack = malloc(stackSize)
        var stack = stack_t(ss_sp: alternateStack, ss_flags: 0, ss_size: stackSize)
        _ = sigaltstack(&stack, nil)
        for fatal in [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE] {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = crashed
            #else
            action.__sigaction_u.__sa_handler = crashed
            #endif
            action.sa_flags = Int32(truncatingIfNeeded: Int(SA_RESETHAND) | Int(SA_ONSTACK))
            sigemptyset(&action.sa_mask)
            _ = sigaction(fatal, &action, nil)
        }
    }

    /// Async-signal-safe: reads errno and /proc, writes a prepared line, raises again.
    private static let crashed: @convention(c) (Int32) -> Void = { signal in
        let failedAllocation = errno == ENOMEM
        if failedAllocation || CrashNote.nearLimit(), let line = CrashNote.line {
            _ = write(1, line.baseAddress, line.count)
        }
        raise(signal)
    }

    /// The address space (first field of /proc/self/statm, in pages) is within 10% of the limit.
    private static func nearLimit() -> Bool {
        #if os(Linux)
        var buffer = (Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0),
                      Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0),
                      Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0), Int8(0))
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return false }
        let count = withUnsafeMutableBytes(of: &buffer) { read(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard count > 0 else { return false }
        var pages = 0
        withUnsafeBytes(of: &buffer) { bytes in
            for index in 0..<count {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { break }
                pages = pages * 10 + Int(byte - 0x30)
            }
        }
        return limitPages > 0 && pages * 10 >= limitPages * 9
        #else
        return false
        #endif
    }
}

/// A fault the worker injects on purpose, for tests of isolation that must not depend on any particular
/// bug: `CDSCAN_WORKER_FAULT=abort:NAME,hang:NAME,oom:NAME` makes the worker abort, hang (sleep for ever) or
/// allocate without end when a job's path, URL, revision or one of its history points' commits contains NAME (without `:NAME`, every job), when the job's
/// work proper starts (cloning, fetching, scanning, reading the history). Honoured by the hidden
/// `cdscan worker` subcommand only.
struct WorkerFault {
    enum Kind: String { case abort, hang, oom }

    let rules: [(kind: Kind, match: String)]

    static func fromEnvironment() -> WorkerFault {
        let text = ProcessInfo.processInfo.environment["CDSCAN_WORKER_FAULT"] ?? ""
        return WorkerFault(rules: text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard let kind = Kind(rawValue: parts[0]) else { return nil }
            return (kind, parts.count > 1 ? parts[1] : "")
        })
    }

    /// Injects the first matching fault.
    func strike(_ job: WorkerJob, stage: String) {
        guard !rules.isEmpty, stage != RepositoryWork.headStage else { return }
        let subject = ([job.path, job.storedURL ?? "", job.settings?.revision ?? ""] + (job.points ?? []).map(\.commit))
            .joined(separator: " ")
        guard let rule = rules.first(where: { $0.match.isEmpty || subject.contains($0.match) }) else { return }
        switch rule.kind {
        case .abort:
            abort()
        case .hang:
            while true { sleep(60) }
        case .oom:
            // 64 MiB blocks, kept, until an allocation fails under the limit (the limit is on address space,
            // so the pages need not be touched, which keeps the test fast on a busy machine).
            var blocks: [UnsafeMutableRawPointer] = []
            while true {
                let block = UnsafeMutableRawPointer.allocate(byteCount: 64 << 20, alignment: 16)
                block.storeBytes(of: UInt8(blocks.count & 0xff), as: UInt8.self)
                blocks.append(block)
            }
        }
    }
}
