import CDScanKit
import CDScanStore
import Foundation
import GitAccess

/// Where the jobs of one parallel lane of a batch run, one job at a time.
protocol JobSlot: AnyObject {
    /// Runs `job` within `budget` and says how it ended; never throws (a worker that crashed, hung or ran
    /// out of memory is a `failed` outcome with that reason).
    func run(_ job: WorkerJob, budget: WorkerBudget) -> WorkerOutcome
    /// Ends the lane (its worker exits).
    func close()
}

/// Makes a lane: a worker process under `isolation`, or the calling thread when there is none.
func makeJobSlot(_ isolation: WorkerIsolation?) -> any JobSlot {
    if let isolation { return WorkerSlot(isolation) }
    return InProcessSlot()
}

/// Runs jobs on the calling thread, without isolation or budget: for library callers and unit tests that
/// have no `cdscan` executable to start. (The `cdscan` commands always isolate.)
final class InProcessSlot: JobSlot {
    func run(_ job: WorkerJob, budget: WorkerBudget) -> WorkerOutcome {
        RepositoryWork.perform(job)
    }

    func close() {}
}

/// Runs jobs in a worker process kept alive from one job to the next (starting a process per repository
/// costs more than many small scans), and started again after a worker crashed or was stopped.
final class WorkerSlot: JobSlot {
    let isolation: WorkerIsolation
    private var worker: WorkerProcess?

    init(_ isolation: WorkerIsolation) {
        self.isolation = isolation
    }

    deinit { close() }

    func close() {
        guard let worker else { return }
        self.worker = nil
        worker.closeInput()
        // A worker between jobs exits at the end of its input; give it the grace, then kill it.
        if worker.reap(within: isolation.grace) == nil { worker.stop(grace: 0) }
    }

    /// Starts the worker process before its first job, so that its start-up (libraries, libgit2, the
    /// built-in rules) overlaps the batch's own; a worker that cannot start now is tried again at `run`.
    func prestart() {
        if worker == nil { worker = try? startWorker() }
    }

    private func startWorker() throws(WorkerStartError) -> WorkerProcess {
        try WorkerProcess(executable: isolation.executable, arguments: isolation.arguments + WorkerCommandLine.arguments(isolation),
                          environment: WorkerCommandLine.environment)
    }

    func run(_ job: WorkerJob, budget: WorkerBudget) -> WorkerOutcome {
        let line = WorkerCommandLine.jobLine(job)
        // A worker idle since its last job may have gone (killed from outside): start another once.
        var sent = false
        for _ in 0..<2 where !sent {
            if worker == nil {
                do {
                    worker = try startWorker()
                } catch {
                    return .failed(reason: error.description, commit: nil)
                }
            }
            sent = worker!.send(line)
            if !sent { discardWorker() }
        }
        guard sent, let worker else { return .failed(reason: "cannot hand the job to a worker", commit: nil) }
        let outcome = watch(worker, job: job, budget: budget)
        if case .failed = outcome, self.worker == nil, job.kind == .mirror {
            // The worker died mid-clone: its partial clone is nobody's now.
            try? FileManager.default.removeItem(atPath: GitMirror.partialDirectory(for: job.path, pid: worker.pid))
        }
        return outcome
    }

