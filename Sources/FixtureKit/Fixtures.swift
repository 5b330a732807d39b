import Foundation
import YAMLReader

/// The fixture repositories of this source tree: `TestRepos/<name>/repo.yml`, built on demand.
public enum Fixtures {
    /// The TestRepos directory of this source tree (found from this file's path, walking up to Package.swift).
    /// `CDSCAN_TEST_REPOS` in the environment overrides it.
    public static var testReposDirectory: URL { Location.testRepos }

    /// Every fixture name (subdirectories of TestRepos holding a repo.yml), sorted.
    public static func names() throws -> [String] {
        let directory = testReposDirectory
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw FixtureError("cannot list \(directory.path): \(error.localizedDescription)")
        }
        return entries.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).appendingPathComponent("repo.yml").path)
        }.sorted()
    }

    /// The spec file of a fixture.
    public static func specURL(_ name: String) -> URL {
        testReposDirectory.appendingPathComponent(name).appendingPathComponent("repo.yml")
    }

    /// The parsed spec of a fixture.
    public static func spec(_ name: String) throws -> FixtureSpec {
        let url = specURL(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FixtureError("no fixture '\(name)' (no \(url.path))")
        }
        return try FixtureSpec.load(url)
    }

    /// Builds the named fixture (once per process; thread-safe) into a per-process temporary directory and returns
    /// the repository path: the work tree for non-bare repositories, the git directory itself for bare ones.
    /// Sources of mirror and shallow fixtures are built first. A failed build fails the same way on every call.
    public static func path(_ name: String) throws -> URL {
        try path(name, chain: [])
    }

    /// The parsed expected-results file `TestRepos/<name>/expected.yml`.
    public static func expected(_ name: String) throws -> YAMLNode {
        let url = testReposDirectory.appendingPathComponent(name).appendingPathComponent("expected.yml")
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FixtureError(file: url.path, mark: nil, message: "cannot read: \(error.localizedDescription)")
        }
        do {
            guard let node = try YAMLParser.parse(text, file: url.path) else {
                throw FixtureError(file: url.path, mark: nil, message: "empty file")
            }
            return node
        } catch let error as YAMLError {
            throw FixtureError(error)
        }
    }

    // MARK: The per-process cache

    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var result: Result<URL, any Error>?
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var entries: [String: Entry] = [:]

        func entry(_ name: String) -> Entry {
            lock.lock()
            defer { lock.unlock() }
            if let entry = entries[name] { return entry }
            let entry = Entry()
            entries[name] = entry
            return entry
        }
    }

    private static let cache = Cache()

    private static func path(_ name: String, chain: [String]) throws -> URL {
        if chain.contains(name) {
            throw FixtureError("fixture sources form a cycle: \((chain + [name]).joined(separator: " -> "))")
        }
        // One lock per fixture: different fixtures build in parallel; a second caller of the same one waits.
        // Sources are locked after their clones, always along the (acyclic) source chain, so no deadlock.
        let entry = cache.entry(name)
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let result = entry.result { return try result.get() }
        let result = Result<URL, any Error> {
            let spec = try spec(name)
            let directory = Scratch.shared.repositoriesDirectory.appendingPathComponent(name, isDirectory: true)
            try? FileManager.default.removeItem(at: directory)
            let builder = FixtureBuilder(resolveSource: { try path($0, chain: chain + [name]) })
            try builder.build(spec: spec, into: directory)
            return directory
        }
        entry.result = result
        return try result.get()
    }

    private enum Location {
        static let testRepos: URL = {
            if let override = ProcessInfo.processInfo.environment["CDSCAN_TEST_REPOS"], !override.isEmpty {
                return URL(fileURLWithPath: override, isDirectory: true)
            }
            var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            while directory.path != "/" {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    return directory.appendingPathComponent("TestRepos", isDirectory: true)
                }
                directory = directory.deletingLastPathComponent()
            }
            // Not inside a package checkout: assume the usual Sources/FixtureKit layout.
            return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("TestRepos", isDirectory: true)
        }()
    }
}
