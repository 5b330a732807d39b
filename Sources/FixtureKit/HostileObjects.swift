import CZlib
import Foundation

/// Repositories whose loose objects are damaged or crafted on purpose, for the tests of what cdscan does
/// with hostile object databases: headers that lie, truncated and bit-flipped streams, trees cut
/// mid-entry, and trees of shared subtrees that expand to billions of paths. Objects are written with
/// `git` plumbing (every object stays loose) and, where git would refuse, as raw zlib streams.
public enum HostileObjects {
    /// The workflow every hostile repository carries, long enough for a header claiming 12 bytes to lie.
    public static let workflowPath = ".github/workflows/ci.yml"
    public static let workflow = """
        name: ci
        on:
          push:
            branches: [main]
          pull_request:
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make build
              - run: make test

        """

    /// A small repository of three commits, every object loose: `README.md`; then the workflow; then a
    /// README change. The ids tests need to damage or to look for.
    public struct Layout: Sendable {
        public let directory: URL
        public let headCommit: String
        /// The commit that added the workflow, below HEAD in the history.
        public let middleCommit: String
        public let rootTree: String
        /// The tree of `.github/workflows`.
        public let workflowsTree: String
        public let workflowBlob: String
    }

    /// The healthy repository the damaged ones start from.
    @discardableResult
    public static func healthy(at directory: URL) throws -> Layout {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: directory)
        let workflowBlob = try blob(workflow, in: directory)
        let workflows = try mktree(["100644 blob \(workflowBlob)\tci.yml"], in: directory)
        let github = try mktree(["040000 tree \(workflows)\tworkflows"], in: directory)
        func root(readme: String) throws -> String {
            let readmeBlob = try blob(readme, in: directory)
            return try mktree(["040000 tree \(github)\t.github", "100644 blob \(readmeBlob)\tREADME.md"], in: directory)
        }
        let first = try commit(try mktree(["100644 blob \(try blob("# demo\n", in: directory))\tREADME.md"], in: directory),
                               parent: nil, message: "docs: start", day: 1, in: directory)
        let middle = try commit(try root(readme: "# demo\n"), parent: first, message: "ci: build and test", day: 2, in: directory)
        let rootTree = try root(readme: "# demo\n\nBuilt by CI.\n")
        let head = try commit(rootTree, parent: middle, message: "docs: mention CI", day: 3, in: directory)
        try git(["update-ref", "refs/heads/main", head], in: directory)
        return Layout(directory: directory, headCommit: head, middleCommit: middle, rootTree: rootTree,
                      workflowsTree: workflows, workflowBlob: workflowBlob)
    }

    /// (a) The workflow's loose object rewritten as zlib(`blob 12\0` + the whole workflow): its header
    /// claims fewer bytes than its body holds (libgit2 1.5 writes past its buffer on this).
    @discardableResult
    public static func headerClaimsFewerBytes(at directory: URL) throws -> Layout {
        let layout = try healthy(at: directory)
        try overwrite(layout.workflowBlob, in: directory,
                      with: compress(Array("blob 12\0".utf8) + Array(workflow.utf8)))
        return layout
    }

    /// Which object `truncated` cuts.
    public enum Truncated: String, CaseIterable, Sendable {
        case headCommit, rootTree, workflowBlob, middleCommit
    }

    /// (b) One loose object cut to half its compressed size (libgit2 1.5's inflate never ends on this).
    /// Returns the layout and the id of the object cut.
    public static func truncated(_ which: Truncated, at directory: URL) throws -> (layout: Layout, object: String) {
        let layout = try healthy(at: directory)
        let id: String
        switch which {
        case .headCommit: id = layout.headCommit
        case .rootTree: id = layout.rootTree
        case .workflowBlob: id = layout.workflowBlob
        case .middleCommit: id = layout.middleCommit
        }
        let bytes = try Data(contentsOf: objectFile(id, in: directory))
        try overwrite(id, in: directory, with: Array(bytes.prefix(bytes.count / 2)))
        return (layout, id)
    }

    /// (c) HEAD made a commit whose tree has its last entry cut mid-id: the root tree itself (`root`)
    /// or the `.github/workflows` tree below it (whose only entry is the workflow). Returns the layout of
    /// the repository before and the id of the cut tree.
    public static func treeCutMidEntry(root: Bool, at directory: URL) throws -> (layout: Layout, tree: String) {
        let layout = try healthy(at: directory)
        let cutTree: String
        let rootTree: String
        if root {
            cutTree = try writeLiterally(type: "tree", cutting: layout.rootTree, in: directory)
            rootTree = cutTree
        } else {
            cutTree = try writeLiterally(type: "tree", cutting: layout.workflowsTree, in: directory)
            let github = try writeLiterally(type: "tree", bytes: treeEntry("40000", "workflows", cutTree), in: directory)
            let readme = try blob("# demo\n\nBuilt by CI.\n", in: directory)
            rootTree = try writeLiterally(
                type: "tree", bytes: treeEntry("40000", ".github", github) + treeEntry("100644", "README.md", readme), in: directory)
        }
        // Written as a raw commit object: `git commit-tree` would refuse to point at a malformed tree.
        let text = "tree \(rootTree)\nparent \(layout.middleCommit)\n"
            + "author T <t@example.com> \(epoch(day: 3)) +0000\ncommitter T <t@example.com> \(epoch(day: 3)) +0000\n\ndocs: cut\n"
        let head = try writeLiterally(type: "commit", bytes: Array(text.utf8), in: directory)
        try git(["update-ref", "refs/heads/main", head], in: directory)
        return (layout, cutTree)
    }

    /// (d) The workflow's loose object with bytes flipped in the middle of its zlib stream: its header
    /// still inflates, its body does not (or no longer hashes to its id).
    @discardableResult
    public static func flippedWorkflowBytes(at directory: URL) throws -> Layout {
        let layout = try healthy(at: directory)
        var bytes = Array(try Data(contentsOf: objectFile(layout.workflowBlob, in: directory)))
        for offset in (bytes.count / 2)..<(bytes.count / 2 + 4) { bytes[offset] ^= 0x5A }
        try overwrite(layout.workflowBlob, in: directory, with: bytes)
        return layout
    }

    /// (e) HEAD's tree holds the workflow and `deep/`, a chain of `levels` trees in which each level's
    /// `a` and `b` name the same subtree, ending in one file: 2^levels paths from about 2 × levels
    /// entries.
    @discardableResult
    public static func sharedSubtrees(levels: Int = 40, at directory: URL) throws -> Layout {
        let layout = try healthy(at: directory)
        var subtree = try mktree(["100644 blob \(try blob("leaf\n", in: directory))\tleaf.txt"], in: directory)
        for _ in 0..<levels {
            subtree = try mktree(["040000 tree \(subtree)\ta", "040000 tree \(subtree)\tb"], in: directory)
        }
        let github = try mktree(["040000 tree \(layout.workflowsTree)\tworkflows"], in: directory)
        let readme = try blob("# demo\n\nBuilt by CI.\n", in: directory)
        let rootTree = try mktree(["040000 tree \(github)\t.github", "100644 blob \(readme)\tREADME.md",
                                   "040000 tree \(subtree)\tdeep"], in: directory)
        let head = try commit(rootTree, parent: layout.middleCommit, message: "chore: add deep", day: 3, in: directory)
        try git(["update-ref", "refs/heads/main", head], in: directory)
        return Layout(directory: directory, headCommit: head, middleCommit: layout.middleCommit, rootTree: rootTree,
                      workflowsTree: layout.workflowsTree, workflowBlob: layout.workflowBlob)
    }

    /// Git's loose object encoding of `body`: zlib(`<type> <size>\0<body>`), with a header that claims
    /// `claimedSize` when given (a lie), for decoder tests and fuzzing seeds.
    public static func looseObject(type: String, body: [UInt8], claimedSize: Int? = nil) -> [UInt8] {
        compress(Array("\(type) \(claimedSize ?? body.count)\0".utf8) + body)
    }

    /// zlib's default compression of `bytes`.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard cdscan_deflate_init(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return 0 }
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(written))
    }

    // MARK: - Plumbing

    private static func objectFile(_ id: String, in directory: URL) -> URL {
        directory.appendingPathComponent(".git/objects/\(id.prefix(2))/\(id.dropFirst(2))")
    }

    /// Replaces a loose object's file (git writes them read-only).
    private static func overwrite(_ id: String, in directory: URL, with bytes: [UInt8]) throws {
        let file = objectFile(id, in: directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try Data(bytes).write(to: file)
    }

    private static func git(_ arguments: [String], in directory: URL, input: Data? = nil) throws {
        try Git.run(["-c", "gc.auto=0"] + arguments, in: directory, input: input)
    }

    private static func output(_ arguments: [String], in directory: URL, input: Data? = nil) throws -> String {
        try Git.run(["-c", "gc.auto=0"] + arguments, in: directory, input: input).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func blob(_ text: String, in directory: URL) throws -> String {
        try output(["hash-object", "-w", "--stdin"], in: directory, input: Data(text.utf8))
    }

    private static func mktree(_ lines: [String], in directory: URL) throws -> String {
        try output(["mktree"], in: directory, input: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Fixed dates: 2024-01-0`day` at noon UTC.
    private static func epoch(day: Int) -> Int64 { 1_704_110_400 + Int64(day - 1) * 86_400 }

    private static func commit(_ tree: String, parent: String?, message: String, day: Int, in directory: URL) throws -> String {
        let date = "\(epoch(day: day)) +0000"
        let environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": date,
                           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_COMMITTER_DATE": date]
        let parents = parent.map { ["-p", $0] } ?? []
        return try Git.run(["-c", "gc.auto=0", "commit-tree", tree] + parents + ["-m", message], in: directory,
                           environment: environment).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes an object git would refuse to make (a malformed tree, a commit naming one), unchecked.
    private static func writeLiterally(type: String, bytes: [UInt8], in directory: URL) throws -> String {
        try output(["hash-object", "--literally", "-t", type, "-w", "--stdin"], in: directory, input: Data(bytes))
    }

    /// Writes a copy of a tree with its last 7 bytes (part of the last entry's id) cut off.
    private static func writeLiterally(type: String, cutting id: String, in directory: URL) throws -> String {
        let bytes = Array(try Git.runData(["cat-file", type, id], in: directory))
        return try writeLiterally(type: type, bytes: Array(bytes.dropLast(7)), in: directory)
    }

    /// One raw tree entry: `<mode> <name>\0<20 id bytes>`.
    private static func treeEntry(_ mode: String, _ name: String, _ hex: String) -> [UInt8] {
        var bytes = Array("\(mode) \(name)\0".utf8)
        let digits = Array(hex.utf8)
        for index in stride(from: 0, to: digits.count, by: 2) {
            bytes.append(UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) ?? 0)
        }
        return bytes
    }
}
