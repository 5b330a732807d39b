import Foundation
import Testing
import GitAccess
@testable import CDScanKit

/// The comparison of HEAD, the index and the work tree, and the reader that never follows a symlink.
@Suite struct WorkTreeUnitTests {
    static func blob(_ text: String) -> ObjectID { .blobID(of: Array(text.utf8)) }

    static func entry(_ path: String, _ text: String, mode: UInt32 = 0o100644) -> TreeEntry {
        TreeEntry(path: path, kind: mode == 0o120000 ? .symlink : mode & 0o111 != 0 ? .executable : .file, mode: mode,
                  object: blob(text), size: text.utf8.count)
    }

    static func index(_ path: String, _ text: String, mode: UInt32 = 0o100644, stage: Int = 0) -> IndexEntry {
        IndexEntry(path: path, mode: mode, object: blob(text), stage: stage)
    }

    static func deltas(_ items: [WorkTreeDelta], truncated: Bool = false) -> BoundedList<WorkTreeDelta> {
        BoundedList(items: items, isTruncated: truncated)
    }

    @Test func combinesStagedAndWorkTreeChangesAgainstHead() {
        let head = [Self.entry("a.yml", "a"), Self.entry("b.yml", "b"), Self.entry("c.yml", "c"), Self.entry("d.sh", "d"),
                    Self.entry("e.yml", "e"), Self.entry("f.yml", "f")]
        let index = [
            Self.index("a.yml", "a"),                     // unchanged
            Self.index("b.yml", "b2"),                    // staged change
            Self.index("d.sh", "d", mode: 0o100755),      // mode change
            Self.index("e.yml", "e2"),                    // staged, then changed back in the work tree
            Self.index("f.yml", "f"),
            Self.index("new.yml", "n"),                   // staged addition
            Self.index("gone.yml", "g"),                  // staged addition, then deleted
        ]                                                 // c.yml: removed from the index
        let work = Self.deltas([
            WorkTreeDelta(path: "e.yml", kind: .modified, workTreeObject: Self.blob("e")),
            WorkTreeDelta(path: "f.yml", kind: .deleted),
            WorkTreeDelta(path: "gone.yml", kind: .deleted),
            WorkTreeDelta(path: "untracked.yml", kind: .untracked),
            WorkTreeDelta(path: "nested-repo/", kind: .untracked),
        ])
        let found = WorkTreeComparison.changes(head: head, index: index, deltas: work)
        #expect(found.changes == [
            WorkTreeChange(path: "b.yml", change: .modified),
            WorkTreeChange(path: "c.yml", change: .deleted),
            WorkTreeChange(path: "d.sh", change: .modified),
            WorkTreeChange(path: "f.yml", change: .deleted),
            WorkTreeChange(path: "new.yml", change: .added),
            WorkTreeChange(path: "untracked.yml", change: .added),
        ])
        #expect(!found.isTruncated)
    }

    @Test func aFileRemovedFromTheIndexButKeptIsModifiedAndConflictsCount() {
        let head = [Self.entry("kept.yml", "k"), Self.entry("x.yml", "x")]
        let index = [Self.index("x.yml", "x1", stage: 1), Self.index("x.yml", "x2", stage: 2)]
        let work = Self.deltas([WorkTreeDelta(path: "kept.yml", kind: .untracked), WorkTreeDelta(path: "x.yml", kind: .conflicted)])
        let found = WorkTreeComparison.changes(head: head, index: index, deltas: work)
        #expect(found.changes == [WorkTreeChange(path: "kept.yml", change: .modified), WorkTreeChange(path: "x.yml", change: .modified)])
    }

    @Test func pathsMissingFromAnIncompleteListingAreNotCalledAdded() {
        let head = [Self.entry("a.yml", "a")]
        let index = [Self.index("a.yml", "a"), Self.index("damaged/b.yml", "b")]
        let found = WorkTreeComparison.changes(head: head, isUnlisted: { $0.hasPrefix("damaged/") }, index: index,
                                               deltas: Self.deltas([WorkTreeDelta(path: "damaged/c.yml", kind: .modified)]))
        #expect(found.changes.isEmpty)
    }

    @Test func theListIsBounded() {
        let work = Self.deltas((0..<30).map { WorkTreeDelta(path: String(format: "f%02d", $0), kind: .untracked) })
        let found = WorkTreeComparison.changes(head: [], index: [], deltas: work, limit: 10)
        #expect(found.changes.count == 10)
        #expect(found.isTruncated)
        let state = WorkTreeState(included: false, changes: found.changes, isTruncated: true)
        #expect(state.countText == "10+")
        let sentence = state.sentence(head: Self.blob("head"))
        #expect(sentence?.contains("10+ changed files are not included (f00, f01, f02, f03, f04, …): use --worktree") == true)
    }

    @Test func excludedPathsAreLeftOutButTheConfigurationIsNot() {
        let state = WorkTreeState(included: false, changes: [
            WorkTreeChange(path: ".cdscan.yml", change: .added),
            WorkTreeChange(path: "src/app.yml", change: .modified),
            WorkTreeChange(path: "vendor/lib/ci.yml", change: .added),
        ], isTruncated: false)
        let relevant = state.relevant { $0.hasPrefix("vendor/") || $0 == ".cdscan.yml" }
        #expect(relevant.changes.map(\.path) == [".cdscan.yml", "src/app.yml"])
        #expect(WorkTreeState(included: false, changes: [], isTruncated: false).sentence(head: Self.blob("h")) == nil)
    }

    @Test func theReaderNeverFollowsASymlink() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-worktree-unit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside")
        let tree = root.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("dir"), withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: outside.appendingPathComponent("secret.yml"))
        try Data("plain\n".utf8).write(to: tree.appendingPathComponent("dir/plain.yml"))
        try Data(repeating: 0x61, count: 100).write(to: tree.appendingPathComponent("big.yml"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("out").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("link.yml").path, withDestinationPath: outside.appendingPathComponent("secret.yml").path)
        #expect(mkfifo(tree.appendingPathComponent("fifo.yml").path, 0o644) == 0)

        let path = tree.path
        #expect(WorkTreeFile.read(root: path, path: "dir/plain.yml", cap: 64) == .file(bytes: Array("plain\n".utf8), executable: false))
        #expect(WorkTreeFile.read(root: path, path: "big.yml", cap: 64) == .tooLarge(size: 100, executable: false))
        #expect(WorkTreeFile.read(root: path, path: "link.yml", cap: 64) == .symlink(target: Array(outside.appendingPathComponent("secret.yml").path.utf8)))
        guard case .refused = WorkTreeFile.read(root: path, path: "out/secret.yml", cap: 64) else {
            Issue.record("a path through a symlinked directory must be refused"); return
        }
        guard case .refused = WorkTreeFile.read(root: path, path: "fifo.yml", cap: 64) else {
            Issue.record("a FIFO is not a regular file"); return
        }
        guard case .refused = WorkTreeFile.read(root: path, path: "../outside/secret.yml", cap: 64) else {
            Issue.record("'..' is refused"); return
        }
        guard case .refused = WorkTreeFile.read(root: path, path: ".git/config", cap: 64) else {
            Issue.record(".git is refused"); return
        }
        #expect(WorkTreeFile.read(root: path, path: "dir", cap: 64) == .missing)
        #expect(WorkTreeFile.read(root: path, path: "nothing/here.yml", cap: 64) == .missing)
        #expect(WorkTreeFile.read(root: path, path: "dir/plain.yml/x", cap: 64) == .missing)
    }
}
