import Foundation

/// A file's identity: the device and inode `stat` gives. Two paths with the same identity are the same
/// file or directory, however they are spelled and whatever links lead to them.
struct FileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64
}

/// What `stat` (following links) or `lstat` (not following them) says of a path: its identity and kind.
struct FileStatus: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case directory, symbolicLink, other
    }

    let identity: FileIdentity
    let kind: Kind

    /// The path's status, or the `errno` of the failed call (ENOENT for a dangling link when following,
    /// ELOOP for a loop of links).
    static func read(_ path: String, followingLinks: Bool) -> Result<FileStatus, StatusError> {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return .failure(StatusError(code: errno)) }
        let type = info.st_mode & 0o170000
        let kind: Kind = type == 0o040000 ? .directory : type == 0o120000 ? .symbolicLink : .other
        return .success(FileStatus(identity: FileIdentity(device: UInt64(truncatingIfNeeded: info.st_dev),
                                                          inode: UInt64(truncatingIfNeeded: info.st_ino)),
                                   kind: kind))
    }

    /// A failed `stat` or `lstat`.
    struct StatusError: Error, Sendable, Hashable {
        let code: Int32

        var message: String { String(cString: strerror(code)).lowercased() }
    }
}
