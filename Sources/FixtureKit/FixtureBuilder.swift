import Foundation
import YAMLReader

/// Builds a repository from a ``FixtureSpec``.
///
/// A history is replayed in memory (each commit's full file map, each branch's tip), checked step by step, and
/// written as one `git fast-import` stream with explicit authors, committers, dates and contents: the same spec
/// gives the same commit ids on every run and machine. Then HEAD, `origin/HEAD`, remotes and the work tree are set.
public struct FixtureBuilder: Sendable {
    /// Where the fixture named by a mirror's or shallow clone's `source` is (built if need be).
    public var resolveSource: @Sendable (String) throws -> URL

    public init(resolveSource: @escaping @Sendable (String) throws -> URL = { try Fixtures.path($0) }) {
        self.resolveSource = resolveSource
    }

    /// Builds `spec` into `directory`, which must not exist or be empty. For non-bare repositories `directory`
    /// becomes the work tree (with `.git` inside); for bare ones it is the git directory itself.
    public func build(spec: FixtureSpec, into directory: URL) throws {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: directory.path), !existing.isEmpty {
            throw FixtureError(file: spec.file, mark: nil, message: "\(directory.path) is not empty")
        }
        let parent = directory.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)

        switch spec.kind {
        case .mirror, .shallow:
            try buildClone(spec, into: directory)
            return
        case .empty, .history:
            var arguments = ["-c", "init.defaultBranch=\(spec.defaultBranch)", "init", "--quiet"]
            if spec.bare { arguments.append("--bare") }
            arguments.append(directory.path)
            try Git.run(arguments, in: parent)
        }
        guard spec.kind == .history else {
            try addRemotes(spec, in: directory)
            return
        }

        var replay = try HistoryReplay(spec: spec)
        try replay.run()
        let marksFile = try Scratch.shared.makeDirectory("marks").appendingPathComponent("marks")
        defer { try? manager.removeItem(at: marksFile.deletingLastPathComponent()) }
        try Git.run(["fast-import", "--quiet", "--done", "--export-marks=\(marksFile.path)"],
                    in: directory, input: replay.stream)
        let marks = try Self.readMarks(marksFile)

        // HEAD: the branch named in `final`, else the branch current after the last step.
        let head = spec.final.head ?? .branch(replay.current)
        switch head {
        case .branch(let branch):
            guard replay.branches[branch] != nil else {
                throw FixtureError(file: spec.file, mark: spec.final.mark, message: "final head: unknown branch '\(branch)'")
            }
            if branch != spec.defaultBranch {
                try Git.run(["symbolic-ref", "HEAD", "refs/heads/\(branch)"], in: directory)
            }
        case .detached(let name):
            let commit: Int
            if let tag = replay.tags[name] {
                commit = tag
            } else if let tip = replay.branches[name], let tip {
                commit = tip
            } else if let index = replay.commitIDs(marks).firstIndex(of: name) {
                commit = index
            } else {
                throw FixtureError(file: spec.file, mark: spec.final.mark,
                                   message: "final detached: '\(name)' is no tag, branch or commit of this fixture")
            }
            guard let id = marks[commit + 1] else { throw FixtureError("fast-import exported no mark :\(commit + 1)") }
            try Git.run(["update-ref", "--no-deref", "HEAD", id], in: directory)
        }
        if let remoteHead = spec.final.remoteHead {
            guard replay.remoteBranches[remoteHead] != nil else {
                throw FixtureError(file: spec.file, mark: spec.final.mark,
                                   message: "final remote-head: no remote-branch step made '\(remoteHead)'")
            }
            let remote = remoteHead.prefix { $0 != "/" }
            try Git.run(["symbolic-ref", "refs/remotes/\(remote)/HEAD", "refs/remotes/\(remoteHead)"], in: directory)
        }
        try addRemotes(spec, in: directory)
        if !spec.bare, spec.final.worktree ?? true, !replay.nodes.isEmpty {
            try Git.run(["reset", "--hard", "--quiet"], in: directory)
        }
    }

    private func buildClone(_ spec: FixtureSpec, into directory: URL) throws {
        guard let sourceName = spec.source else { throw FixtureError(file: spec.file, mark: nil, message: "no source") }
        let source: URL
        do {
            source = try resolveSource(sourceName)
        } catch let error as FixtureError where error.file == nil {
            throw FixtureError(file: spec.file, mark: spec.sourceMark,
                               message: "source '\(sourceName)': \(error.message)")
        }
        let parent = directory.deletingLastPathComponent()
        if spec.kind == .mirror {
            try Git.run(["clone", "--mirror", "--quiet", source.path, directory.path], in: parent)
        } else {
            var arguments = ["clone", "--quiet", "--depth", String(spec.depth ?? 1)]
            if let branch = spec.sourceBranch { arguments += ["--branch", branch] }
            if spec.final.worktree == false { arguments.append("--no-checkout") }
            arguments += [source.absoluteString, directory.path]
            try Git.run(arguments, in: parent)
        }
        // The clone's origin is a temporary path; point it where the source says its origin is, if it says.
        if let url = try? Git.run(["config", "--get", "remote.origin.url"], in: source)
            .trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty {
            try Git.run(["remote", "set-url", "origin", url], in: directory)
        }
        try addRemotes(spec, in: directory)
    }

    private func addRemotes(_ spec: FixtureSpec, in directory: URL) throws {
        for remote in spec.final.remotes {
            let existing = (try? Git.run(["remote"], in: directory))?.split(separator: "\n").map(String.init) ?? []
            if existing.contains(remote.name) {
                try Git.run(["remote", "set-url", remote.name, remote.url], in: directory)
            } else {
                try Git.run(["remote", "add", remote.name, remote.url], in: directory)
            }
        }
    }

    /// `:mark sha` lines written by `fast-import --export-marks`.
    static func readMarks(_ url: URL) throws -> [Int: String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var marks: [Int: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0].hasPrefix(":"), let mark = Int(parts[0].dropFirst()) else { continue }
            marks[mark] = String(parts[1])
        }
        return marks
    }
}

