import Foundation
import Testing
import FixtureKit
@testable import GitAccess

@Suite struct RepositoryTests {
    @Test(arguments: FixtureRepositories.withHistory)
    func treeListingMatchesLsTree(fixture: String) throws {
        let (repository, url) = try FixtureRepositories.open(fixture)
        let ours = try repository.treeListing(of: try repository.head().commit).map { entry in
            "\(String(entry.mode, radix: 8)) \(entry.object.hex) \(entry.size.map(String.init) ?? "-")\t\(entry.path)"
        }
        let theirs = try FixtureRepositories.git("ls-tree", "-r", "-l", "-z", "--full-tree", "HEAD", in: url)
            .split(separator: "\0").map { line -> String in
                // "<mode> <type> <id> <size padded>\t<path>"
                let parts = line.split(separator: "\t", maxSplits: 1)
                let fields = parts[0].split(separator: " ", omittingEmptySubsequences: true)
                let mode = String(Int(fields[0], radix: 8)!, radix: 8)
                return "\(mode) \(fields[2]) \(fields[3])\t\(parts[1])"
            }
        #expect(ours == theirs)
    }

    @Test(arguments: FixtureRepositories.withHistory)
    func referencesMatchForEachRef(fixture: String) throws {
        let (repository, url) = try FixtureRepositories.open(fixture)
        let listing = try repository.references()
        let refs = try FixtureRepositories.git(
            "for-each-ref", "--format=%(refname)%09%(objecttype)%09%(objectname)%09%(*objectname)%09%(symref)", in: url)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let gitBranches = refs.filter { ($0[0].hasPrefix("refs/heads/") || $0[0].hasPrefix("refs/remotes/")) && $0[4].isEmpty }
        #expect(listing.branches.map(\.reference) == gitBranches.map { $0[0] }.sorted())
        for branch in listing.branches {
            let row = try #require(gitBranches.first { $0[0] == branch.reference })
            #expect(branch.tip.hex == row[2])
        }
        let gitTags = refs.filter { $0[0].hasPrefix("refs/tags/") }
        #expect(listing.tags.map(\.name) == gitTags.map { String($0[0].dropFirst(10)) }.sorted())
        for tag in listing.tags {
            let row = try #require(gitTags.first { $0[0] == "refs/tags/" + tag.name })
            #expect(tag.isAnnotated == (row[1] == "tag"))
            #expect(tag.target?.hex == (tag.isAnnotated ? row[3] : row[2]))
            #expect(tag.date != nil)
        }
        let gitSymbolic = refs.filter { !$0[4].isEmpty }.map { "\($0[0]) -> \($0[4])" }
        #expect(listing.symbolic.map { "\($0.name) -> \($0.target)" } == gitSymbolic.sorted())
    }

