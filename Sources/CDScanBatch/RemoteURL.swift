import Foundation

/// A git URL given to a batch, and the same URL without its credentials.
///
/// `https://user:token@host/org/repo.git` is fetched as given, but only `https://host/org/repo.git` is ever
/// stored, printed or written into a mirror's configuration: the userinfo (a user and password, or a token
/// used as the user) is dropped from every URL with a scheme. For ssh URLs only a password is dropped, since
/// the user there (`git@`) is an account name, not a secret. The scp-like form `git@host:org/repo` has no
/// password and is kept as it is.
public struct RemoteURL: Sendable, Hashable {
    /// The URL as given: what the clone and fetch use.
    public let raw: String
    /// The URL without credentials: what is stored and shown.
    public let display: String
    /// The credential texts found in `raw`, for scrubbing messages that might quote them.
    let secrets: [String]

    public init(_ raw: String) {
        self.raw = raw
        guard let schemeEnd = raw.range(of: "://") else {
            display = raw
            secrets = []
            return
        }
        let scheme = raw[..<schemeEnd.lowerBound].lowercased()
        let rest = raw[schemeEnd.upperBound...]
        // The authority ends at the first '/', '?' or '#'; its userinfo ends at its last '@' (a password may
        // hold an unescaped '@').
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else {
            display = raw
            secrets = []
            return
        }
        let userinfo = authority[..<at]
        let host = authority[authority.index(after: at)...]
        let user = userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let password = userinfo.contains(":") ? userinfo[userinfo.index(after: userinfo.firstIndex(of: ":")!)...] : ""
        let keepsUser = ["ssh", "git+ssh", "ssh+git"].contains(scheme) && !user.isEmpty
        let kept = keepsUser ? "\(user)@" : ""
        display = raw[..<schemeEnd.upperBound] + kept + host + rest[authorityEnd...]
        // Short fragments are not scrubbed from messages: they would garble ordinary words.
        secrets = ([String(userinfo)] + (keepsUser ? [] : [String(user)]) + [String(password)])
            .filter { $0.count >= 4 }
            .sorted { $0.count > $1.count }
    }

    /// Whether the URL carried credentials that `display` leaves out.
    public var hasCredentials: Bool { raw != display }

    /// `text` with the raw URL replaced by its display form and any credential text replaced by `***`:
    /// for messages from libgit2 or the system that may quote the URL they were given.
    public func redact(_ text: String) -> String {
        guard hasCredentials else { return text }
        var result = text.replacingOccurrences(of: raw, with: display)
        for secret in secrets {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }
}
