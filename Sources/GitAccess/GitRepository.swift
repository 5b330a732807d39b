import CLibGit2
import Foundation

/// An open repository. Owns the `git_repository` handle (and its object database) and frees them.
///
/// Not `Sendable`: libgit2 objects are for one thread at a time. Open one per task; everything it
/// returns is a `Sendable` value copied out of libgit2's memory.
public final class GitRepository {
    let handle: OpaquePointer
    let database: ObjectDatabase

    /// The directory holding the repository's data (`…/.git` or the bare repository itself).
    public let gitDirectory: URL
    /// Its object directory (the common one, for a linked worktree).
    let objectsDirectory: String
    /// The working tree, or nil for a bare repository.
    public let workingDirectory: URL?

    public var isBare: Bool { workingDirectory == nil }

    /// Opens the repository at `path`: a working tree, any directory inside one, or a bare repository.
    public init(path: String) throws(GitError) {
        precondition(GitLibrary.ready)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GitError(operation: "open \(path)", message: "no such file or directory", kind: .notFound)
        }
        guard isDirectory.boolValue else {
            throw GitError(operation: "open \(path)", message: "not a directory", kind: .notFound)
        }
        var repository: OpaquePointer?
        // Flags 0: try the path itself (bare or `.git` inside), then search upwards for a working tree.
        let code = git_repository_open_ext(&repository, path, 0, nil)
        if code < 0 {
            let error = GitError.fromLastError(code: code, operation: "open \(path)")
            if error.kind == .notFound {
                throw GitError(operation: "open \(path)", message: "no repository here or in any parent directory",
                               code: error.code, kind: .notFound)
            }
            throw error
        }
        guard let repository else { throw GitError(operation: "open \(path)", message: "no repository returned") }
        handle = repository
        do {
            let common = String(cString: git_repository_commondir(repository))
            objectsDirectory = URL(fileURLWithPath: common).appendingPathComponent("objects").path
            database = try ObjectDatabase(objectsDirectory: objectsDirectory)
        } catch {
            git_repository_free(repository)
            throw error
        }
        gitDirectory = URL(fileURLWithPath: String(cString: git_repository_path(repository)))
        if git_repository_is_bare(repository) == 0, let workdir = git_repository_workdir(repository),
           Self.ownsWorkingTree(URL(fileURLWithPath: String(cString: workdir)), gitDirectory: gitDirectory) {
            workingDirectory = URL(fileURLWithPath: String(cString: workdir))
        } else {
            workingDirectory = nil
        }
    }

    deinit {
        git_repository_free(handle)
    }

    /// libgit2 takes a git directory without a `config` file (some mirrors and archives) for a
    /// working tree's `.git`, and its parent for the working tree. A real working tree holds its git
    /// directory as `.git` (a directory, or a file pointing to a linked worktree's).
    private static func ownsWorkingTree(_ workdir: URL, gitDirectory: URL) -> Bool {
        if gitDirectory.standardizedFileURL.lastPathComponent == ".git" { return true }
        return FileManager.default.fileExists(atPath: workdir.appendingPathComponent(".git").path)
    }

    /// Whether this is a shallow clone (history cut off at the commits listed in `shallow`).
    public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

    /// True when HEAD's branch has no commit yet (a new, empty repository).
    public var isEmpty: Bool { git_repository_head_unborn(handle) == 1 || git_repository_is_empty(handle) == 1 }

    /// The commits a shallow clone's history stops at: their parents are not in the clone.
    public func shallowRoots() -> Set<ObjectID> {
        let file = gitDirectory.appendingPathComponent("shallow")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").compactMap { ObjectID(hex: $0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    }

    /// Where HEAD points. Throws `unbornHead` for a repository without commits.
    public func head() throws(GitError) -> HeadState {
        var reference: OpaquePointer?
        let code = git_repository_head(&reference, handle)
        if code == GIT_EUNBORNBRANCH.rawValue || code == GIT_ENOTFOUND.rawValue {
            _ = git_error_last()
            throw GitError(operation: "read HEAD", message: "the repository has no commits yet", code: code, kind: .unbornHead)
        }
        try check(code, "read HEAD")
        guard let reference else { throw GitError(operation: "read HEAD", message: "no reference") }
        defer { git_reference_free(reference) }
        // The reference gives the id; the object itself is read (and checked) by our own reader, never
        // by libgit2's peel.
        guard let target = git_reference_target(reference) else {
            throw GitError(operation: "read HEAD", message: "HEAD does not resolve to an object", kind: .corrupt)
        }
        let commit = try peelToCommit(ObjectID(target.pointee), "resolve HEAD to a commit")
        let detached = git_repository_head_detached(handle) == 1
        let branch = detached ? nil : git_reference_shorthand(reference).map { String(cString: $0) }
        return HeadState(commit: commit, branch: branch)
    }

    /// The id HEAD's reference points at, read without opening the object database (no object is read or
    /// checked): what a batch compares with the commit it stored, to pass over a repository whose HEAD did
    /// not move. Nil when there is no repository at `path` or HEAD does not point at an object.
    public static func headTarget(path: String) -> ObjectID? {
        precondition(GitLibrary.ready)
        var repository: OpaquePointer?
        guard git_repository_open_ext(&repository, path, 0, nil) == 0, let repository else {
            _ = git_error_last()
            return nil
        }
        defer { git_repository_free(repository) }
        var reference: OpaquePointer?
        guard git_repository_head(&reference, repository) == 0, let reference else {
            _ = git_error_last()
            return nil
        }
        defer { git_reference_free(reference) }
        return git_reference_target(reference).map { ObjectID($0.pointee) }
    }

    /// Reads one commit (used for tips and single look-ups; the history walk has its own loop).
    public func commit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        try commit(id, deferringText: false)
    }

    /// `deferringText`: the names and the message copied, to be read later (`CommitInfo.withTextRead`).
    func commit(_ id: ObjectID, deferringText: Bool) throws(GitError) -> CommitInfo {
        try database.withObject(id, "read commit \(id.hex)") { (type, bytes) throws(GitError) -> CommitInfo in
            guard type == .commit else {
                throw GitError(operation: "read commit \(id.hex)", message: "object is not a commit", kind: .corrupt)
            }
            return try CommitParser.parse(id: id, bytes: bytes, deferringText: deferringText)
        }
    }

    /// Resolves a revision (`HEAD`, `main`, `v1.0^{commit}`, an id) to a commit id. Ids and reference
    /// names are resolved without reading an object; other expressions go through libgit2's revparse.
    /// Either way the commit is then read and checked by our own reader.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        let operation = "resolve \(revision) to a commit"
        if let id = ObjectID(hex: revision) { return try peelToCommit(id, operation) }
        var reference: OpaquePointer?
        if git_reference_dwim(&reference, handle, revision) == 0, let reference {
            defer { git_reference_free(reference) }
            var resolved: OpaquePointer?
            try check(git_reference_resolve(&resolved, reference), "resolve \(revision)")
            defer { git_reference_free(resolved) }
            guard let target = git_reference_target(resolved) else {
                throw GitError(operation: operation, message: "the reference points at nothing", kind: .corrupt)
            }
            return try peelToCommit(ObjectID(target.pointee), operation)
        }
        _ = git_error_last()
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, revision), "resolve \(revision)")
        defer { git_object_free(object) }
        return try peelToCommit(ObjectID(git_object_id(object).pointee), operation)
    }

    /// Follows annotated tags (tags of tags too, a few levels) to the commit they name, reading every
    /// object through the checked reader; the commit is parsed, so a damaged one fails here.
    func peelToCommit(_ id: ObjectID, _ operation: String) throws(GitError) -> ObjectID {
        var current = id
        for _ in 0..<8 {
            let next: ObjectID? = try database.withObject(current, operation) { (type, bytes) throws(GitError) -> ObjectID? in
                switch type {
                case .commit:
                    _ = try CommitParser.parse(id: current, bytes: bytes)
                    return nil
                case .tag:
                    guard let target = TagParser.parse(bytes).object else {
                        throw GitError(operation: operation, message: "tag \(current.hex) names no object", kind: .corrupt)
                    }
                    return target
                default:
                    throw GitError(operation: operation, message: "\(current.hex) is a \(type.rawValue), not a commit", kind: .corrupt)
                }
            }
            guard let next else { return current }
            current = next
        }
        throw GitError(operation: operation, message: "tags nested more than 8 deep from \(id.hex)", kind: .corrupt)
    }

    /// A blob's contents, or only its size when it is larger than `cap` bytes (nothing is read then).
    public func blob(_ id: ObjectID, cap: Int) throws(GitError) -> BlobContent {
        let header = try database.header(id, "read blob \(id.hex)")
        guard header.type == .blob else {
            throw GitError(operation: "read blob \(id.hex)", message: "object is not a blob", kind: .corrupt)
        }
        if header.size > cap {
            return BlobContent(bytes: [], size: header.size, isTooLarge: true)
        }
        return try database.withObject(id, "read blob \(id.hex)") { (_, bytes) -> BlobContent in
            BlobContent(bytes: Array(bytes), size: bytes.count, isTooLarge: false)
        }
    }
}
