import CLibGit2
import Foundation

/// One entry of the index (the staging area): what the next commit would hold at `path`.
public struct IndexEntry: Sendable, Hashable {
    public let path: String
    public let mode: UInt32
    public let object: ObjectID
    /// 0 for a normal entry; 1–3 for the sides of an unresolved merge conflict.
    public let stage: Int

    public init(path: String, mode: UInt32, object: ObjectID, stage: Int) {
        self.path = path
        self.mode = mode
        self.object = object
        self.stage = stage
    }
}

/// How a work tree path differs from the index.
public struct WorkTreeDelta: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Not in the index and not ignored.
        case untracked
        case modified
        case deleted
        case typeChanged
        case conflicted
    }

    public let path: String
    public let kind: Kind
    /// The blob id of the work tree's version when libgit2 computed it (it hashes a file whose size
    /// matched but whose stat data did not); nil otherwise.
    public let workTreeObject: ObjectID?

    public init(path: String, kind: Kind, workTreeObject: ObjectID? = nil) {
        self.path = path
        self.kind = kind
        self.workTreeObject = workTreeObject
    }
}

/// A bounded list: the first `limit` items, and whether there were more.
public struct BoundedList<Element: Sendable>: Sendable {
    public let items: [Element]
    public let isTruncated: Bool

    public init(items: [Element], isTruncated: Bool) {
        self.items = items
        self.isTruncated = isTruncated
    }
}

extension GitRepository {
    /// Whether the repository has an index file: a work tree that was checked out has one; a repository
    /// built with plumbing only (or a bare one) has none, and its work tree says nothing about HEAD.
    public var hasIndex: Bool {
        !isBare && FileManager.default.fileExists(atPath: gitDirectory.appendingPathComponent("index").path)
    }

    /// The index's entries, in the index's order (bytewise by path, then stage). No object is read.
    public func indexEntries() throws(GitError) -> [IndexEntry] {
        var index: OpaquePointer?
        try check(git_repository_index(&index, handle), "read the index")
        guard let index else { throw GitError(operation: "read the index", message: "no index returned") }
        defer { git_index_free(index) }
        let count = git_index_entrycount(index)
        var entries: [IndexEntry] = []
        entries.reserveCapacity(count)
        for position in 0..<count {
            guard let entry = git_index_get_byindex(index, position), let path = entry.pointee.path else { continue }
            entries.append(IndexEntry(
                path: String(cString: path),
                mode: entry.pointee.mode, object: ObjectID(entry.pointee.id),
                stage: Int(git_index_entry_stage(entry))))
        }
        return entries
    }

    /// How the work tree differs from the index: modified, deleted and type-changed tracked files, and
    /// untracked files (inside untracked directories too), never ignored files or submodules; the first
    /// `limit` by path. Nothing is written (the index on disk is left alone).
    ///
    /// libgit2 reads no commit or tree for this; to hash a work tree file it may read the `.gitattributes`
    /// blobs the index names, so those are read first through the checked reader, and a damaged one stops
    /// the comparison here rather than inside libgit2.
    public func workTreeDeltas(index entries: [IndexEntry], limit: Int) throws(GitError) -> BoundedList<WorkTreeDelta> {
        for entry in entries where entry.path == ".gitattributes" || entry.path.hasSuffix("/.gitattributes") {
            guard entry.mode & 0o170000 == 0o100000 else { continue }
            _ = try blob(entry.object, cap: ObjectDatabase.maximumLooseObjectSize)
        }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "compare the work tree with the index")
        options.flags = GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_IGNORE_SUBMODULES.rawValue | GIT_DIFF_SKIP_BINARY_CHECK.rawValue
        options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL
        var diff: OpaquePointer?
        try check(git_diff_index_to_workdir(&diff, handle, nil, &options), "compare the work tree with the index")
        guard let diff else { throw GitError(operation: "compare the work tree with the index", message: "no diff returned") }
        defer { git_diff_free(diff) }
        var deltas: [WorkTreeDelta] = []
        let count = git_diff_num_deltas(diff)
        var position = 0
        while position < count, deltas.count < limit {
            defer { position += 1 }
            guard let delta = git_diff_get_delta(diff, position) else { continue }
            let kind: WorkTreeDelta.Kind
            switch delta.pointee.status {
            case GIT_DELTA_UNTRACKED, GIT_DELTA_ADDED: kind = .untracked
            case GIT_DELTA_MODIFIED: kind = .modified
            case GIT_DELTA_DELETED: kind = .deleted
            case GIT_DELTA_TYPECHANGE: kind = .typeChanged
            case GIT_DELTA_CONFLICTED: kind = .conflicted
            default: continue
            }
            let side = kind == .deleted ? delta.pointee.old_file : delta.pointee.new_file
            guard let path = side.path else { continue }
            let known = kind != .deleted && side.flags & GIT_DIFF_FLAG_VALID_ID.rawValue != 0
            deltas.append(WorkTreeDelta(path: String(cString: path), kind: kind,
                                        workTreeObject: known ? ObjectID(side.id) : nil))
        }
        return BoundedList(items: deltas, isTruncated: position < count)
    }
}
