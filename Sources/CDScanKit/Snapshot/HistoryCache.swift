import Foundation
import GitAccess

/// `--cache DIR`: the history walk's memory kept between scans, one folder per repository
/// (`DIR/repo-<hash of the git directory's path>`). It holds facts that belong to commit ids alone
/// (commit objects, changed paths under a set of prefixes), so a rescan reads only the commits that
/// are new and the diffs it has not made, and its report is the same bytes as a scan without a cache.
///
/// The folder: `manifest` (a version line, then one segment file per line, oldest first) and the
/// segments. A scan that learnt something adds a segment; past `maximumSegments`, or when remembered
/// commits left the history, or paths were dropped, it writes one compacted segment instead. Writers
/// take an exclusive lock, readers a shared one; files are replaced by rename, so a reader sees the old
/// manifest or the new one. A cache it cannot read is ignored (and rebuilt), never trusted.
public struct HistoryCache: Sendable {
    public let folder: String
    static let maximumSegments = 8
    /// The first line of the manifest: a cache written by another build or format is dropped.
    static var versionLine: String { "cdscan-history-cache \(WalkMemory.format) \(CDScanVersion.current)" }

    public init(directory: String, gitDirectory: String) {
        let canonical = URL(fileURLWithPath: gitDirectory).resolvingSymlinksInPath().standardizedFileURL.path
        folder = URL(fileURLWithPath: directory).appendingPathComponent("repo-" + FNV1a.hex([canonical])).path
    }

    /// What was loaded: the memory to walk with, the segments it came from, and why it is empty when a
    /// cache existed but could not be used.
    struct Loaded {
        let memory: WalkMemory
        let segments: [String]
        let problem: String?
    }

    func load() -> Loaded {
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            return Loaded(memory: WalkMemory(), segments: [], problem: nil)
        }
        do {
            return try withLock(shared: true) {
                let lines = try String(contentsOfFile: manifestPath, encoding: .utf8).split(separator: "\n").map(String.init)
                guard lines.first == Self.versionLine else {
                    return Loaded(memory: WalkMemory(), segments: [],
                                  problem: "it was written by another cdscan version (\(lines.first ?? "no version line"))")
                }
                let names = Array(lines.dropFirst())
                let segments = try names.map { name -> [UInt8] in
                    guard Self.isSegmentName(name) else { throw CacheFileError("the manifest names '\(name)'") }
                    return try CacheFile.read(path(name))
                }
                return Loaded(memory: try WalkMemory.read(segments: segments), segments: names, problem: nil)
            }
        } catch {
            return Loaded(memory: WalkMemory(), segments: [], problem: "it cannot be read (\(error))")
        }
    }

    /// Writes what the walk learnt. Returns the size written in bytes. `keepUnreached`: a walk from a past
    /// commit (`--revision`, a history point) does not reach newer commits, which are still history.
    func save(_ memory: WalkMemory, after loaded: Loaded, keepUnreached: Bool) throws -> Int {
        let usage = memory.usage
        let dropsUnreached = usage.commitsUnreached > 0 && !keepUnreached
        let compact = loaded.problem != nil || dropsUnreached || usage.fullPathsDropped
            || usage.trackedPathsDropped || usage.annotationsDropped || loaded.segments.count >= Self.maximumSegments
        guard compact || memory.hasLearnt else { return 0 }
        try createFolder()
        return try withLock(shared: false) {
            // Another scan may have written since we loaded: appending to its manifest keeps both.
            var names = compact ? [] : currentSegments()
            if dropsUnreached { memory.forgetUnreached() }
            let bytes = memory.segment(everything: compact)
            let name = "segment-\(String(FNV1a.hash64(bytes), radix: 16)).bin"
            try write(bytes, to: name)
            if !names.contains(name) { names.append(name) }
            try write(Array(([Self.versionLine] + names).joined(separator: "\n").utf8) + [10], to: "manifest")
            removeSegments(except: Set(names))
            return bytes.count
        }
    }

    /// The replayable history the last scan left (`ReplayTip`); nil when there is none, an error when it
    /// cannot be read (the history is then walked, and the tip made again).
    func loadTip() -> Result<ReplayTip, any Error>? {
        guard FileManager.default.fileExists(atPath: path(Self.tipName)) else { return nil }
        return Result {
            try withLock(shared: true) {
                try ReplayTip(archived: try CacheFile.read(path(Self.tipName)))
            }
        }
    }

    /// Replaces the replayable history; returns the bytes written.
    func saveTip(_ tip: ReplayTip) throws -> Int {
        let parts = tip.archived()
        try createFolder()
        try withLock(shared: false) { try write(parts, to: Self.tipName) }
        return parts.reduce(0) { $0 + $1.count }
    }

    private static let tipName = "tip"

    /// Makes the repository's folder (and the directories above it), with a plain reason when it cannot
    /// ("cannot create DIR/repo-…: Not a directory"), not Foundation's error dump.
    func createFolder() throws {
        var path = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            path += "/" + component
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                throw CacheFileError("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        var status = stat()
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw CacheFileError("cannot create \(folder): Not a directory")
        }
    }

    private var manifestPath: String { path("manifest") }

    func path(_ name: String) -> String { folder + "/" + name }

    private static func isSegmentName(_ name: String) -> Bool {
        name.hasPrefix("segment-") && name.hasSuffix(".bin") && !name.contains("/")
    }

    private func currentSegments() -> [String] {
        guard let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.first == Self.versionLine else { return [] }
        return lines.dropFirst().filter(Self.isSegmentName)
    }

    private func removeSegments(except kept: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where (Self.isSegmentName(name) && !kept.contains(name)) || name.hasPrefix(".tmp-") {
            try? FileManager.default.removeItem(atPath: path(name))
        }
    }

    /// Writes a whole file under a temporary name, then renames it into place.
    private func write(_ bytes: [UInt8], to name: String) throws {
        try write([bytes], to: name)
    }

    func write(_ parts: [[UInt8]], to name: String) throws {
        let temporary = path(".tmp-\(getpid())-\(name)")
        try CacheFile.write(parts, to: temporary)
        guard rename(temporary, path(name)) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CacheFileError("cannot rename \(temporary) to \(path(name)): \(reason)")
        }
    }

    func withLock<Result>(shared: Bool, _ body: () throws -> Result) throws -> Result {
        let descriptor = open(path("lock"), shared ? O_RDONLY | O_CREAT : O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            if shared { return try body() }  // a read-only cache folder can still be read
            throw CacheFileError("cannot open \(path("lock")): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard flock(descriptor, shared ? LOCK_SH : LOCK_EX) == 0 else {
            throw CacheFileError("cannot lock \(path("lock")): \(String(cString: strerror(errno)))")
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}

struct CacheFileError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
