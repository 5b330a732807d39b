import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A worker process this process started, with the parent's ends of its three pipes: jobs go to its
/// standard input, messages come from its standard output, and its standard error is kept apart (the last
/// of it names a crash). Owns the process and the pipes: `deinit` kills a process still running, reaps it
/// and closes the pipes. Used by one thread at a time.
final class WorkerProcess {
    let pid: pid_t
    private var input: Int32
    let output: Int32
    let errors: Int32
    /// The wait status, once the process is reaped.
    private(set) var waitStatus: Int32?

    /// Starts `executable` with `arguments` (no shell): in its own process group (a Ctrl-C at the terminal
    /// reaches the parent only, which decides), with default SIGPIPE and SIGTERM and no blocked signals
    /// whatever the parent's, and with `environment` added to the parent's.
    init(executable: String, arguments: [String], environment extra: [String: String]) throws(WorkerStartError) {
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var jobs: [Int32] = [-1, -1], messages: [Int32] = [-1, -1], diagnostics: [Int32] = [-1, -1]
        guard Self.makePipe(&jobs), Self.makePipe(&messages), Self.makePipe(&diagnostics) else {
            let reason = String(cString: strerror(errno))
            for fd in jobs + messages + diagnostics where fd >= 0 { close(fd) }
            throw WorkerStartError(description: "cannot make the pipes of a worker: \(reason)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, jobs[0], 0)
        posix_spawn_file_actions_adddup2(&actions, messages[1], 1)
        posix_spawn_file_actions_adddup2(&actions, diagnostics[1], 2)
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        close(jobs[0])
        close(messages[1])
        close(diagnostics[1])
        guard code == 0 else {
            close(jobs[1])
            close(messages[0])
            close(diagnostics[0])
            throw WorkerStartError(description: "cannot start a worker (\(executable)): \(String(cString: strerror(code)))")
        }
        pid = child
        input = jobs[1]
        output = messages[0]
        errors = diagnostics[0]
    }

    deinit {
        if waitStatus == nil {
            kill(pid, SIGKILL)
            _ = reap(within: .infinity)
        }
        closeInput()
        close(output)
        close(errors)
    }

    /// A pipe whose ends are closed on exec, so no other worker inherits them (else a worker's end of
    /// file would never come while a sibling holds its pipe open). The lock keeps another lane from
    /// starting a worker between `pipe` and `fcntl` (the only other spawns of the process are these).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    private static let spawnLock = NSLock()

    /// Descriptors this process inherited without close-on-exec (a CI runner's pipes, the pipe a
    /// supervisor waits on for the end of its child) are not passed on: a worker that outlived its parent
    /// would otherwise hold them open, and whoever waits on them would wait for the worker too. glibc
    /// 2.34+ has `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not import.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        #if os(Linux)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = closeFrom else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        #endif
    }

    #if os(Linux)
    nonisolated(unsafe) private static let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
    #endif

    /// Writes `data` whole to the worker's standard input; false when the worker is gone.
    func send(_ data: Data) -> Bool {
        guard input >= 0 else { return false }
        return data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(input, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Closes the worker's standard input: a worker waiting for a job then exits.
    func closeInput() {
        if input >= 0 {
            close(input)
            input = -1
        }
    }

    /// Reaps the process if it ends within `seconds`; returns its wait status, or nil if it still runs.
    func reap(within seconds: Double) -> Int32? {
        if let waitStatus { return waitStatus }
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                waitStatus = status
                return status
            }
            if result < 0 && errno != EINTR {
                // Not our child any more (reaped elsewhere): nothing to wait for.
                waitStatus = 0
                return 0
            }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// Asks the worker to stop (SIGTERM), kills it (SIGKILL) if it has not within `grace` seconds, and
    /// reaps it.
    func stop(grace: Double) {
        guard waitStatus == nil else { return }
        kill(pid, SIGTERM)
        if reap(within: grace) == nil {
            kill(pid, SIGKILL)
            _ = reap(within: .infinity)
        }
    }
}

/// A worker process could not be started.
struct WorkerStartError: Error, CustomStringConvertible {
    let description: String
}
