import CLibGit2

/// The kinds of objects in git's object database.
enum ObjectType: Sendable {
    case commit, tree, blob, tag, other

    init(_ raw: git_object_t) {
        switch raw {
        case GIT_OBJECT_COMMIT: self = .commit
        case GIT_OBJECT_TREE: self = .tree
        case GIT_OBJECT_BLOB: self = .blob
        case GIT_OBJECT_TAG: self = .tag
        default: self = .other
        }
    }
}

/// Owns a `git_odb` handle and reads raw objects from it: one inflate per object, no libgit2 object parsing.
/// Used from one thread at a time, like the repository it comes from.
final class ObjectDatabase {
    private let handle: OpaquePointer

    init(repository: OpaquePointer) throws(GitError) {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository), "open the object database")
        guard let odb else { throw GitError(operation: "open the object database", message: "no database") }
        handle = odb
    }

    deinit {
        git_odb_free(handle)
    }

    /// Reads an object and lends its raw bytes to `body`; the bytes are freed when `body` returns.
    func withObject<Result>(
        _ id: ObjectID,
        _ operation: @autoclosure () -> String,
        _ body: (ObjectType, UnsafeRawBufferPointer) throws(GitError) -> Result
    ) throws(GitError) -> Result {
        var oid = id.gitOID
        var object: OpaquePointer?
        let code = git_odb_read(&object, handle, &oid)
        if code < 0 {
            var error = GitError.fromLastError(code: code, operation: operation())
            if error.kind == .notFound {
                error = GitError(operation: error.operation, message: "object \(id.hex) is missing: \(error.message)",
                                 code: error.code, kind: .notFound)
            }
            throw error
        }
        guard let object else { throw GitError(operation: operation(), message: "no object returned") }
        defer { git_odb_object_free(object) }
        let type = ObjectType(git_odb_object_type(object))
        let bytes = UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))
        return try body(type, bytes)
    }

    /// Reads an object and keeps libgit2's buffer alive for as long as the returned value is.
    func object(_ id: ObjectID, _ operation: @autoclosure () -> String) throws(GitError) -> RawObject {
        var oid = id.gitOID
        var object: OpaquePointer?
        let code = git_odb_read(&object, handle, &oid)
        if code < 0 { throw GitError.fromLastError(code: code, operation: operation()) }
        guard let object else { throw GitError(operation: operation(), message: "no object returned") }
        return RawObject(object)
    }

    /// The type and size of an object, without inflating all of it.
    func header(_ id: ObjectID, _ operation: @autoclosure () -> String) throws(GitError) -> (type: ObjectType, size: Int) {
        var oid = id.gitOID
        var size = 0
        var type = GIT_OBJECT_INVALID
        try check(git_odb_read_header(&size, &type, handle, &oid), operation())
        return (ObjectType(type), size)
    }
}

/// Owns one `git_odb_object` (an inflated object) and frees it; its bytes stay valid while it lives.
final class RawObject {
    private let handle: OpaquePointer
    let type: ObjectType
    let bytes: UnsafeRawBufferPointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
        type = ObjectType(git_odb_object_type(handle))
        bytes = UnsafeRawBufferPointer(start: git_odb_object_data(handle), count: git_odb_object_size(handle))
    }

    deinit {
        git_odb_object_free(handle)
    }
}
