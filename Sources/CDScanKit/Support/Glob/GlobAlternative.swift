/// One alternative of a glob, compiled into the shape that matches it cheapest. Every alternative meets every
/// path of a wide tree (or every changed path of the history, for the areas), so the shape is decided once.
enum GlobAlternative: Sendable, Hashable {
    /// Names without `**`, matched from the root or (`anywhere`) against the path's last names.
    case fixed([[UInt8]], anywhere: Bool)
    /// A directory and what is under it, without other `**`: `tests/` (only what is inside), `docs/**` and
    /// `**/vendor/**` (`itself` too). Its names are matched against the path's folders in place, from the
    /// root or anywhere, without the general walk.
    case under([[UInt8]], anywhere: Bool, itself: Bool)
    /// Any other pattern, walked as an automaton.
    case general([GlobSegment])

    init(_ segments: [GlobSegment], directory: Bool) {
        var body = segments[...]
        var anywhere = false, itself = false
        if case .anyDepth? = body.first { anywhere = true; body = body.dropFirst() }
        if !directory, body.count > 1, case .anyDepth? = body.last { itself = true; body = body.dropLast() }
        var names: [[UInt8]] = []
        for segment in body {
            guard case .name(let glob) = segment else {
                self = .general(directory ? segments + [.name(Array("*".utf8)), .anyDepth] : segments)
                return
            }
            names.append(glob)
        }
        self = directory || itself ? .under(names, anywhere: anywhere, itself: itself) : .fixed(names, anywhere: anywhere)
    }

    /// The compiled glob the path's last name must match; nil when the last name may be anything.
    var lastName: [UInt8]? {
        switch self {
        case .fixed(let names, _): return names.last
        case .under: return nil
        case .general(let segments):
            if case .name(let last)? = segments.last { return last }
            return nil
        }
    }

    /// A literal name (no `*` or `?`) that some name of every matching path equals, for an alternative
    /// whose last name may be anything (`**/e2e/**` needs an `e2e` folder); nil when there is none.
    var requiredName: [UInt8]? {
        let isLiteral = { (name: [UInt8]) in !name.contains(UInt8(ascii: "*")) && !name.contains(UInt8(ascii: "?")) }
        switch self {
        case .fixed(let names, _), .under(let names, _, _):
            return names.first(where: isLiteral)
        case .general(let segments):
            for case .name(let name) in segments where isLiteral(name) { return name }
            return nil
        }
    }

    func matches(_ path: [ArraySlice<UInt8>], ignoringCase: Bool) -> Bool {
        switch self {
        case .fixed(let names, let anywhere):
            guard anywhere ? path.count >= names.count : path.count == names.count else { return false }
            return Self.matches(names, path, from: path.count - names.count, ignoringCase)
        case .under(let names, let anywhere, let itself):
            let reach = itself ? path.count : path.count - 1
            guard reach >= names.count else { return false }
            var start = anywhere ? reach - names.count : 0
            while start >= 0 {
                if Self.matches(names, path, from: start, ignoringCase) { return true }
                start -= 1
            }
            return false
        case .general(let segments):
            if case .name(let last)? = segments.last {
                guard let name = path.last, GlobName.matches(last, name, ignoringCase: ignoringCase) else { return false }
            }
            return segments.count < 64
                ? Self.run(segments, path, ignoringCase, SmallGlobStates.self)
                : Self.run(segments, path, ignoringCase, LargeGlobStates.self)
        }
    }

    /// The names against the path's names from `start` on, last first (most paths fail at the file name).
    private static func matches(_ names: [[UInt8]], _ path: [ArraySlice<UInt8>], from start: Int, _ ignoringCase: Bool) -> Bool {
        var index = names.count - 1
        while index >= 0 {
            if !GlobName.matches(names[index], path[start + index], ignoringCase: ignoringCase) { return false }
            index -= 1
        }
        return true
    }

    /// Steps every pattern position at once over the path's names: `**` stays or moves on, a name glob moves
    /// on when it accepts the name. No backtracking (globs come from packs and `.cdscan.yml`), so
    /// `**/**/**/…/x` costs pattern times path length.
    private static func run<States: GlobStateSet>(_ pattern: [GlobSegment], _ names: [ArraySlice<UInt8>],
                                                  _ ignoringCase: Bool, _: States.Type) -> Bool {
        let end = pattern.count
        func closed(_ states: States) -> States {
            var states = states
            for index in 0..<end where states.contains(index) {
                if case .anyDepth = pattern[index] { states.insert(index + 1) }
            }
            return states
        }
        var states = States(count: end + 1)
        states.insert(0)
        states = closed(states)
        for name in names {
            var following = States(count: end + 1)
            for index in 0..<end where states.contains(index) {
                switch pattern[index] {
                case .anyDepth: following.insert(index)
                case .name(let glob): if GlobName.matches(glob, name, ignoringCase: ignoringCase) { following.insert(index + 1) }
                }
            }
            if following.isEmpty { return false }
            states = closed(following)
        }
        return states.contains(end)
    }
}

/// One `/`-separated part of a compiled glob.
enum GlobSegment: Sendable, Hashable {
    /// `**`: any number of names, none included.
    case anyDepth
    /// A name glob (`*` and `?` within the name), lower-cased when the glob ignores case.
    case name([UInt8])
}
