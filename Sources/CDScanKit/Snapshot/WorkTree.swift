import Foundation
import GitAccess

/// What a scan does with the work tree of a checkout.
public enum WorkTreeMode: Sendable, Hashable {
    /// Not looked at (batches, `history`, scans of a revision).
    case ignore
    /// Compared with HEAD, so the report can say which uncommitted files it did not include.
    case report
    /// Changed, added and untracked files are read from the work tree (`--worktree`); history stays HEAD's.
    case include
}

/// One path where the work tree differs from HEAD.
public struct WorkTreeChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// In HEAD, different in the work tree (content, mode or type).
        case modified
        /// Not in HEAD: untracked or newly added.
        case added
        /// In HEAD, gone from the work tree.
        case deleted
    }

    public let path: String
    public let change: Kind

    public init(path: String, change: Kind) {
        self.path = path
        self.change = change
    }
}

/// The work tree against HEAD, as the report states it.
public struct WorkTreeState: Sendable, Hashable {
    /// How many changed paths are examined at most; a report says "N+ files" beyond.
    public static let limit = 10_000

    /// Whether the changed files were read from the work tree (`--worktree`).
    public let included: Bool
    /// The changed paths, sorted bytewise.
    public let changes: [WorkTreeChange]
    /// More paths changed than `limit`: `changes` holds the first ones.
    public let isTruncated: Bool
    /// Why the work tree could not be compared with HEAD (a plain scan goes on without it).
    public let problem: String?

    public init(included: Bool, changes: [WorkTreeChange], isTruncated: Bool, problem: String? = nil) {
        self.included = included
        self.changes = changes
        self.isTruncated = isTruncated
        self.problem = problem
    }

    /// Only the paths the detectors would read: those the configuration does not exclude (and always
    /// the configuration file itself). Ignored files are never listed in the first place.
    public func relevant(excluding isExcluded: (String) -> Bool) -> WorkTreeState {
        WorkTreeState(included: included,
                      changes: changes.filter { $0.path == ScanConfig.fileName || !isExcluded($0.path) },
                      isTruncated: isTruncated, problem: problem)
    }

    /// "2", or "10000+" when the limit cut the list.
    public var countText: String { "\(changes.count)\(isTruncated ? "+" : "")" }

    /// Whether a report has something to say: the work tree was included, or changes were left out.
    public var isWorthReporting: Bool { included || !changes.isEmpty || problem != nil }

    /// The one line for the report's banner and standard error; nil when there is nothing to say. Paths
    /// are raw: each output escapes them its own way (`shown`).
    public func sentence(head: ObjectID, shown: (String) -> String = { $0 }, listing: Int = 5) -> String? {
        if let problem, !included { return "scanned HEAD \(head.short); could not compare the work tree with it: \(shown(problem))" }
        let names = changes.prefix(listing).map { shown($0.path) }.joined(separator: ", ")
            + (changes.count > listing || isTruncated ? ", …" : "")
        let files = changes.count == 1 && !isTruncated ? "file" : "files"
        if included {
            guard !changes.isEmpty else { return "scanned HEAD \(head.short) with its work tree: no uncommitted changes" }
            return "scanned HEAD \(head.short) with \(countText) uncommitted \(files) from the work tree (\(names)); history is HEAD's"
        }
        guard !changes.isEmpty else { return nil }
        let verb = changes.count == 1 && !isTruncated ? "is" : "are"
        return "scanned HEAD \(head.short); \(countText) changed \(files) \(verb) not included (\(names)): use --worktree"
    }
}