/// One entry of a tree, as fast-import writes it.
struct TreeEntry: Hashable {
    enum Mode: String {
        case file = "100644", executable = "100755", symlink = "120000", gitlink = "160000"
    }

    var mode: Mode
    /// The blob bytes; for a gitlink, the commit id as text.
    var data: Data
}

/// Replays the steps of a history spec in memory, checking them, and writes the fast-import stream.
struct HistoryReplay {
    struct Node {
        var parents: [Int]
        var files: [String: TreeEntry]
    }

    let spec: FixtureSpec
    private(set) var nodes: [Node] = []
    /// Branch → tip (nil while the branch has no commit yet: only the initial branch).
    private(set) var branches: [String: Int?]
    private(set) var current: String
    /// Tag → tagged commit.
    private(set) var tags: [String: Int] = [:]
    private(set) var remoteBranches: [String: Int] = [:]
    /// Branches fast-import has been told to commit to (to drop the deleted ones at the end).
    private var streamedBranches: [String] = []
    private var lightweightTags: [(String, Int)] = []
    private(set) var stream = Data()

    init(spec: FixtureSpec) throws {
        self.spec = spec
        branches = [spec.defaultBranch: nil]
        current = spec.defaultBranch
    }

    mutating func run() throws {
        for step in spec.steps {
            try apply(step)
        }
        finishStream()
    }

    func commitIDs(_ marks: [Int: String]) -> [String] {
        nodes.indices.map { marks[$0 + 1] ?? "" }
    }

    // MARK: Steps

    private func fail(_ mark: YAMLMark?, _ message: String) -> FixtureError {
        FixtureError(file: spec.file, mark: mark, message: message)
    }

    private func tip(of branch: String, _ mark: YAMLMark, _ what: String) throws -> Int {
        guard let entry = branches[branch] else {
            throw fail(mark, "\(what): unknown branch '\(branch)' (branches: \(branches.keys.sorted().joined(separator: ", ")))")
        }
        guard let tip = entry else { throw fail(mark, "\(what): branch '\(branch)' has no commits yet") }
        return tip
    }

    /// A branch or tag name, as a commit.
    private func resolve(_ name: String, _ mark: YAMLMark, _ what: String) throws -> Int {
        if let entry = branches[name] {
            guard let tip = entry else { throw fail(mark, "\(what): branch '\(name)' has no commits yet") }
            return tip
        }
        if let tag = tags[name] { return tag }
        throw fail(mark, "\(what): unknown branch or tag '\(name)'")
    }

    private var head: Int? { branches[current] ?? nil }

