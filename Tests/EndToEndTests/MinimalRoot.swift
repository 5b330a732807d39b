import Foundation

/// A minimal Debian root (`scripts/minimal-root`: debootstrap --variant=minbase, no Swift, no libgit2)
/// with the release archive unpacked into it, where cdscan runs through `chroot` as on a fresh machine.
///
/// `/proc` is mounted for the time of the test: the loader finds `$ORIGIN` (the binary's own folder, from
/// which `lib/` is found) through `/proc/self/exe`, and batch workers start the same executable again
/// from there. Everything the test adds to the root is removed again.
final class MinimalRoot {
    /// The root, given by scripts/test in `CDSCAN_MINIMAL_ROOT`.
    let root: URL
    /// Where the archive's folder was unpacked, as seen inside the root (`/opt/cdscan-test-…/cdscan-…`).
    let installation: String
    private let scratch: String
    private var procMounted = false

    /// Why the test cannot run here: no archive or no root was given (`scripts/test` gives both).
    static var unavailableReason: String? {
        let environment = ProcessInfo.processInfo.environment
        if environment["CDSCAN_ARCHIVE"]?.isEmpty ?? true { return "CDSCAN_ARCHIVE is not set: scripts/test packages cdscan and sets it" }
        if environment["CDSCAN_MINIMAL_ROOT"]?.isEmpty ?? true {
            return "CDSCAN_MINIMAL_ROOT is not set: scripts/minimal-root could not make one here (scripts/test prints why)"
        }
        return nil
    }

    static var archive: URL { URL(fileURLWithPath: ProcessInfo.processInfo.environment["CDSCAN_ARCHIVE"] ?? "") }

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        root = URL(fileURLWithPath: environment["CDSCAN_MINIMAL_ROOT"] ?? "")
        scratch = "/opt/cdscan-test-\(UUID().uuidString)"
        let host = root.path + scratch
        try FileManager.default.createDirectory(atPath: host, withIntermediateDirectories: true)
        try Self.execute("/bin/tar", ["-xzf", Self.archive.path, "-C", host])
        let unpacked = try FileManager.default.contentsOfDirectory(atPath: host)
        guard unpacked.count == 1, let folder = unpacked.first else {
            throw MinimalRootError("the archive must hold one top folder, it holds \(unpacked)")
        }
        installation = scratch + "/" + folder
        try Self.execute("/bin/mount", ["-t", "proc", "proc", root.appendingPathComponent("proc").path])
        procMounted = true
    }

    deinit {
        if procMounted { try? Self.execute("/bin/umount", [root.appendingPathComponent("proc").path]) }
        try? FileManager.default.removeItem(atPath: root.path + scratch)
    }

    /// The packaged binary, as a path inside the root.
    var binary: URL { URL(fileURLWithPath: installation + "/bin/cdscan") }

    /// A path inside the root, as seen from the host.
    func hostPath(_ inside: String) -> String { root.path + inside }

    /// Copies a folder of the host into the root at the same absolute path, and returns that path: a
    /// report that names the repository's path reads the same inside the root and on the host.
    func copyIntoRoot(_ source: URL) throws -> String {
        let target = hostPath(source.path)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source.path, toPath: target)
        return source.path
    }

    /// Runs the packaged cdscan inside the root.
    func cdscan(_ arguments: [String]) throws -> CDScanBinary.Run {
        try CDScanBinary.run(arguments, environment: ["TMPDIR": "/tmp", "HOME": "/root"], wrapper: ["/usr/sbin/chroot", root.path],
                             executable: binary)
    }

    /// Runs any program of the root inside it.
    func run(_ program: String, _ arguments: [String]) throws -> CDScanBinary.Run {
        try CDScanBinary.run(arguments, environment: ["TMPDIR": "/tmp"], wrapper: ["/usr/sbin/chroot", root.path],
                             executable: URL(fileURLWithPath: program))
    }

    private static func execute(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MinimalRootError("\(program) \(arguments.joined(separator: " ")) failed: \(message)")
        }
    }
}

struct MinimalRootError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
