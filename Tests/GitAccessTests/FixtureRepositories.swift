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
        // -z: paths NUL-terminated and never quoted; each record is "\u{1}<id>", a NUL, then the paths.
        let log = try Git.run(["log", "--no-renames", "--name-only", "-z", "--format=%x01%H"]
                              + (paths.isEmpty ? [] : ["--"] + paths), in: url)
        var result: [String: [String]] = [:]
        let skipped = Set(excluding.map(\.hex))
        for record in log.split(separator: "\u{1}") {
            let fields = record.split(separator: "\0").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
            guard let id = fields.first else { continue }
            let paths = Array(fields.dropFirst())
            guard !paths.isEmpty, !skipped.contains(id) else { continue }
            result[id] = paths
        }
        return result
    }

    static func git(_ arguments: String..., in url: URL) throws -> String {
        try Git.run(arguments, in: url)
    }
}
