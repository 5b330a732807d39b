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

    /// Steps every pattern position at once over the text's bytes (no backtracking: `.cdscan.yml`'s
    /// `exclude:` patterns come from the scanned repository, and `**/**/**/…` must not cost exponential time).
    private static func glob(_ p: [UInt8], _ pi: Int, _ t: UnsafeBufferPointer<UInt8>, _ ti: Int) -> Bool {
        var stars = 0
        for byte in p where byte == UInt8(ascii: "*") { stars += 1 }
        // One `*` cannot backtrack more than once per byte: the direct walk is linear and the fastest.
        if stars <= 1 { return singleStar(p, t) }
        return p.count < 64 ? run(p, t, SmallGlobStates.self) : run(p, t, LargeGlobStates.self)
    }

    /// A pattern with at most one `*` (which stays inside one path part): literal prefix, star, suffix.
    private static func singleStar(_ p: [UInt8], _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let star = p.firstIndex(of: UInt8(ascii: "*")) else { return p.elementsEqual(t) }
        let suffix = p.count - star - 1
        guard t.count >= star + suffix else { return false }
        for index in 0..<star where p[index] != t[index] { return false }
        for index in 0..<suffix where p[star + 1 + index] != t[t.count - suffix + index] { return false }
        // What the star matched must not cross a folder.
        for index in star..<(t.count - suffix) where t[index] == UInt8(ascii: "/") { return false }
        return true
    }

    private static func run<States: GlobStateSet>(_ p: [UInt8], _ t: UnsafeBufferPointer<UInt8>, _: States.Type) -> Bool {
        let star = UInt8(ascii: "*"), slash = UInt8(ascii: "/")
        let end = p.count
        // Positions reachable without reading: past a `*` (it may match nothing), past `**/` entirely.
        func closed(_ states: States) -> States {
            var states = states
            for index in 0..<end where states.contains(index) && p[index] == star {
                let double = index + 1 < end && p[index + 1] == star
                let next = index + (double ? 2 : 1)
                states.insert(next)
                if double, next < end, p[next] == slash { states.insert(next + 1) }
            }
            return states
        }
        var states = States(count: end + 1)
        states.insert(0)
        states = closed(states)
        for byte in t {
            var following = States(count: end + 1)
            for index in 0..<end where states.contains(index) {
                if p[index] == star {
                    let double = index + 1 < end && p[index + 1] == star
                    if double || byte != slash { following.insert(index) }
                } else if p[index] == byte {
                    following.insert(index + 1)
                }
            }
            if following.isEmpty { return false }
            states = closed(following)
        }
        return states.contains(end)
    }
}
