import GitAccess

/// Why a repository could not be scanned. Each case is a clear sentence for the user; none is a crash.
public enum ScanError: Error, Sendable, Equatable, CustomStringConvertible {
    case notARepository(path: String, reason: String)
    case emptyRepository(path: String)
    case corruptRepository(path: String, reason: String)
    case invalidOption(String)
    /// `--worktree` where there is no work tree to read (a bare repository, a revision): a usage error.
    case workTreeUnavailable(String)
    case git(GitError)

    public var description: String {
        switch self {
        case .notARepository(let path, let reason):
            return "\(path) is not a git repository (\(reason))"
        case .emptyRepository(let path):
            return "\(path) has no commits yet: there is no history or tree to assess"
        case .corruptRepository(let path, let reason):
            return "\(path) could not be read, it looks damaged: \(reason)"
        case .invalidOption(let message), .workTreeUnavailable(let message):
            return message
        case .git(let error):
            return error.description
        }
    }
}
