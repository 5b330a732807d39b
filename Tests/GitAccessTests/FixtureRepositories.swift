import Foundation
import FixtureKit
@testable import GitAccess

/// Fixture repositories as the GitAccess tests use them, with git's own answers to compare against.
enum FixtureRepositories {
    /// Every fixture that has commits (the empty one is tested on its own).
    static let withHistory: [String] = ((try? Fixtures.names()) ?? []).filter { $0 != "empty" }

    static func open(_ name: String) throws -> (GitRepository, URL) {
        let url = try Fixtures.path(name)
        return (try GitRepository(path: url.path), url)
    }

    /// `git log --no-renames --name-only` as commit id → changed paths (commits with none left out).
    /// A shallow clone's boundary commits are left out too: git diffs them against nothing, cdscan does not
    /// pretend to know what they changed.
    static func changedPathsFromGit(in url: URL, paths: [String] = [], excluding: Set<ObjectID> = []) throws -> [String: [String]] {
        let log = try Git.run(["-c", "core.quotePath=false", "log", "--no-renames", "--name-only", "--format=%x01%H"]
                              + (paths.isEmpty ? [] : ["--"] + paths), in: url)
        var result: [String: [String]] = [:]
        let skipped = Set(excluding.map(\.hex))
        for record in log.split(separator: "\u{1}") {
            let lines = record.split(separator: "\n").map(String.init)
            guard let id = lines.first, lines.count > 1, !skipped.contains(id) else { continue }
            result[id] = Array(lines.dropFirst())
        }
        return result
    }

    static func git(_ arguments: String..., in url: URL) throws -> String {
        try Git.run(arguments, in: url)
    }
}