/// Works out which paths of the work tree differ from HEAD, from HEAD's tree listing, the index and how
/// the work tree differs from the index. No file is read here.
public enum WorkTreeComparison {
    /// - Parameters:
    ///   - head: HEAD's tree listing.
    ///   - isUnlisted: whether a path may be missing from `head` only because the listing was incomplete
    ///     (a damaged subtree, a budget); such a path is never called added.
    public static func changes(
        head: [TreeEntry], isUnlisted: (String) -> Bool = { _ in false },
        index: [IndexEntry], deltas: BoundedList<WorkTreeDelta>, limit: Int = WorkTreeState.limit
    ) -> (changes: [WorkTreeChange], isTruncated: Bool) {
        var headFiles: [String: TreeEntry] = [:]
        for entry in head where entry.kind != .submodule && headFiles[entry.path] == nil {
            headFiles[entry.path] = entry
        }
        var found: [String: WorkTreeChange.Kind] = [:]
        var truncated = deltas.isTruncated
        func note(_ path: String, _ kind: WorkTreeChange.Kind?) {
            guard let kind else { found[path] = nil; return }
            guard found[path] != nil || found.count < limit else { truncated = true; return }
            found[path] = kind
        }
        // HEAD against the index: staged changes.
        var indexed = Set<String>()
        for entry in index where entry.mode & 0o170000 != 0o160000 {
            indexed.insert(entry.path)
            let inHead = headFiles[entry.path]
            if entry.stage != 0 {
                if inHead != nil { note(entry.path, .modified) } else if !isUnlisted(entry.path) { note(entry.path, .added) }
            } else if let inHead {
                if inHead.object != entry.object || inHead.kind != kind(ofMode: entry.mode) { note(entry.path, .modified) }
            } else if !isUnlisted(entry.path) {
                note(entry.path, .added)
            }
        }
        for path in headFiles.keys.sorted() where !indexed.contains(path) {
            note(path, .deleted)
        }
        // The index against the work tree: the work tree's state is the last word for its paths.
        for delta in deltas.items where !delta.path.isEmpty && !delta.path.hasSuffix("/") {
            let inHead = headFiles[delta.path]
            switch delta.kind {
            case .deleted:
                note(delta.path, inHead == nil ? nil : .deleted)
            case .untracked:
                note(delta.path, inHead == nil ? (isUnlisted(delta.path) ? nil : .added) : .modified)
            case .modified, .typeChanged, .conflicted:
                if let inHead {
                    // Staged, then changed back: the work tree holds HEAD's file again.
                    let same = delta.kind == .modified && delta.workTreeObject == inHead.object
                    note(delta.path, same ? nil : .modified)
                } else {
                    note(delta.path, isUnlisted(delta.path) ? nil : .added)
                }
            }
        }
        let changes = found.map { WorkTreeChange(path: $0.key, change: $0.value) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (changes, truncated)
    }

    static func kind(ofMode mode: UInt32) -> TreeEntryKind {
        switch mode & 0o170000 {
        case 0o120000: return .symlink
        case 0o160000: return .submodule
        default: return mode & 0o111 != 0 ? .executable : .file
        }
    }
}

/// One path of the work tree as read without following a symlink anywhere.
enum WorkTreeFile: Equatable {
    case file(bytes: [UInt8], executable: Bool)
    case tooLarge(size: Int, executable: Bool)
    /// A symlink: its target, as git stores a symlink's blob. Never followed.
    case symlink(target: [UInt8])
    /// Nothing there (or a directory): the path is not a file of the work tree.
    case missing
    /// Refused: a parent directory is a symlink, the path is not a regular file, or it could not be read.
    case refused(String)

    /// Reads `path` (relative, `/`-separated) below `root`: each directory is opened with O_NOFOLLOW
    /// relative to the one before, so no symlink is followed and nothing outside `root` is reached; the
    /// file itself is opened with O_NOFOLLOW and checked to be a regular file; at most `cap` bytes are read.
    static func read(root: String, path: String, cap: Int) -> WorkTreeFile {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\0") }) else {
            return .refused("not a plain relative path")
        }
        guard !parts.contains(where: { $0.lowercased() == ".git" }) else { return .refused("inside .git") }
        var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return .refused("cannot open the work tree (\(errnoText()))") }
        defer { close(directory) }
        for part in parts.dropLast() {
            let next = openat(directory, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else {
                let code = errno
                var info = stat()
                if fstatat(directory, part, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFLNK {
                    return .refused("a parent directory is a symlink; not followed")
                }
                if code == ENOENT || code == ENOTDIR { return .missing }
                return .refused("cannot open a parent directory (\(String(cString: strerror(code))))")
            }
            close(directory)
            directory = next
        }
        let name = parts[parts.count - 1]
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .refused(String(cString: strerror(code)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            var buffer = [UInt8](repeating: 0, count: 4097)
            let count = buffer.withUnsafeMutableBytes { readlinkat(directory, name, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4097) }
            guard count >= 0 else { return .refused("cannot read the symlink (\(errnoText()))") }
            guard count <= 4096 else { return .refused("a symlink target longer than 4096 bytes") }
            return .symlink(target: Array(buffer.prefix(count)))
        case S_IFDIR:
            return .missing
        case S_IFREG:
            break
        default:
            return .refused("not a regular file")
        }
        let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return .refused("cannot open (\(errnoText()))") }
        defer { close(file) }
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .refused("not a regular file") }
        let executable = info.st_mode & 0o111 != 0
        if Int(info.st_size) > cap { return .tooLarge(size: Int(info.st_size), executable: executable) }
        // The file may grow after fstat: never more than cap + 1 bytes are read.
        var bytes = [UInt8](repeating: 0, count: cap + 1)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress! + total, $0.count - total) }
            if count < 0 {
                if errno == EINTR { continue }
                return .refused("cannot read (\(errnoText()))")
            }
            if count == 0 { break }
            total += count
        }
        if total > cap { return .tooLarge(size: max(total, Int(info.st_size)), executable: executable) }
        bytes.removeSubrange(total...)
        return .file(bytes: bytes, executable: executable)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The work tree laid over HEAD's tree for `--worktree`: each changed path's entry as the work tree
