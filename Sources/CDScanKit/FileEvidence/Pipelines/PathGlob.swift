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
        let names = Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
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

    private static func matchName(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case UInt8(ascii: "*"):
            var rest = name
            while true {
                if matchName(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case UInt8(ascii: "?"):
            return !name.isEmpty && matchName(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == first && matchName(pattern.dropFirst(), name.dropFirst())
        }
    }
}