    private mutating func apply(_ step: FixtureSpec.Step) throws {
        let mark = step.mark
        switch step.action {
        case .commit(let commit):
            let parents = head.map { [$0] } ?? []
            let files = try applyChanges(commit.changes, to: parents.first.map { nodes[$0].files } ?? [:], at: mark)
            addCommit(commit, message: commit.message!, parents: parents, files: files)

        case .branch(let name, let from):
            guard branches[name] == nil else { throw fail(mark, "branch '\(name)' already exists") }
            let start: Int
            if let from {
                start = try resolve(from, mark, "branch from")
            } else {
                guard let head else { throw fail(mark, "branch '\(name)': HEAD has no commit yet to branch from") }
                start = head
            }
            branches[name] = start
            current = name

        case .switchBranch(let name):
            guard branches[name] != nil else {
                throw fail(mark, "switch: unknown branch '\(name)' (branches: \(branches.keys.sorted().joined(separator: ", ")))")
            }
            current = name

        case .merge(let name, let commit), .squash(let name, let commit):
            let isMerge: Bool
            if case .merge = step.action { isMerge = true } else { isMerge = false }
            let what = isMerge ? "merge" : "squash"
            let other = try tip(of: name, mark, what)
            guard name != current else { throw fail(mark, "\(what): cannot take branch '\(name)' into itself") }
            guard let ours = head else { throw fail(mark, "\(what): the current branch '\(current)' has no commits") }
            if ancestors(of: ours).contains(other) {
                throw fail(mark, "\(what): '\(name)' is already merged into '\(current)' (nothing to do)")
            }
            let base = mergeBase(ours, other)
            var files = nodes[ours].files
            let baseFiles = base.map { nodes[$0].files } ?? [:]
            let theirs = nodes[other].files
            for path in Set(baseFiles.keys).union(theirs.keys) where baseFiles[path] != theirs[path] {
                files[path] = theirs[path]
            }
            files = try applyChanges(commit.changes, to: files, at: mark)
            let message: Data
            if let given = commit.message {
                message = given
            } else {
                let into = current == spec.defaultBranch ? "" : " into \(current)"
                message = Data("Merge branch '\(name)'\(into)\n".utf8)
            }
            addCommit(commit, message: message, parents: isMerge ? [ours, other] : [ours], files: files)

        case .fastForward(let name):
            let other = try tip(of: name, mark, "fast-forward")
            if let ours = head {
                guard ancestors(of: other).contains(ours) else {
                    throw fail(mark, "fast-forward: '\(current)' is not an ancestor of '\(name)'")
                }
            }
            branches[current] = other

        case .deleteBranch(let name):
            guard branches[name] != nil else { throw fail(mark, "delete-branch: unknown branch '\(name)'") }
            guard name != current else { throw fail(mark, "delete-branch: '\(name)' is the current branch") }
            branches[name] = nil

        case .tag(let tag):
            guard tags[tag.name] == nil else { throw fail(mark, "tag '\(tag.name)' already exists") }
            let target: Int
            if let name = tag.target {
                target = try resolve(name, mark, "tag on")
            } else {
                guard let head else { throw fail(mark, "tag '\(tag.name)': HEAD has no commit yet") }
                target = head
            }
            tags[tag.name] = target
            if let annotation = tag.annotation {
                append("tag \(tag.name)\nfrom :\(target + 1)\ntagger \(annotation.tagger.line)\n")
                appendData(annotation.message)
            } else {
                lightweightTags.append((tag.name, target))
            }

        case .remoteBranch(let name, let from):
            let target: Int
            if let from {
                target = try resolve(from, mark, "remote-branch from")
            } else {
                guard let head else { throw fail(mark, "remote-branch '\(name)': HEAD has no commit yet") }
                target = head
            }
            remoteBranches[name] = target
        }
    }

