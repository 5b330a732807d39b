/// A path pattern of the catalogues: `*` matches within one folder name, `**/` any number of folders
/// (none included), `?` one character. Matched against whole HEAD-tree paths, case-sensitively.
///
/// Every pattern is tried against every path of the tree, so matching works on bytes split once, and
/// the last part (almost always a file name or extension) is checked first: most paths fail there.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let parts: [[UInt8]]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map { Array($0.utf8) }
    }

    public var description: String { pattern }

    private static let doubleStar: [UInt8] = Array("**".utf8)

    public func matches(_ path: String) -> Bool {
        matches(names: Self.names(of: path))
    }

    /// A path split into its folder and file names once, for testing many patterns.
    static func names(of path: String) -> [ArraySlice<UInt8>] {
        Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    }

    func matches(names: [ArraySlice<UInt8>]) -> Bool {
        if let last = parts.last, last != Self.doubleStar {
            guard let lastName = names.last, Self.matchName(last[...], lastName) else { return false }
        }
        return Self.match(parts[...], names[...])
    }

    private static func match(_ parts: ArraySlice<[UInt8]>, _ names: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        guard let part = parts.first else { return names.isEmpty }
        if part == doubleStar {
            let rest = parts.dropFirst()
            if rest.isEmpty { return true }
            var remaining = names
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let name = names.first, matchName(part[...], name) else { return false }
        return match(parts.dropFirst(), names.dropFirst())
    }

    /// `*` and `?` within one name, by the classic backtracking-on-last-star walk (no recursion, no
    /// slice copies: every pattern meets every path of the tree).
    private static func matchName(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        let asterisk = UInt8(ascii: "*"), question = UInt8(ascii: "?")
        var p = pattern.startIndex, n = name.startIndex
        var star = -1, resume = 0
        while n < name.endIndex {
            if p < pattern.endIndex, pattern[p] == asterisk {
                star = p; resume = n; p += 1
            } else if p < pattern.endIndex, pattern[p] == question || pattern[p] == name[n] {
                p += 1; n += 1
            } else if star >= 0 {
                p = star + 1; resume += 1; n = resume
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == asterisk { p += 1 }
        return p == pattern.endIndex
    }
}
