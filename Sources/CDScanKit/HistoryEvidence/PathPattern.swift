/// Which paths an area of the catalogue covers. Written as in the catalogues:
///   `tests/`               a directory of that name at any depth (`*` allowed in the name)
///   `.github/workflows/`   a directory path from the repository root (it holds a `/` before the end)
///   `*_test.go`            a file name at any depth
///   `deploy/*.yaml`        a file path from the root; `*` stays inside one path part, `**` crosses parts
/// Matching is case-sensitive, as git paths are.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    enum Shape: Sendable, Hashable {
        case directoryAnywhere(String)
        case directoryFromRoot(String)
        case fileNameAnywhere(String)
        case pathFromRoot(String)
    }

    public let source: String
    let shape: Shape
    /// The pattern as bytes (the name, or the whole pattern), and a root directory's parts: worked out
    /// once, since every changed path of the diffed commits meets every pattern of the areas.
    private let bytes: [UInt8]
    private let rootParts: [[UInt8]]

    public init(_ source: String) throws(PatternError) {
        guard !source.isEmpty, !source.hasPrefix("/"), source != "/" else {
            throw PatternError(message: "a path pattern must be a relative path, not \"\(source)\"")
        }
        self.source = source
        if source.hasSuffix("/") {
            let name = String(source.dropLast())
            shape = name.contains("/") ? .directoryFromRoot(name) : .directoryAnywhere(name)
        } else {
            shape = source.contains("/") ? .pathFromRoot(source) : .fileNameAnywhere(source)
        }
        switch shape {
        case .directoryAnywhere(let text), .directoryFromRoot(let text), .fileNameAnywhere(let text), .pathFromRoot(let text):
            bytes = Array(text.utf8)
        }
        if case .directoryFromRoot(let prefix) = shape {
            rootParts = prefix.split(separator: "/").map { Array($0.utf8) }
        } else {
            rootParts = []
        }
    }

    public var description: String { source }

    public func matches(_ path: String) -> Bool {
        matches(path, parts: path.split(separator: "/", omittingEmptySubsequences: false))
    }

    /// The same, with the path already split at "/": callers testing many patterns split it once.
    public func matches(_ path: String, parts: [Substring]) -> Bool {
        switch shape {
        case .directoryAnywhere:
            return parts.dropLast().contains { Self.glob(bytes, $0) }
        case .directoryFromRoot:
            guard parts.count > rootParts.count else { return false }
            return zip(rootParts, parts).allSatisfy { Self.glob($0, $1) }
        case .fileNameAnywhere:
            return Self.glob(bytes, parts.last ?? Substring(path))
        case .pathFromRoot:
            return Self.glob(bytes, Substring(path))
        }
    }

    /// `*` matches within one path part; `**` matches across parts.
    static func glob(_ pattern: String, _ text: Substring, crossesSlash: Bool) -> Bool {
        glob(Array(pattern.utf8), text)
    }

    /// Reads the text's UTF-8 in place: no copy per pattern and path.
    private static func glob(_ pattern: [UInt8], _ text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { glob(pattern, 0, $0, 0) }
    }

    private static func glob(_ p: [UInt8], _ pi: Int, _ t: UnsafeBufferPointer<UInt8>, _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        while pi < p.count {
            if p[pi] == UInt8(ascii: "*") {
                let double = pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*")
                let next = pi + (double ? 2 : 1)
                // `**/` may also match nothing at all.
                if double, next < p.count, p[next] == UInt8(ascii: "/"), glob(p, next + 1, t, ti) { return true }
                var end = ti
                while true {
                    if glob(p, next, t, end) { return true }
                    guard end < t.count, double || t[end] != UInt8(ascii: "/") else { return false }
                    end += 1
                }
            }
            guard ti < t.count, p[pi] == t[ti] else { return false }
            pi += 1
            ti += 1
        }
        return ti == t.count
    }
}
