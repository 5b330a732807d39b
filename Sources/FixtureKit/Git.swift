import Foundation

/// Runs `git` with a controlled environment, so that nobody's configuration changes what fixtures become.
///
/// The child gets a fresh environment rather than the caller's: `PATH` is kept (to find helpers), `HOME` points at
/// an empty per-process directory (no `~/.gitconfig`), `GIT_CONFIG_NOSYSTEM=1` (no `/etc/gitconfig`),
/// `GIT_CONFIG_GLOBAL=/dev/null`, `LC_ALL=C`, `TZ=UTC`, and no `GIT_*` variable from outside (no `GIT_DIR`,
/// no `GIT_AUTHOR_*`/`GIT_COMMITTER_*`). Output goes through temporary files rather than pipes: nothing can block
/// on a full pipe, and no pipe end can leak into another child started at the same moment by another thread.
public enum Git {
    /// Runs `git args…` in `directory`, feeding `input` on stdin; returns stdout (UTF-8, invalid bytes repaired).
    /// `extra` adds variables to the controlled environment (e.g. `GIT_COMMITTER_DATE`).
    /// Throws a ``FixtureError`` holding the command, the exit status and stderr when git fails.
    @discardableResult
    public static func run(_ args: [String], in directory: URL, input: Data? = nil, environment extra: [String: String] = [:]) throws -> String {
        String(decoding: try runData(args, in: directory, input: input, environment: extra), as: UTF8.self)
    }

    /// Same as ``run(_:in:input:)`` but returns stdout as raw bytes (for `-z` output, binary blobs, non-UTF-8 text).
    public static func runData(_ args: [String], in directory: URL, input: Data? = nil, environment extra: [String: String] = [:]) throws -> Data {
        let scratch = Scratch.shared.ioDirectory
        let token = UUID().uuidString
        let outURL = scratch.appendingPathComponent("\(token).out")
        let errURL = scratch.appendingPathComponent("\(token).err")
        let inURL = scratch.appendingPathComponent("\(token).in")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            if input != nil { try? FileManager.default.removeItem(at: inURL) }
        }
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw FixtureError("cannot create temporary files in \(scratch.path)") }
        let stdin: FileHandle
        if let input {
            guard FileManager.default.createFile(atPath: inURL.path, contents: input) else {
                throw FixtureError("cannot create temporary files in \(scratch.path)")
            }
            stdin = try FileHandle(forReadingFrom: inURL)
        } else {
            stdin = FileHandle.nullDevice
        }
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = args
        process.currentDirectoryURL = directory
        process.environment = environment.merging(extra) { $1 }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        // waitUntilExit polls a run loop every 50 ms on Linux; a termination handler wakes us at once.
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            try? stdout.close(); try? stderr.close(); if input != nil { try? stdin.close() }
            throw FixtureError("cannot start \(executable.path): \(error)")
        }
        finished.wait()
        try? stdout.close(); try? stderr.close(); if input != nil { try? stdin.close() }

        let output = (try? Data(contentsOf: outURL)) ?? Data()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let how = process.terminationReason == .exit
                ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            throw FixtureError("git \(args.joined(separator: " ")) (in \(directory.path)) failed with \(how)"
                + (message.isEmpty ? "" : ":\n\(message)"))
        }
        return output
    }

    /// The git executable: the first `git` on `PATH`, else `/usr/bin/git`.
    public static let executable: URL = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("git")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "/usr/bin/git")
    }()

    /// The environment every git child gets (see the type's documentation).
    public static let environment: [String: String] = {
        let outer = ProcessInfo.processInfo.environment
        var environment: [String: String] = [
            "PATH": outer["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": Scratch.shared.homeDirectory.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "LC_ALL": "C",
            "LANG": "C",
            "TZ": "UTC",
        ]
        if let tmp = outer["TMPDIR"] { environment["TMPDIR"] = tmp }
        return environment
    }()
}

/// The per-process temporary directory: an empty home for git, scratch files for process I/O, and the built
/// fixtures. Removed when the process exits, unless `CDSCAN_KEEP_FIXTURES` is set in the environment.
final class Scratch: Sendable {
    static let shared = Scratch()

    let root: URL
    let homeDirectory: URL
    let ioDirectory: URL
    let repositoriesDirectory: URL

    private init() {
        // Resolve symlinks (macOS: /var -> /private/var) so paths compare equal to what git prints.
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let unique = "cdscan-fixtures-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        root = base.appendingPathComponent(unique, isDirectory: true)
        homeDirectory = root.appendingPathComponent("home", isDirectory: true)
        ioDirectory = root.appendingPathComponent("io", isDirectory: true)
        repositoriesDirectory = root.appendingPathComponent("repos", isDirectory: true)
        for directory in [homeDirectory, ioDirectory, repositoriesDirectory] {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        if ProcessInfo.processInfo.environment["CDSCAN_KEEP_FIXTURES"] == nil {
            atexit { Scratch.removeAtExit() }
        }
    }

    private static func removeAtExit() {
        try? FileManager.default.removeItem(at: shared.root)
    }

    /// A new empty directory under the scratch root.
    func makeDirectory(_ prefix: String) throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
