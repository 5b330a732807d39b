import Foundation
import Testing
import FixtureKit
@testable import GitAccess

/// libgit2 started on a thread of its own (`LibGit2.prepareInBackground`, what a worker does first):
/// repositories opened at once, from several threads, wait for it and read as git does.
@Suite struct LibraryStartTests {
    @Test func repositoriesOpenedWhileTheLibraryStartsReadAsGitDoes() async throws {
        let fixture = try #require(FixtureRepositories.withHistory.first)
        let url = try Fixtures.path(fixture)
        let expected = try FixtureRepositories.git("rev-parse", "HEAD", in: url).trimmingCharacters(in: .whitespacesAndNewlines)
        LibGit2.prepareInBackground()
        let heads = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask { try GitRepository(path: url.path).head().commit.hex }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        LibGit2.prepareInBackground()
        #expect(heads == Array(repeating: expected, count: 4))
        #expect(GitLibrary.ready)
    }
}
