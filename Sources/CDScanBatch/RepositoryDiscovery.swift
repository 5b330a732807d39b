import Foundation
import CDScanKit

/// One repository a batch is to scan.
public struct BatchTarget: Sendable, Hashable, Comparable {
    /// The stable key: the absolute path with symbolic links resolved, or the URL a mirror is made from.
    public let key: String
    /// The name to show: the path relative to the searched directory, or the URL's last parts.
    public let name: String
    /// Where it is read: the repository directory, or the mirror's directory for a URL.
    public let path: String
    /// The remote a mirror is cloned from or fetched, for a URL target, as given (credentials included:
    /// never store or print it; `remote.display` is the form to show).
    public let url: String?
    /// Why the target cannot be scanned, known before any scan (a directory that cannot be listed).
    public let problem: String?

    public init(key: String, name: String, path: String, url: String? = nil, problem: String? = nil) {
        self.key = key
        self.name = name
        self.path = path
        self.url = url
        self.problem = problem
    }

    public static func < (lhs: BatchTarget, rhs: BatchTarget) -> Bool { lhs.key < rhs.key }

    /// The URL target's remote (nil for a path).
    public var remote: RemoteURL? { url.map(RemoteURL.init) }

    /// `text` with any credential of the target's URL scrubbed out.
    func redact(_ text: String) -> String { remote?.redact(text) ?? text }
}

/// Finds the repositories a batch scans: under directories (working trees and bare repositories, at any
/// depth), listed in files, and given as URLs.
///
/// Under a directory: a directory holding `.git` (a directory, or a file as in a linked worktree or a
/// submodule) is a working tree; a directory holding `HEAD`, `objects/` and `refs/` is a bare repository.
/// The search does not enter `.git` directories nor bare repositories, and does enter a working tree's
/// other directories (repositories nested in it). A symbolic link outside any repository is followed when
/// it leads to a repository (a working tree or a bare one), which is then searched as a real one would be;
/// a link inside a working tree is the repository's content and is never followed. Directories are told
/// apart by device and inode, so links cannot make the search loop or reach a repository twice: every link
/// not followed (dangling, a loop, a repository found already, a directory that is not a repository) is
/// reported with its reason (see `DirectorySearch`). A directory it cannot list becomes a target with that
/// problem, so the batch accounts for it.
public enum RepositoryDiscovery {
    /// Every repository under `directory` (the directory itself included), sorted by key.
    public static func search(_ directory: String) -> [BatchTarget] {
        find(under: directory).targets
    }