    /// Applies deletes, writes, symlinks, submodules and modes, in that order, checking each.
    private func applyChanges(_ changes: [FixtureSpec.Change], to start: [String: TreeEntry],
                              at stepMark: YAMLMark) throws -> [String: TreeEntry] {
        var files = start
        for change in changes {
            switch change.operation {
            case .delete(let path):
                if files.removeValue(forKey: path) == nil {
                    let prefix = path + "/"
                    let inside = files.keys.filter { $0.hasPrefix(prefix) }
                    guard !inside.isEmpty else { throw fail(change.mark, "delete: no file or directory '\(path)'") }
                    for key in inside { files[key] = nil }
                }
            case .write(let path, let contents):
                let mode: TreeEntry.Mode = files[path]?.mode == .executable ? .executable : .file
                files[path] = TreeEntry(mode: mode, data: contents)
            case .symlink(let path, let target):
                files[path] = TreeEntry(mode: .symlink, data: Data(target.utf8))
            case .submodule(let path, let commit):
                files[path] = TreeEntry(mode: .gitlink, data: Data(commit.utf8))
            case .executable(let path):
                guard let entry = files[path], entry.mode == .file || entry.mode == .executable else {
                    throw fail(change.mark, "executable: no regular file '\(path)' (write it first)")
                }
                files[path] = TreeEntry(mode: .executable, data: entry.data)
            }
        }
        // A path cannot be both a file and a directory.
        for path in files.keys {
            var prefix = Substring(path)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if files[String(prefix)] != nil {
                    let mark = changes.first { $0.operation.path == path || $0.operation.path == String(prefix) }?.mark
                    throw fail(mark ?? stepMark, "'\(prefix)' would be both a file and the directory holding '\(path)'")
                }
            }
        }
        return files
    }

    private mutating func addCommit(_ commit: FixtureSpec.Commit, message: Data, parents: [Int],
                                    files: [String: TreeEntry]) {
        let index = nodes.count
        nodes.append(Node(parents: parents, files: files))
        branches[current] = index
        if !streamedBranches.contains(current) { streamedBranches.append(current) }

        append("commit refs/heads/\(current)\nmark :\(index + 1)\n")
        append("author \(commit.author.line)\ncommitter \(commit.committer.line)\n")
        appendData(message)
        if let first = parents.first { append("from :\(first + 1)\n") }
        for other in parents.dropFirst() { append("merge :\(other + 1)\n") }

        let old = parents.first.map { nodes[$0].files } ?? [:]
        for path in old.keys.sorted() where files[path] == nil {
            append("D \(Self.quote(path))\n")
        }
        for path in files.keys.sorted() {
            guard let entry = files[path], old[path] != entry else { continue }
            if entry.mode == .gitlink {
                append("M 160000 \(String(decoding: entry.data, as: UTF8.self)) \(Self.quote(path))\n")
            } else {
                append("M \(entry.mode.rawValue) inline \(Self.quote(path))\n")
                appendData(entry.data)
            }
        }
        append("\n")
    }

    private mutating func finishStream() {
        for branch in streamedBranches where branches[branch] == nil {
            append("reset refs/heads/\(branch)\n\n")  // no `from`: the deleted branch is not written
        }
        for branch in branches.keys.sorted() {
            if let tip = branches[branch], let tip { append("reset refs/heads/\(branch)\nfrom :\(tip + 1)\n\n") }
        }
        for (name, target) in lightweightTags {
            append("reset refs/tags/\(name)\nfrom :\(target + 1)\n\n")
        }
        for name in remoteBranches.keys.sorted() {
            append("reset refs/remotes/\(name)\nfrom :\(remoteBranches[name]! + 1)\n\n")
        }
        append("done\n")
    }

    // MARK: Graph

    /// `commit` and everything it reaches.
    func ancestors(of commit: Int) -> Set<Int> {
        var seen: Set<Int> = [commit]
        var queue = [commit]
        while let next = queue.popLast() {
            for parent in nodes[next].parents where seen.insert(parent).inserted {
                queue.append(parent)
            }
        }
        return seen
    }

    /// The best common ancestor: commits are numbered in creation order, parents first, so the highest-numbered
    /// common ancestor has no common ancestor below it.
    func mergeBase(_ a: Int, _ b: Int) -> Int? {
        ancestors(of: a).intersection(ancestors(of: b)).max()
    }

    // MARK: Stream text

    private mutating func append(_ text: String) {
        stream.append(contentsOf: Array(text.utf8))
    }

    private mutating func appendData(_ data: Data) {
        append("data \(data.count)\n")
        stream.append(data)
        append("\n")
    }

    /// A path as fast-import reads it: C-style quoted when it holds a quote, backslash or control character.
    static func quote(_ path: String) -> String {
        let bytes = Array(path.utf8)
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else { return path }
        var result: [UInt8] = [0x22]
        for byte in bytes {
            switch byte {
            case 0x22: result += Array("\\\"".utf8)
            case 0x5C: result += Array("\\\\".utf8)
            case 0x0A: result += Array("\\n".utf8)
            case 0x09: result += Array("\\t".utf8)
            case 0..<0x20, 0x7F: result += Array(("\\" + String(byte, radix: 8).leftPadded(to: 3)).utf8)
            default: result.append(byte)
            }
        }
        result.append(0x22)
        return String(decoding: result, as: UTF8.self)
    }
}

extension FixtureSpec.Change.Operation {
    var path: String {
        switch self {
        case .write(let path, _), .delete(let path), .executable(let path), .symlink(let path, _),
             .submodule(let path, _):
            return path
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