    @Test func opensASubdirectoryOfAWorkingTree() throws {
        let url = try Fixtures.path("library")
        let entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
        let sub = try #require(entries.sorted().first { name in
            var isDirectory: ObjCBool = false
            return name != ".git" && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        })
        let repository = try GitRepository(path: url.appendingPathComponent(sub).path)
        #expect(repository.workingDirectory?.standardizedFileURL.path == url.standardizedFileURL.path)
        #expect(!repository.isBare)
    }

    @Test func opensABareMirror() throws {
        let (repository, _) = try FixtureRepositories.open("mirror")
        #expect(repository.isBare)
        #expect(repository.workingDirectory == nil)
        _ = try repository.head()
    }

    /// HEAD's reference read alone (no object database) names the commit `head()` reads, and nothing
    /// where there is no repository or no commit yet.
    @Test(arguments: FixtureRepositories.withHistory)
    func headTargetIsTheHeadCommit(fixture: String) throws {
        let (repository, url) = try FixtureRepositories.open(fixture)
        #expect(GitRepository.headTarget(path: url.path) == (try repository.head()).commit)
    }

    @Test func headTargetIsNilWithoutAHead() throws {
        #expect(GitRepository.headTarget(path: try Fixtures.path("empty").path) == nil)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-nohead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(GitRepository.headTarget(path: directory.path) == nil)
        #expect(GitRepository.headTarget(path: directory.appendingPathComponent("missing").path) == nil)
    }

    @Test func anEmptyRepositoryHasAnUnbornHead() throws {
        let repository = try GitRepository(path: try Fixtures.path("empty").path)
        #expect(repository.isEmpty)
        #expect {
            _ = try repository.head()
        } throws: { error in
            (error as? GitError)?.kind == .unbornHead
        }
    }

    @Test func aPathThatIsNoRepositoryIsNotFound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-norepo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in [directory.path, directory.appendingPathComponent("missing").path] {
            #expect {
                _ = try GitRepository(path: path)
            } throws: { error in
                (error as? GitError)?.kind == .notFound
            }
        }
        let file = directory.appendingPathComponent("file.txt")
        try Data("x".utf8).write(to: file)
        #expect(throws: GitError.self) { _ = try GitRepository(path: file.path) }
    }

    @Test func blobsAreReadFromTheObjectDatabaseAndCapped() throws {
        let (repository, url) = try FixtureRepositories.open("library")
        let listing = try repository.treeListing(of: try repository.head().commit)
        let entry = try #require(listing.filter { $0.kind == .file }.max { ($0.size ?? 0) < ($1.size ?? 0) })
        let full = try repository.blob(entry.object, cap: 1 << 20)
        let expected = try Git.runData(["cat-file", "blob", entry.object.hex], in: url)
        #expect(full.bytes == Array(expected))
        #expect(!full.isTooLarge)
        let capped = try repository.blob(entry.object, cap: 4)
        #expect(capped.isTooLarge)
        #expect(capped.bytes.isEmpty)
        #expect(capped.size == expected.count)
    }

    @Test func missingAndDamagedObjectsAreErrorsNotCrashes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-corrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let middle = try DamagedRepositories.missingMiddleCommit(at: directory)
        let tree = try Git.run(["rev-parse", "HEAD^{tree}"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        let objects = directory.appendingPathComponent(".git/objects")
        let treeFile = objects.appendingPathComponent(String(tree.prefix(2))).appendingPathComponent(String(tree.dropFirst(2)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: treeFile.path)
        try Data("not zlib".utf8).write(to: treeFile)

        let repository = try GitRepository(path: directory.path)
        let head = try repository.head()
        #expect {
            try repository.walkHistory(from: [head.commit]) { _ in }
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.kind == .notFound && error.message.contains(middle)
        }
        #expect {
            _ = try repository.treeListing(of: head.commit)
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.operation.contains(tree) && !error.message.isEmpty
        }
    }

    @Test func repositoriesOpenAndWalkInParallelTasks() async throws {
        let names = FixtureRepositories.withHistory
        let counts = try await withThrowingTaskGroup(of: (String, Int).self) { group in
            for name in names {
                let path = try Fixtures.path(name).path
                group.addTask {
                    let repository = try GitRepository(path: path)
                    var count = 0
                    try repository.walkHistory(from: [try repository.head().commit], changedPaths: .all,
                                               shallowRoots: repository.shallowRoots()) { _ in count += 1 }
                    return (name, count)
                }
            }
            var result: [String: Int] = [:]
            for try await (name, count) in group { result[name] = count }
            return result
        }
        for name in names {
            let url = try Fixtures.path(name)
            let expected = Int(try Git.run(["rev-list", "--count", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(counts[name] == expected, "\(name)")
        }
    }
}

@Suite struct PartialCloneTests {
    /// Partial clones and size-capped mirrors lack some blobs: the tree still lists them, without a size,
    /// and reading one is an error for that file only.
    @Test func aMissingBlobIsListedWithoutASizeAndReadsAsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Git.run(["init", "-q", "-b", "main"], in: directory)
        try Data("small\n".utf8).write(to: directory.appendingPathComponent("small.txt"))
        try Data(String(repeating: "large ", count: 1000).utf8).write(to: directory.appendingPathComponent("large.json"))
        try Git.run(["add", "."], in: directory)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "c"], in: directory)
        let blob = try Git.run(["rev-parse", "HEAD:large.json"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(at: directory.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"))

        let repository = try GitRepository(path: directory.path)
        let listing = try repository.treeListing(of: try repository.head().commit)
        #expect(listing.map(\.path) == ["large.json", "small.txt"])
        #expect(listing[0].size == nil)
        #expect(listing[1].size == 6)
        #expect(throws: GitError.self) { _ = try repository.blob(listing[0].object, cap: 1 << 20) }
    }
}
