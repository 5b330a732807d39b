/// A symbolic link the search of a directory met and did not follow, and why. The batch prints each one
/// as a note, so that a search that finds less than expected says what it left out.
public struct SkippedLink: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// It points to `destination` (as written in the link), which does not exist.
        case dangling(destination: String)
        /// A loop of links (the system gives up following it: ELOOP).
        case linkLoop
        /// It leads back to `directory`, which contains the link: following it would go round for ever.
        case cycle(directory: String)
        /// It leads to a repository the search found already (under its own path or through another link).
        case sameRepository(as: String)
        /// It leads to a directory the search went through already.
        case sameDirectory(as: String)
        /// It leads to a directory that is not a repository: links are followed to repositories only, so
        /// that one cannot take the search anywhere in the file system.
        case notRepository
        /// It cannot be followed (e.g. permission denied).
        case unreadable(String)
    }

    /// The link's path, under the searched directory.
    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// `PATH: why`.
    public var description: String {
        switch reason {
        case .dangling(let destination):
            return "\(path): a dangling symbolic link (to \(destination), which does not exist)"
        case .linkLoop:
            return "\(path): a loop of symbolic links"
        case .cycle(let directory):
            return "\(path): a symbolic link loop (it leads back to \(directory), which contains it)"
        case .sameRepository(let other):
            return "\(path): a symbolic link to a repository found already (as \(other))"
        case .sameDirectory(let other):
            return "\(path): a symbolic link to a directory searched already (\(other))"
        case .notRepository:
            return "\(path): a symbolic link to a directory that is not a repository (links are followed only to "
                + "repositories; name the directory itself to search it)"
        case .unreadable(let reason):
            return "\(path): a symbolic link that cannot be followed: \(reason)"
        }
    }
}