    /// Reads the worker's messages until its answer, its end, or the end of its budget.
    private func watch(_ worker: WorkerProcess, job: WorkerJob, budget: WorkerBudget) -> WorkerOutcome {
        var budget = budget
        let start = Date()
        var messages = LineBuffer()
        var diagnostics = TailBuffer(limit: 4096)
        var stage: String?
        var memoryExhausted = false
        // A scan's answer comes in two lines: the record, then its report as the store keeps it.
        var scanned: ScanRecord?
        while true {
            let remaining = budget.seconds - Date().timeIntervalSince(start)
            if remaining <= 0 {
                worker.stop(grace: isolation.grace)
                discardWorker()
                return .failed(reason: "timed out after \(Self.seconds(budget.seconds)) s" + Self.during(stage), commit: nil)
            }
            var fds = [pollfd(fd: worker.output, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: worker.errors, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                worker.stop(grace: 0)
                discardWorker()
                return .failed(reason: "lost the worker: poll: \(String(cString: strerror(errno)))", commit: nil)
            }
            if fds[1].revents != 0 { _ = diagnostics.read(from: worker.errors) }
            guard fds[0].revents != 0 else { continue }
            let open = messages.read(from: worker.output)
            while let line = messages.nextLine() {
                if let record = scanned {
                    return .scanned(record: record, reportJSON: String(decoding: line, as: UTF8.self))
                }
                switch WorkerMessage.parse(line) {
                case .stage(let text)?: stage = text
                case .received(let bytes)?: budget.bytes = max(budget.bytes, bytes)
                case .memoryExhausted?: memoryExhausted = true
                case .done(.scanned(let record, _))?: scanned = record
                case .done(let outcome)?: return limitNamed(outcome)
                case nil: continue
                }
            }
            if !open {
                // The worker ended without an answer: it crashed, or was killed.
                while diagnostics.read(from: worker.errors) {}
                if worker.reap(within: isolation.grace) == nil { worker.stop(grace: 0) }
                let status = worker.waitStatus ?? 0
                discardWorker()
                return .failed(reason: ended(status: status, memoryExhausted: memoryExhausted, stage: stage,
                                             lastWords: diagnostics.lastLine), commit: nil)
            }
        }
    }

    private func discardWorker() {
        worker = nil
    }

    /// libgit2 reports a failed allocation as an error ("out of memory"), not a crash: under a memory
    /// limit, that is the limit.
    private func limitNamed(_ outcome: WorkerOutcome) -> WorkerOutcome {
        if case .failed(let reason, let commit) = outcome, let limit = isolation.memoryLimit,
           reason.localizedCaseInsensitiveContains("out of memory") {
            return .failed(reason: "memory limit of \(limit >> 20) MiB exceeded (\(reason))", commit: commit)
        }
        return outcome
    }

    /// The reason for a worker that ended without answering.
    private func ended(status: Int32, memoryExhausted: Bool, stage: String?, lastWords: String?) -> String {
        let signal = status & 0x7f
        if memoryExhausted, let limit = isolation.memoryLimit {
            return "memory limit of \(limit >> 20) MiB exceeded" + Self.during(stage)
        }
        let words = lastWords.map { " (\($0))" } ?? ""
        if signal != 0 {
            return "crashed: \(SignalName.of(signal))" + Self.during(stage) + words
        }
        return "the worker exited with status \((status >> 8) & 0xff)" + Self.during(stage) + words
    }

    private static func during(_ stage: String?) -> String {
        stage.map { " while \($0)" } ?? ""
    }

    /// `300`, `2.5`: one decimal at most, none when it is 0.
    private static func seconds(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

/// Bytes read from a pipe, handed out a line at a time (a scan's report is one line of some 100 KB: the
/// search for its end resumes where the last one stopped, with `memchr`).
struct LineBuffer {
    private var bytes: [UInt8] = []
    /// The first byte not handed out yet.
    private var start = 0
    /// Bytes before this index hold no newline after `start`.
    private var searched = 0
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    /// Reads what the pipe holds; false at its end (or on an error).
    mutating func read(from fd: Int32) -> Bool {
        let count = readBytes(fd, into: &chunk)
        if count < 0 { return errno == EINTR || errno == EAGAIN }
        if count == 0 { return false }
        if start > 0 && start >= bytes.count / 2 {
            bytes.removeSubrange(0..<start)
            searched -= start
            start = 0
        }
        bytes.append(contentsOf: chunk[0..<count])
        return true
    }

    mutating func nextLine() -> Data? {
        while searched < bytes.count {
            let found: Int? = bytes.withUnsafeBytes { buffer in
                guard let hit = memchr(buffer.baseAddress! + searched, 0x0A, buffer.count - searched) else { return nil }
                return buffer.baseAddress!.distance(to: UnsafeRawPointer(hit))
            }
            guard let newline = found else {
                searched = bytes.count
                return nil
            }
            let line = start < newline ? Data(bytes[start..<newline]) : nil
            start = newline + 1
            searched = start
            if let line { return line }
        }
        return nil
    }
}

/// The last bytes read from a pipe (a worker's standard error).
struct TailBuffer {
    let limit: Int
    private var data = Data()

    init(limit: Int) { self.limit = limit }

    mutating func read(from fd: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = readBytes(fd, into: &chunk)
        guard count > 0 else { return false }
        data.append(contentsOf: chunk[0..<count])
        if data.count > limit { data = Data(data.suffix(limit)) }
        return true
    }

    /// The last line that says something, shortened to 200 characters.
    var lastLine: String? {
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 200 ? String(trimmed.prefix(200)) + "…" : trimmed
    }
}

/// One `read(2)` into `buffer`: the byte count, 0 at the end, -1 on an error.
func readBytes(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
    buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
}

/// Signal names for reasons (`SIGABRT`, not 6).
enum SignalName {
    static func of(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL",
                                      SIGTRAP: "SIGTRAP", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM",
                                      SIGINT: "SIGINT", SIGPIPE: "SIGPIPE", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
                                      SIGSYS: "SIGSYS", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT"]
        return names[signal] ?? "signal \(signal)"
    }
}
