import FixtureKit
import Foundation
import Testing
@testable import GitAccess

/// cdscan's own pack reader against libgit2: every object of a repository packed with long delta chains
/// reads the same (type, size, bytes) through both, and in a damaged pack the reader either gives
/// libgit2's answer or none (the object database then asks libgit2, which reports the damage as before).
@Suite struct PackReaderTests {
    private let environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
                               "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2024-01-05T00:00:00Z",
                               "GIT_COMMITTER_DATE": "2024-01-05T00:00:00Z"]

    /// A repository of 40 commits, each growing or rewriting a few files in a wide-ish tree, packed by
    /// `git repack -f` with deep chains, so that trees and blobs are deltas of deltas: their bases named
    /// by distance (OFS_DELTA, git's default) or, with `referenceDeltas`, by id (REF_DELTA).
    private func deltaRepository(referenceDeltas: Bool = false) throws -> URL {
        _ = GitLibrary.ready
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try Git.run(["init", "-q", "-b", "main"], in: directory)
        for step in 0..<40 {
            for file in 0..<6 where (step + file) % 3 != 0 {
                let folder = directory.appendingPathComponent("module\(file % 3)/sub\(file)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let lines = (0...(step * 7 + file)).map { "line \($0) of file \(file), revised at step \($0 % (step + 1))" }
                try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("file\(file).txt"),
                                                         atomically: true, encoding: .utf8)
            }
            _ = try Git.run(["add", "-A"], in: directory)
            _ = try Git.run(["commit", "-q", "-m", "step \(step)"], in: directory, environment: environment)
        }
        _ = try Git.run(["-c", "repack.useDeltaBaseOffset=\(!referenceDeltas)", "repack", "-a", "-d", "-f", "-q",
                         "--depth=60", "--window=60"], in: directory)
        return directory
    }

    private func objectIDs(in directory: URL) throws -> [ObjectID] {
        try Git.run(["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"], in: directory)
            .split(separator: "\n").compactMap { ObjectID(hex: $0) }
    }

    private func read(_ id: ObjectID, from database: ObjectDatabase) -> (ObjectType, [UInt8])? {
        try? database.withObject(id, "read") { (type, bytes) in (type, Array(bytes)) }
    }

    @Test(arguments: [false, true])
    func everyObjectReadsAsLibgit2ReadsIt(referenceDeltas: Bool) throws {
        let directory = try deltaRepository(referenceDeltas: referenceDeltas)
        defer { try? FileManager.default.removeItem(at: directory) }
        let objects = directory.appendingPathComponent(".git/objects").path
        let deltas = try Git.run(["verify-pack", "-v"] + (try packIndexes(in: objects)), in: directory)
        #expect(deltas.contains("chain length = 5"), "the pack holds delta chains of deltas")

        // The fixture holds the kind of delta the case is about.
        let indexPath = try #require(try packIndexes(in: objects).first)
        let indexFile = try #require(MappedFile.shared(path: indexPath, minimumSize: 0))
        let packFile = try #require(MappedFile.shared(path: String(indexPath.dropLast(4)) + ".pack", minimumSize: 0))
        let index = try #require(PackIndex(indexFile))
        let pack = try #require(PackFile(pack: packFile, index: index))
        let kinds = (0..<index.count).compactMap { index.offset(of: index.id(at: $0)).flatMap(pack.entry(at:))?.kind }
        #expect(kinds.count == index.count)
        let byReference = kinds.filter { if case .referenceDelta = $0 { return true } else { return false } }.count
        let byOffset = kinds.filter { if case .offsetDelta = $0 { return true } else { return false } }.count
        #expect(referenceDeltas ? byReference > 100 && byOffset == 0 : byOffset > 100 && byReference == 0)

        let ours = try ObjectDatabase(objectsDirectory: objects)
        let theirs = try ObjectDatabase(objectsDirectory: objects, ownPackReader: false)
        let reader = try #require(PackReader(objectDirectories: [objects]))
        let ids = try objectIDs(in: directory)
        #expect(ids.count > 200)
        // Newest first and then again in reverse, so that chains are resolved from cached bases and without.
        for id in ids + ids.reversed() {
            let expected = try #require(read(id, from: theirs))
            let direct = try #require(reader.read(id), "\(id.hex)")
            #expect(direct.type == expected.0 && Array(direct.bytes) == expected.1, "\(id.hex)")
            #expect(read(id, from: ours).map { $0.0 == expected.0 && $0.1 == expected.1 } == true)
            let header = try #require(reader.header(id))
            #expect(header.type == expected.0 && header.size == expected.1.count, "\(id.hex)")
        }
        #expect(reader.read(ObjectID(hex: String(repeating: "ab", count: 20))!) == nil, "absent: left to libgit2")
    }

    @Test func aDamagedPackGivesLibgit2sAnswerOrNone() throws {
        let directory = try deltaRepository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let objects = directory.appendingPathComponent(".git/objects").path
        let ids = try objectIDs(in: directory)
        let index = try #require(try packIndexes(in: objects).first)
        let packPath = String(index.dropLast(4)) + ".pack"
        let pristine = try Data(contentsOf: URL(fileURLWithPath: packPath))
        // Flip one byte at a spread of places (headers, deltas, zlib streams), one damage at a time.
        var generator = SeededGenerator(seed: 0x5eed)
        var answered = 0
        for _ in 0..<24 {
            var damaged = pristine
            let position = 12 + Int(generator.next() % UInt64(pristine.count - 32))
            damaged[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            try damaged.write(to: URL(fileURLWithPath: packPath))
            let theirs = try ObjectDatabase(objectsDirectory: objects, ownPackReader: false)
            let reader = try #require(PackReader(objectDirectories: [objects]))
            for id in ids {
                guard let ours = reader.read(id) else { continue }
                answered += 1
                let expected = read(id, from: theirs)
                #expect(expected.map { $0.0 == ours.type && $0.1 == Array(ours.bytes) } == true,
                        "byte \(position) damaged: \(id.hex) read as libgit2 does not")
            }
        }
        #expect(answered > 0)
        try pristine.write(to: URL(fileURLWithPath: packPath))
    }

    @Test func aTruncatedIndexOrPackIsLeftToLibgit2() throws {
        let directory = try deltaRepository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let objects = directory.appendingPathComponent(".git/objects").path
        let ids = try objectIDs(in: directory)
        let pristine = try ObjectDatabase(objectsDirectory: objects, ownPackReader: false)
        let contents = Dictionary(uniqueKeysWithValues: ids.map { ($0, read($0, from: pristine)) })
        let index = try #require(try packIndexes(in: objects).first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        try bytes.prefix(bytes.count - 41).write(to: URL(fileURLWithPath: index))
        #expect(PackReader(objectDirectories: [objects]) == nil, "an index whose tables do not add up is refused")
        try bytes.write(to: URL(fileURLWithPath: index))
        let packPath = String(index.dropLast(4)) + ".pack"
        let pack = try Data(contentsOf: URL(fileURLWithPath: packPath))
        try pack.prefix(pack.count / 2).write(to: URL(fileURLWithPath: packPath))
        let reader = try #require(PackReader(objectDirectories: [objects]))
        var answered = 0
        var refused = 0
        for id in ids {
            // Entries past the cut, or whose chain reaches past it, are not answered; the rest are whole.
            guard let object = reader.read(id) else {
                refused += 1
                continue
            }
            answered += 1
            #expect(contents[id]??.0 == object.type && contents[id]??.1 == Array(object.bytes), "\(id.hex)")
        }
        #expect(answered > 0 && refused > 0)
    }

    private func packIndexes(in objects: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: objects + "/pack").filter { $0.hasSuffix(".idx") }.sorted()
            .map { objects + "/pack/" + $0 }
    }
}