    /// Every repository under `directory` (the directory itself included), sorted by key, and the links
    /// the search did not follow.
    public static func find(under directory: String) -> DirectorySearchResult {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let reason = FileManager.default.fileExists(atPath: root.path) ? "not a directory" : "no such directory"
            return DirectorySearchResult(targets: [BatchTarget(key: canonical(root.path), name: root.lastPathComponent,
                                                               path: root.path, problem: "\(root.path): \(reason)")],
                                         skipped: [])
        }
        return DirectorySearch.run(root)
    }

    /// A bare repository (or a mirror) holds HEAD, objects/ and refs/ at its top.
    static func isBareRepository(_ directory: URL, names: Set<String>) -> Bool {
        guard names.contains("HEAD"), names.contains("objects"), names.contains("refs") else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent("objects").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Repositories named in a list file: one path per line, relative paths from the file's directory;
    /// blank lines and `#` comments are skipped. Each path is taken as a repository as it is (not searched).
    public static func list(file: String) throws -> [BatchTarget] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw DiscoveryError("\(file): cannot read: \(reason(error))")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        return entries(in: text).map { entry in
            let url = entry.hasPrefix("/") ? URL(fileURLWithPath: entry) : base.appendingPathComponent(entry)
            return target(path: url.standardizedFileURL.path)
        }
    }

    /// A repository given by its path.
    public static func target(path: String) -> BatchTarget {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return BatchTarget(key: canonical(url.path), name: url.lastPathComponent, path: url.path)
    }

    /// URLs named in a list file (one per line, `#` comments).
    public static func urls(file: String) throws -> [String] {
        do {
            return entries(in: try String(contentsOfFile: file, encoding: .utf8))
        } catch {
            throw DiscoveryError("\(file): cannot read: \(reason(error))")
        }
    }

    /// A repository given by a URL, mirrored under `cache`. Its key, name and mirror directory come from the
    /// URL without credentials (see `RemoteURL`); only the clone and fetch see the URL as given.
    public static func target(url: String, cache: String) -> BatchTarget {
        let remote = RemoteURL(url)
        return BatchTarget(key: remote.display, name: MirrorCache.displayName(remote.display),
                           path: MirrorCache.directory(for: remote.display, in: cache), url: url)
    }

    /// Sorted, one target per key (the first one found wins), with names that tell them apart.
    public static func deduplicated(_ targets: [BatchTarget]) -> [BatchTarget] {
        var seen: Set<String> = []
        return distinctNames(targets.filter { seen.insert($0.key).inserted }.sorted())
    }

    /// Targets that share a name (mirrors kept as `…/git+git/repo` and `…/fd/repo` are both "repo") are
    /// named by more of their path, a parent directory at a time, until every name is different. URL
    /// targets keep their names.
    static func distinctNames(_ targets: [BatchTarget]) -> [BatchTarget] {
        var names = targets.map(\.name)
        for _ in 0..<8 {
            let counts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
            var changed = false
            for index in targets.indices where counts[names[index], default: 0] > 1 && targets[index].url == nil {
                let parts = targets[index].path.split(separator: "/").map(String.init)
                let used = names[index].split(separator: "/").count
                guard parts.count > used else { continue }
                names[index] = parts.suffix(used + 1).joined(separator: "/")
                changed = true
            }
            if !changed { break }
        }
        return zip(targets, names).map { target, name in
            BatchTarget(key: target.key, name: name, path: target.path, url: target.url, problem: target.problem)
        }
    }

    private static func entries(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if error.domain == NSCocoaErrorDomain && error.code == NSFileReadNoPermissionError { return "permission denied" }
        return error.localizedDescription
    }
}

/// A list file or directory that cannot be used (exit code 64 for the command).
public struct DiscoveryError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    static func reason(_ error: any Error) -> String { RepositoryDiscovery.reason(error) }
}

/// Where mirrors of URLs live: one bare repository per URL under the cache directory, named from the URL's
/// last parts and a stable hash of the whole URL (so two `…/api` repositories do not collide).
public enum MirrorCache {
    public static func directory(for url: String, in cache: String) -> String {
        let safe = displayName(url).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        let hash = String(StableHash.fnv1a64(url), radix: 16)
        return URL(fileURLWithPath: cache).appendingPathComponent("\(String(safe))-\(hash).git").standardizedFileURL.path
    }

    /// `https://host/org/repo.git` → `org/repo`.
    public static func displayName(_ url: String) -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix(".git") { text.removeLast(4) }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).map(String.init)
        return parts.suffix(2).joined(separator: "/")
    }
}

/// FNV-1a, 64 bits, of a string's UTF-8 (`FNV1a`): the same value on every machine and every run.
public enum StableHash {
    public static func fnv1a64(_ text: String) -> UInt64 {
        FNV1a.hash64(text.utf8)
    }
}

/// `--shard I/N`: shard I (0-based) of N takes the repositories whose key's stable hash (FNV-1a 64) is I
/// modulo N. Every repository falls in exactly one shard, the same one on every machine, and adding a
/// repository never moves another to a different shard.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(DiscoveryError) {
        guard count >= 1, (0..<count).contains(index) else {
            throw DiscoveryError("--shard takes I/N with 0 <= I < N, not \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws(DiscoveryError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw DiscoveryError("--shard takes I/N (e.g. 0/4), not '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    public func contains(_ target: BatchTarget) -> Bool {
        Int(StableHash.fnv1a64(target.key) % UInt64(count)) == index
    }

    public func select(_ targets: [BatchTarget]) -> [BatchTarget] { targets.filter(contains) }

    public var description: String { "\(index)/\(count)" }
}
