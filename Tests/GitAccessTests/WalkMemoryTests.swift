import Foundation
import Testing
import FixtureKit
@testable import GitAccess

/// A walk with memory hands over what a walk without it does, cold, warm and after a save and a load;
/// saved memory that is damaged is refused, never half-read.
@Suite struct WalkMemoryTests {
    /// Everything a walk hands over of a commit, as one line.
    static func line(_ commit: CommitInfo) -> String {
        let trailers = commit.trailers.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
        return [commit.id.hex, commit.tree.hex, commit.parents.map(\.hex).joined(separator: ","),
                "\(commit.author)", "\(commit.committer)", commit.summary, commit.body, trailers,
                "\(commit.isShallowBoundary)", "\(commit.changedPaths ?? ["nil"])", "\(commit.changedPathsScope)",
                commit.annotation.map { "\($0)" } ?? "no annotation"].joined(separator: "\t")
    }

    static func walk(_ repository: GitRepository, memory: WalkMemory?, annotator: WalkAnnotator? = nil,
                     budget: ChangedPathsBudget = ChangedPathsBudget(commitLimit: 3, trackedPrefixes: ["README.md", ".github/"])) throws -> [String] {
        var lines: [String] = []
        try repository.walkHistory(from: [try repository.head().commit], changedPaths: budget,
                                   shallowRoots: repository.shallowRoots(), memory: memory, annotator: annotator) { commit in
            lines.append(line(commit))
        }
        return lines
    }

    @Test(arguments: FixtureRepositories.withHistory)
    func aWalkWithMemoryHandsOverTheSameCommits(fixture: String) throws {
        let (repository, _) = try FixtureRepositories.open(fixture)
        let plain = try Self.walk(repository, memory: nil)
        let memory = WalkMemory()
        #expect(try Self.walk(repository, memory: memory) == plain)
        #expect(memory.usage.commitsRead == plain.count)
        #expect(try Self.walk(repository, memory: memory) == plain)
        #expect(memory.usage.commitsRead == 0)
        let reloaded = try WalkMemory.read(segments: [memory.segment(everything: true)])
        #expect(try Self.walk(repository, memory: reloaded) == plain)
        #expect(reloaded.usage.commitsRead == 0)
        #expect(reloaded.usage.diffsComputed == 0)
    }

    @Test(arguments: FixtureRepositories.withHistory)
    func anAnnotatedCommitComesBackWithItsAnnotationInsteadOfItsMessage(fixture: String) throws {
        let (repository, _) = try FixtureRepositories.open(fixture)
        let annotator = WalkAnnotator(key: "summary-length") { Array("\($0.summary.count)".utf8) }
        let memory = WalkMemory()
        let cold = try Self.walk(repository, memory: memory, annotator: annotator)
        let saved = memory.segment(everything: true)
        let warm = try Self.walk(try WalkMemory.read(segments: [saved]), annotator: annotator, repository)
        #expect(warm.count == cold.count)
        let shallowRoots = repository.shallowRoots()
        for (before, after) in zip(cold, warm) {
            let old = before.split(separator: "\t", omittingEmptySubsequences: false)
            let new = after.split(separator: "\t", omittingEmptySubsequences: false)
            // Same commit, parents, people, paths and annotation; the message is left out.
            #expect(old[0...4] == new[0...4])
            #expect(old[8...] == new[8...])
            if let id = ObjectID(hex: old[0]), !shallowRoots.contains(id) {
                #expect(new[5] == "" && new[6] == "", "an annotated commit is handed over without its message")
            }
        }
        // Another key: the annotations are dropped and made again from the messages.
        let other = WalkAnnotator(key: "other") { _ in [1] }
        let reread = try WalkMemory.read(segments: [saved])
        _ = try Self.walk(reread, annotator: other, repository)
        #expect(reread.usage.annotationsDropped)
    }

    private static func walk(_ memory: WalkMemory, annotator: WalkAnnotator, _ repository: GitRepository) throws -> [String] {
        try walk(repository, memory: memory, annotator: annotator)
    }

    @Test func aSkeletonComesBackFromASegmentAsTheCommitWithoutItsMessage() throws {
        let object = Array("""
        tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
        parent 0000000000000000000000000000000000000001
        parent 0000000000000000000000000000000000000002
        author A U Thor <a@example.com> 1700000000 +0100
        committer Ç O Mitter <c@example.com> 1700000100 -0200
        gpgsig -----BEGIN PGP SIGNATURE-----
         line
         -----END PGP SIGNATURE-----

        Summary

        Body text.

        Signed-off-by: A U Thor <a@example.com>
        """.utf8)
        let id = try #require(ObjectID(hex: "1111111111111111111111111111111111111111"))
        let full = try object.withUnsafeBytes { try CommitParser.parse(id: id, bytes: $0) }
        let memory = WalkMemory()
        memory.entries[id] = WalkMemory.Entry(skeleton: CommitSkeleton(full), annotation: [7, 8])
        memory.learnt.insert(id)
        let reread = try WalkMemory.read(segments: [memory.segment(everything: false)])
        let skeleton = try #require(reread.entries[id]?.skeleton)
        let bare = skeleton.commit(id, annotation: [7, 8])
        #expect(bare.tree == full.tree && bare.parents == full.parents)
        #expect(bare.author == full.author && bare.committer == full.committer)
        #expect(bare.summary == "" && bare.body == "" && bare.trailers.isEmpty && bare.annotation == [7, 8])
        #expect(reread.entries[id]?.object == nil)
    }

    @Test func damagedSegmentsAreRefused() throws {
        let (repository, _) = try FixtureRepositories.open("trunk")
        let memory = WalkMemory()
        _ = try Self.walk(repository, memory: memory)
        let segment = memory.segment(everything: true)
        #expect(throws: WalkMemoryArchiveError.self) { try WalkMemory.read(segments: [Array(segment.prefix(segment.count / 2))]) }
        #expect(throws: WalkMemoryArchiveError.self) { try WalkMemory.read(segments: [Array("not a segment at all".utf8)]) }
        var otherFormat = segment
        otherFormat[7] = WalkMemory.format &+ 1
        #expect(throws: WalkMemoryArchiveError.self) { try WalkMemory.read(segments: [otherFormat]) }
        // Any flipped byte of the payload is refused (the checksum), not read as other facts.
        for position in stride(from: 20, to: segment.count, by: max(1, segment.count / 40)) {
            var flipped = segment
            flipped[position] ^= 0x01
            #expect(throws: WalkMemoryArchiveError.self) { try WalkMemory.read(segments: [flipped]) }
        }
    }
}
