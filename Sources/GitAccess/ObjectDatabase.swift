import CLibGit2

/// The kinds of objects in git's object database.
public enum ObjectType: String, Sendable {
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

    var gitType: git_object_t {
        switch self {
        case .commit: return GIT_OBJECT_COMMIT
        case .tree: return GIT_OBJECT_TREE
        case .blob: return GIT_OBJECT_BLOB
        case .tag: return GIT_OBJECT_TAG
        case .other: return GIT_OBJECT_INVALID
        }
    }
}

/// Reads raw objects: packed ones through `PackReader` (no lock shared between threads), and those it
/// leaves (not found, damaged, too large) through a libgit2 object database that holds only pack
/// backends; loose ones through `LooseObjectStore` and `LooseObjectDecoder` (bounded inflate, size and
/// hash checks). libgit2 1.5 crashes or never returns on some damaged loose objects, so it never sees one.
/// Used from one thread at a time, like the repository it comes from.
final class ObjectDatabase {
    /// The largest loose object read in full. Real commits and trees are far smaller; blobs are read
    /// in full only below the scan's file size cap.
    static let maximumLooseObjectSize = 256 << 20

    private let packs: OpaquePointer
    private let packReader: PackReader?
    private let loose: LooseObjectStore

    /// Opens the packs of `objectsDirectory` and of its alternates (their loose objects are found on demand).
    /// Without `ownPackReader` (tests compare the two), every packed object is read by libgit2.
    init(objectsDirectory: String, ownPackReader: Bool = true) throws(GitError) {
        var odb: OpaquePointer?
        try check(git_odb_new(&odb), "open the object database")
        guard let odb else { throw GitError(operation: "open the object database", message: "no database") }
        let alternates = LooseObjectStore.alternates(of: objectsDirectory)
        do {
            for (index, directory) in ([objectsDirectory] + alternates).enumerated() {
                var backend: OpaquePointer?
                try check(git_odb_backend_pack(&backend, directory), "open the packs in \(directory)")
                // Once added, the database owns the backend and frees it.
                let code = index == 0 ? git_odb_add_backend(odb, backend, 2) : git_odb_add_alternate(odb, backend, 2)
                try check(code, "open the packs in \(directory)")
            }
        } catch {
            git_odb_free(odb)
            throw error
        }
        packs = odb
        packReader = ownPackReader ? PackReader(objectDirectories: [objectsDirectory] + alternates) : nil
        loose = LooseObjectStore(objectsDirectory: objectsDirectory, alternates: alternates)
    }

    deinit {
        git_odb_free(packs)
    }

