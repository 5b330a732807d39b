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
        return Self.matchWithoutInnerStars(parts, names) ?? Self.match(parts, names[...])
    }

    /// A pattern with no `**` but perhaps a leading one is matched name against name from the end, without
    /// the general walk (every path of the tree meets every pattern). Nil for a pattern with `**` further in.
    private static func matchWithoutInnerStars(_ pattern: [[UInt8]], _ names: [ArraySlice<UInt8>]) -> Bool? {
        let first = pattern.first == doubleStar ? 1 : 0
        for index in first..<pattern.count where pattern[index] == doubleStar { return nil }
        let fixed = pattern.count - first
        guard first == 0 ? names.count == fixed : names.count >= fixed else { return false }
        let offset = names.count - fixed
        for index in stride(from: fixed - 1, through: 0, by: -1) where !matchName(pattern[first + index][...], names[offset + index]) {
            return false
        }
        return true
    }

    /// Steps every pattern position at once over the path's names (`**` stays or moves on): no
    /// backtracking, since packs may bring CI catalogues and `**/**/…` must stay cheap.
    private static func match(_ pattern: [[UInt8]], _ names: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        pattern.count < 64 ? run(pattern, names, SmallGlobStates.self) : run(pattern, names, LargeGlobStates.self)
    }

    private static func run<States: GlobStateSet>(_ pattern: [[UInt8]], _ names: ArraySlice<ArraySlice<UInt8>>, _: States.Type) -> Bool {
        let end = pattern.count
        func closed(_ states: States) -> States {
            var states = states
            for index in 0..<end where states.contains(index) && pattern[index] == doubleStar { states.insert(index + 1) }
            return states
        }
        var states = States(count: end + 1)
        states.insert(0)
        states = closed(states)
        for name in names {
            var following = States(count: end + 1)
            for index in 0..<end where states.contains(index) {
                if pattern[index] == doubleStar {
                    following.insert(index)
                } else if matchName(pattern[index][...], name) {
                    following.insert(index + 1)
                }
            }
            if following.isEmpty { return false }
            states = closed(following)
        }
        return states.contains(end)
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
