import CLibGit2

/// A failed libgit2 call: the operation we attempted and libgit2's own message, read right after the call.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The object, reference or repository does not exist (GIT_ENOTFOUND).
        case notFound
        /// The repository has no commits yet (unborn HEAD).
        case unbornHead
        /// An object could not be parsed or failed its checks.
        case corrupt
        /// Anything else libgit2 reported.
        case other
    }

    public let operation: String
    public let message: String
    public let code: Int32
    public let kind: Kind

    public init(operation: String, message: String, code: Int32 = -1, kind: Kind = .other) {
        self.operation = operation
        self.message = message
        self.code = code
        self.kind = kind
    }

    public var description: String { "\(operation): \(message)" }

    /// Builds the error for a failing return code. Must run on the failing call's thread, before any other
    /// libgit2 call, because libgit2 keeps the message in a thread-local slot.
    static func fromLastError(code: Int32, operation: String) -> GitError {
        let message: String
        if let last = git_error_last(), let text = last.pointee.message {
            message = String(cString: text).trimmingTrailingNewlines()
        } else {
            message = "libgit2 error \(code)"
        }
        let kind: Kind
        switch code {
        case GIT_ENOTFOUND.rawValue: kind = .notFound
        case GIT_EUNBORNBRANCH.rawValue: kind = .unbornHead
        case GIT_EINVALID.rawValue, GIT_EINVALIDSPEC.rawValue: kind = .corrupt
        default: kind = .other
        }
        return GitError(operation: operation, message: message, code: code, kind: kind)
    }
}

/// Throws a `GitError` for libgit2's "negative means failure" convention.
@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
    if code < 0 { throw GitError.fromLastError(code: code, operation: operation()) }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