/// holds it, with the blob id its content would have, so caches by blob id stay right.
struct WorkTreeOverlay {
    /// Entries whose reads come from the work tree, by path: the entry given to the tree, and why it
    /// cannot be read when it was refused.
    var entries: [String: (entry: TreeEntry, refusal: String?)] = [:]
    var removed: Set<String> = []
    /// The changes that remain once files identical to HEAD's are dropped.
    var changes: [WorkTreeChange] = []

    /// Reads every changed path once (to learn its blob id and size; the content is not kept).
    init(root: String, changes: [WorkTreeChange], head: [TreeEntry], cap: Int) {
        var headFiles: [String: TreeEntry] = [:]
        for entry in head where headFiles[entry.path] == nil { headFiles[entry.path] = entry }
        for change in changes {
            let path = change.path
            let before = headFiles[path]
            let entry: TreeEntry
            var refusal: String?
            switch WorkTreeFile.read(root: root, path: path, cap: cap) {
            case .missing:
                if before != nil {
                    removed.insert(path)
                    self.changes.append(WorkTreeChange(path: path, change: .deleted))
                }
                continue
            case .file(let bytes, let executable):
                entry = TreeEntry(path: path, kind: executable ? .executable : .file, mode: executable ? 0o100755 : 0o100644,
                                  object: .blobID(of: bytes), size: bytes.count)
            case .tooLarge(let size, let executable):
                entry = TreeEntry(path: path, kind: executable ? .executable : .file, mode: executable ? 0o100755 : 0o100644,
                                  object: Self.placeholder(path, "\(size) bytes"), size: size)
            case .symlink(let target):
                entry = TreeEntry(path: path, kind: .symlink, mode: 0o120000, object: .blobID(of: target), size: target.count)
            case .refused(let reason):
                entry = TreeEntry(path: path, kind: .file, mode: 0o100644, object: Self.placeholder(path, reason), size: nil)
                refusal = reason
            }
            if let before, before.object == entry.object, before.kind == entry.kind { continue }
            entries[path] = (entry, refusal)
            self.changes.append(WorkTreeChange(path: path, change: before == nil ? .added : .modified))
        }
    }

    /// An id for a work tree file whose content is not hashed (over the cap, or refused): the blob id
    /// of a line naming the path and why, so it is stable, and distinct per path and size.
    static func placeholder(_ path: String, _ detail: String) -> ObjectID {
        .blobID(of: Array("cdscan work tree file \(path): \(detail)\n".utf8))
    }

    /// HEAD's tree with the work tree's changes: replaced entries in place, deleted ones gone, added
    /// ones in git's order (bytewise by path, which is the order of a recursive tree listing).
    func apply(to tree: [TreeEntry]) -> [TreeEntry] {
        var pending = entries
        var result: [TreeEntry] = []
        result.reserveCapacity(tree.count + entries.count)
        for entry in tree where !removed.contains(entry.path) {
            if let replacement = pending.removeValue(forKey: entry.path) {
                result.append(replacement.entry)
            } else {
                result.append(entry)
            }
        }
        guard !pending.isEmpty else { return result }
        result += pending.values.map(\.entry)
        return result.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