    /// Reads an object and lends its raw bytes to `body`; the bytes are freed when `body` returns.
    func withObject<Result>(
        _ id: ObjectID,
        _ operation: @autoclosure () -> String,
        _ body: (ObjectType, UnsafeRawBufferPointer) throws(GitError) -> Result
    ) throws(GitError) -> Result {
        if !loose.isListed(id) {
            if let packed = packReader?.read(id) { return try body(packed.type, packed.bytes) }
            var oid = id.gitOID
            var object: OpaquePointer?
            let code = git_odb_read(&object, packs, &oid)
            if code >= 0, let object {
                defer { git_odb_object_free(object) }
                let bytes = UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))
                return try body(ObjectType(git_odb_object_type(object)), bytes)
            }
            try failUnlessMissing(code, id, operation())
        }
        let decoded = try readLoose(id, operation())
        return try body(decoded.type, decoded.bytes)
    }

    /// Reads an object and keeps its buffer alive for as long as the returned value is.
    func object(_ id: ObjectID, _ operation: @autoclosure () -> String) throws(GitError) -> RawObject {
        if !loose.isListed(id) {
            if let packed = packReader?.read(id) { return RawObject(packed: packed) }
            var oid = id.gitOID
            var object: OpaquePointer?
            let code = git_odb_read(&object, packs, &oid)
            if code >= 0, let object { return RawObject(object) }
            try failUnlessMissing(code, id, operation())
        }
        return RawObject(try readLoose(id, operation()))
    }

    /// The type and size of an object, without inflating all of it (a loose object inflates only its
    /// header: the body is checked when it is read).
    func header(_ id: ObjectID, _ operation: @autoclosure () -> String) throws(GitError) -> (type: ObjectType, size: Int) {
        if !loose.isListed(id) {
            if let packed = packReader?.header(id) { return packed }
            var oid = id.gitOID
            var size = 0
            var type = GIT_OBJECT_INVALID
            let code = git_odb_read_header(&size, &type, packs, &oid)
            if code >= 0 { return (ObjectType(type), size) }
            try failUnlessMissing(code, id, operation())
        }
        let path = try looseFile(id, operation())
        // The header sits in the first few hundred compressed bytes of any stream git writes; a stream
        // that hides it further (empty blocks first) is read whole.
        for count in [4096, Self.maximumLooseObjectSize + Self.maximumLooseObjectSize / 1000 + 1024] {
            let prefix: [UInt8]
            do throws(LooseObjectFileError) {
                prefix = try loose.readPrefix(path, count: count)
            } catch {
                throw fileError(id, error, operation())
            }
            do throws(LooseObjectError) {
                return try prefix.withUnsafeBytes { bytes in
                    Result { () throws(LooseObjectError) in try LooseObjectDecoder.decodeHeader(bytes, maximumSize: .max) }
                }.get()
            } catch {
                if case .truncated = error, prefix.count == count { continue }
                throw damaged(id, error, operation())
            }
        }
        throw damaged(id, .malformedHeader("no header"), operation())
    }

    private func readLoose(_ id: ObjectID, _ operation: String) throws(GitError) -> DecodedObject {
        let path = try looseFile(id, operation)
        let compressed: [UInt8]
        do throws(LooseObjectFileError) {
            compressed = try loose.read(path, maximumSize: Self.maximumLooseObjectSize)
        } catch {
            throw fileError(id, error, operation)
        }
        do throws(LooseObjectError) {
            return try compressed.withUnsafeBytes { bytes in
                Result { () throws(LooseObjectError) in
                    try LooseObjectDecoder.decode(bytes, expected: id, maximumSize: Self.maximumLooseObjectSize)
                }
            }.get()
        } catch {
            throw damaged(id, error, operation)
        }
    }

    private func looseFile(_ id: ObjectID, _ operation: String) throws(GitError) -> String {
        guard let path = loose.file(of: id) else {
            throw GitError(operation: operation, message: "object \(id.hex) is missing", code: GIT_ENOTFOUND.rawValue,
                           kind: .notFound)
        }
        return path
    }

    /// A pack lookup that failed for another reason than a missing object is an error; a missing one
    /// may still be loose (written after the repository was opened).
    private func failUnlessMissing(_ code: Int32, _ id: ObjectID, _ operation: @autoclosure () -> String) throws(GitError) {
        guard code != GIT_ENOTFOUND.rawValue else {
            _ = git_error_last()
            return
        }
        throw GitError.fromLastError(code: code, operation: operation())
    }

    private func damaged(_ id: ObjectID, _ error: LooseObjectError, _ operation: String) -> GitError {
        GitError(operation: operation, message: "loose object \(id.hex) is damaged: \(error)", kind: .corrupt)
    }

    private func fileError(_ id: ObjectID, _ error: LooseObjectFileError, _ operation: String) -> GitError {
        switch error {
        case .unreadable(let reason):
            return GitError(operation: operation, message: "loose object \(id.hex) cannot be read: \(reason)", kind: .corrupt)
        case .tooLarge(let size):
            return GitError(operation: operation,
                            message: "loose object \(id.hex) is damaged: a \(size)-byte file, over the \(Self.maximumLooseObjectSize)-byte limit",
                            kind: .corrupt)
        }
    }
}

/// Owns one read object: libgit2's inflated buffer (`git_odb_object`), a checked loose object or an
/// object of our own pack reader. Its bytes stay valid while it lives.
final class RawObject {
    private enum Storage {
        case libgit2(OpaquePointer)
        case decoded(DecodedObject)
        case packed(DecodedObject)
    }

    private let storage: Storage
    let type: ObjectType
    let bytes: UnsafeRawBufferPointer

    init(_ handle: OpaquePointer) {
        storage = .libgit2(handle)
        type = ObjectType(git_odb_object_type(handle))
        bytes = UnsafeRawBufferPointer(start: git_odb_object_data(handle), count: git_odb_object_size(handle))
    }

    init(_ decoded: DecodedObject) {
        storage = .decoded(decoded)
        type = decoded.type
        bytes = decoded.bytes
    }

    init(packed: DecodedObject) {
        storage = .packed(packed)
        type = packed.type
        bytes = packed.bytes
    }

    /// Whether the object was read from a loose file (by our own decoder).
    var isLoose: Bool {
        if case .decoded = storage { return true }
        return false
    }

    deinit {
        if case .libgit2(let handle) = storage { git_odb_object_free(handle) }
    }
}
