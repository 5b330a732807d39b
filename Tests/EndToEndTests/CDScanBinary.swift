import Foundation

/// Runs the built `cdscan` executable the way a user or a CI job does, and captures what it printed.
struct CDScanBinary {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable SwiftPM built beside this test bundle (`CDSCAN_BINARY` overrides it).
    static let url: URL = {
        if let override = ProcessInfo.processInfo.environment["CDSCAN_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("cdscan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cdscan")
    }()

    /// `wrapper` runs cdscan through another program (e.g. `faketime DAY`); `executable` runs another
    /// program built beside it (`cdscan-fuzz`).
    /// The version alone ("0.1.0"): the first line of `--version`, which reads "cdscan 0.1.0" and is
    /// followed by the rules digest and libgit2's version.
    static func version() throws -> String {
        let first = try run(["--version"]).stdout.split(separator: "\n").first.map(String.init) ?? ""
        return first.hasPrefix("cdscan ") ? String(first.dropFirst("cdscan ".count)) : first
    }

    static func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: URL? = nil,
                    wrapper: [String] = [], executable: URL = url) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        environment.merge(extra) { $1 }
        if let program = wrapper.first {
            return try capture(URL(fileURLWithPath: program), Array(wrapper.dropFirst()) + [executable.path] + arguments,
                               environment: environment, in: directory)
        }
        return try capture(executable, arguments, environment: environment, in: directory)
    }

    /// Runs a program with exactly `environment` and empty standard input, and returns what it printed.
    /// Output goes through files, not pipes, so a program that prints a lot never blocks on a full pipe.
    static func capture(_ program: URL, _ arguments: [String], environment: [String: String], in directory: URL?) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        finished.wait()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
