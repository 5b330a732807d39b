/// Reads the pattern syntax `LinearRegex` accepts: the ICU subset the catalogues use. Everything it cannot
/// run in linear time, or cannot run exactly as ICU would, is refused with a reason and a position:
/// backreferences, lookbehind, atomic groups, possessive quantifiers, `\p{…}`, nested or POSIX classes,
/// the `x` flag. Lazy quantifiers are accepted: whether a text matches, and where the first match starts,
/// do not depend on greediness.
struct RegexParser {
    static let maximumRepeat = 1_000
    static let maximumLookahead = 64

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private(set) var sets: [RegexCharacterSet] = []
    /// False for a syntax check: the tree's set indexes are then all 0 and no set is kept.
    private let keepsSets: Bool

    private init(_ pattern: String, keepsSets: Bool) {
        scalars = Array(pattern.unicodeScalars)
        self.keepsSets = keepsSets
    }

    /// The pattern's tree and its sets; `keepingSets: false` only checks it (same errors, cheaper), and the
    /// tree's shape then serves to count its program's size, not to run it.
    static func parse(_ pattern: String, flags: RegexFlags = RegexFlags(),
                      keepingSets: Bool = true) throws(RegexSyntaxError) -> (RegexNode, [RegexCharacterSet]) {
        var parser = RegexParser(pattern, keepsSets: keepingSets)
        let node = try parser.alternation(flags: flags)
        if parser.index < parser.scalars.count {
            // Only an unmatched ')' stops the top level early.
            throw parser.failure("unmatched ')'")
        }
        return (node, parser.sets)
    }

    // MARK: - Structure

    private mutating func alternation(flags initial: RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        var flags = initial
        var branches: [RegexNode] = [try sequence(flags: &flags)]
        while peek == "|" {
            index += 1
            branches.append(try sequence(flags: &flags))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    /// A run of quantified atoms up to `|`, `)` or the end. A flag group `(?i)` changes `flags` for the
    /// rest of the enclosing group, alternatives after a `|` included (as in ICU).
    private mutating func sequence(flags: inout RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            guard let atom = try atom(flags: &flags) else { continue }
            items.append(try quantified(atom))
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .sequence(items))
    }

    private mutating func quantified(_ atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        guard let scalar = peek, "*+?{".unicodeScalars.contains(scalar) else { return atom }
        let quantifierAt = index
        var bounds: (Int, Int?)
        switch scalar {
        case "*": bounds = (0, nil); index += 1
        case "+": bounds = (1, nil); index += 1
        case "?": bounds = (0, 1); index += 1
        default: bounds = try braces()
        }
        switch atom {
        case .assertion, .lookahead, .empty:
            throw failure("nothing to repeat before this quantifier", at: quantifierAt)
        default:
            break
        }
        if peek == "?" {
            index += 1  // lazy: same matches, same first start
        } else if peek == "+" {
            throw failure("possessive quantifiers are not supported (they change what matches)", unsupported: true)
        }
        if let next = peek, "*+?{".unicodeScalars.contains(next) {
            throw failure("a quantifier cannot follow another quantifier")
        }
        return .repetition(atom, min: bounds.0, max: bounds.1)
    }

    /// `{m}`, `{m,}` or `{m,n}`; any other brace is an error, as in ICU.
    private mutating func braces() throws(RegexSyntaxError) -> (Int, Int?) {
        let open = index
        index += 1
        guard let low = number() else { throw failure("'{' must start a repetition {m}, {m,} or {m,n}; write \\{ for the character", at: open) }
        var high: Int? = low
        if peek == "," {
            index += 1
            high = number()
        }
        guard peek == "}" else { throw failure("'{' must start a repetition {m}, {m,} or {m,n}; write \\{ for the character", at: open) }
        index += 1
        if let high, high < low { throw failure("repetition {\(low),\(high)} has its bounds the wrong way round", at: open) }
        if low > Self.maximumRepeat || (high ?? 0) > Self.maximumRepeat {
            throw failure("repetition bounds above \(Self.maximumRepeat) are not supported", at: open, unsupported: true)
        }
        return (low, high)
    }

    private mutating func number() -> Int? {
        var value: Int?
        while let scalar = peek, scalar.properties.numericType == .decimal, scalar.isASCII {
            value = min((value ?? 0) * 10 + Int(scalar.value - 48), 1_000_000)
            index += 1
        }
        return value
    }

    /// One atom, or nil for a flag group `(?i)` that only changed the flags.
    private mutating func atom(flags: inout RegexFlags) throws(RegexSyntaxError) -> RegexNode? {
        let scalar = scalars[index]
        switch scalar {
        case "(":
            return try group(flags: &flags)
        case "[":
            return .set(add(try bracketClass(flags: flags)))
        case ".":
            index += 1
            return .set(keepsSets ? add(.dot(matchesLineTerminators: flags.dotAll)) : 0)
        case "^":
            index += 1
            return .assertion(flags.multiline ? .lineStart : .textStart)
        case "$":
            index += 1
            return .assertion(flags.multiline ? .lineEnd : .textEndOrFinalTerminator)
        case "\\":
            return try escape(flags: flags)
        case "*", "+", "?":
            throw failure("nothing to repeat before '\(scalar)'")
        case "{":
            throw failure("nothing to repeat before '{' (write \\{ for the character)")
        case "}":
            throw failure("an unmatched '}' (write \\} for the character)")
        default:
            index += 1
            return .set(addSingle(scalar.value, foldsCase: flags.caseInsensitive))
        }
    }

    private mutating func group(flags: inout RegexFlags) throws(RegexSyntaxError) -> RegexNode? {
        let open = index
        index += 1
        var inner = flags
        var lookahead: Bool?
        if peek == "?" {
            index += 1
            switch peek {
            case ":":
                index += 1
            case "=", "!":
                lookahead = peek == "!"
                index += 1
            case "<":
                index += 1
                if peek == "=" || peek == "!" { throw failure("lookbehind is not supported", at: open, unsupported: true) }
                // A named group: the name is only a label here (no backreferences).
                while let scalar = peek, scalar != ">" {
                    guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                        throw failure("a group name holds letters and digits", at: open)
                    }
                    index += 1
                }
                guard peek == ">" else { throw failure("unterminated group name", at: open) }
                index += 1
            case ">":
                throw failure("atomic groups are not supported (they change what matches)", at: open, unsupported: true)
            case "#":
                throw failure("comment groups are not supported", at: open, unsupported: true)
            default:
                let changed = try flagSettings(from: flags, at: open)
                if peek == ")" {
                    index += 1
                    flags = changed  // `(?i)`: for the rest of the enclosing group
                    return nil
                }
                guard peek == ":" else { throw failure("unknown group syntax after '(?'", at: open) }
                index += 1
                inner = changed
            }
        }
        let body = try alternation(flags: inner)
        guard peek == ")" else { throw failure("unmatched '('", at: open) }
        index += 1
        guard let negated = lookahead else { return body }
        return .lookahead(try fixedRun(body, at: open), negated: negated)
    }

    /// `ims` flags to set, then optionally `-` and flags to clear.
    private mutating func flagSettings(from flags: RegexFlags, at open: Int) throws(RegexSyntaxError) -> RegexFlags {
        var result = flags
        var setting = true
        var any = false
        while let scalar = peek, scalar != ")", scalar != ":" {
            switch scalar {
            case "i": result.caseInsensitive = setting
            case "m": result.multiline = setting
            case "s": result.dotAll = setting
            case "-" where setting: setting = false
            default: throw failure("unsupported flag '\(scalar)' (supported: i, m, s)", unsupported: true)
            }
            any = true
            index += 1
        }
        guard any else { throw failure("empty flag group", at: open) }
        return result
    }

    /// The sets of a lookahead body that is a plain run of single characters.
    private func fixedRun(_ node: RegexNode, at open: Int) throws(RegexSyntaxError) -> [Int] {
        var sets: [Int] = []
        func collect(_ node: RegexNode) -> Bool {
            switch node {
            case .set(let index): sets.append(index); return true
            case .sequence(let items): return items.allSatisfy(collect)
            default: return false
            }
        }
        guard collect(node), !sets.isEmpty, sets.count <= Self.maximumLookahead else {
            throw failure("a lookahead may only hold a fixed run of up to \(Self.maximumLookahead) characters or classes (no quantifiers, groups, alternatives or anchors)", at: open, unsupported: true)
        }
        return sets
    }

    // MARK: - Escapes and classes

    private mutating func escape(flags: RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        let backslash = index
        index += 1
        guard let scalar = peek else { throw failure("a pattern cannot end with '\\'", at: backslash) }
        switch scalar {
        case "b": index += 1; return .assertion(.wordBoundary)
        case "B": index += 1; return .assertion(.notWordBoundary)
        case "A": index += 1; return .assertion(.textStart)
        case "z": index += 1; return .assertion(.textEnd)
        case "Z": index += 1; return .assertion(.textEndOrFinalTerminator)
        case "Q":
            index += 1
            var items: [RegexNode] = []
            while index < scalars.count {
                if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" { index += 2; break }
                items.append(.set(addSingle(scalars[index].value, foldsCase: flags.caseInsensitive)))
                index += 1
            }
            if let next = peek, "*+?{".unicodeScalars.contains(next) {
                throw failure("a quantifier cannot follow \\Q…\\E (put the quoted text in a group)")
            }
            return .sequence(items)
        default:
            index = backslash
            return .set(add(try escapedSet(flags: flags)))
        }
    }

    /// An escape that stands for one scalar or a class: `\d`, `\n`, `\x41`, `\.` …
    private mutating func escapedSet(flags: RegexFlags) throws(RegexSyntaxError) -> RegexCharacterSet {
        let backslash = index
        index += 1
        guard let scalar = peek else { throw failure("a pattern cannot end with '\\'", at: backslash) }
        index += 1
        switch scalar {
        case "d": return .property(.digit, negated: false)
        case "D": return .property(.digit, negated: true)
        case "w": return .property(.word, negated: false)
        case "W": return .property(.word, negated: true)
        case "s": return .property(.space, negated: false)
        case "S": return .property(.space, negated: true)
        default:
            return .single(try escapedScalar(scalar, at: backslash), foldsCase: flags.caseInsensitive)
        }
    }

    private mutating func escapedScalar(_ scalar: Unicode.Scalar, at backslash: Int) throws(RegexSyntaxError) -> UInt32 {
        switch scalar {
        case "t": return 9
        case "n": return 10
        case "f": return 12
        case "r": return 13
        case "a": return 7
        case "e": return 27
        case "x":
            if peek == "{" {
                index += 1
                let value = hexDigits(maximum: 8)
                guard let value, peek == "}" else { throw failure("\\x{…} needs hexadecimal digits and '}'", at: backslash) }
                index += 1
                return try validScalar(value, at: backslash)
            }
            guard let value = hexDigits(maximum: 2, exactly: true) else { throw failure("\\x needs two hexadecimal digits", at: backslash) }
            return value
        case "u":
            guard let value = hexDigits(maximum: 4, exactly: true) else { throw failure("\\u needs four hexadecimal digits", at: backslash) }
            return try validScalar(value, at: backslash)
        case "U":
            guard let value = hexDigits(maximum: 8, exactly: true) else { throw failure("\\U needs eight hexadecimal digits", at: backslash) }
            return try validScalar(value, at: backslash)
        default:
            if scalar.isASCII, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if scalar.properties.numericType != nil, scalar != "0" {
                    throw failure("backreferences are not supported", at: backslash, unsupported: true)
                }
                throw failure("the escape \\\(scalar) is not supported", at: backslash, unsupported: true)
            }
            return scalar.value
        }
    }

    private mutating func hexDigits(maximum: Int, exactly: Bool = false) -> UInt32? {
        var value: UInt32 = 0
        var count = 0
        while count < maximum, let scalar = peek, let digit = scalar.isASCII ? Int(String(scalar), radix: 16) : nil {
            value = value * 16 + UInt32(digit)
            count += 1
            index += 1
        }
        if count == 0 || (exactly && count != maximum) { return nil }
        return value
    }

    private func validScalar(_ value: UInt32, at offset: Int) throws(RegexSyntaxError) -> UInt32 {
        guard Unicode.Scalar(value) != nil else { throw failure("not a Unicode scalar value", at: offset) }
        return value
    }

    /// `[…]` with ranges, `^` negation and the class escapes; `]` first is a literal. Nested sets, POSIX
    /// names and ICU's set operators (`&&`, `--`) are refused: ICU reads them as operations, not characters.
    private mutating func bracketClass(flags: RegexFlags) throws(RegexSyntaxError) -> RegexCharacterSet {
        let open = index
        index += 1
        var negated = false
        if peek == "^" { negated = true; index += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var properties: [RegexCharacterSet.PropertyItem] = []
        var first = true
        while true {
            guard let scalar = peek else { throw failure("unterminated '['", at: open) }
            if scalar == "]" && !first { index += 1; break }
            first = false
            if scalar == "[" { throw failure("nested classes and [:name:] classes are not supported (write \\[ for the character)", unsupported: true) }
            if scalar == "&" || scalar == "-", index + 1 < scalars.count, scalars[index + 1] == scalar {
                throw failure("set operators '\(scalar)\(scalar)' are not supported (escape the character)", unsupported: true)
            }
            // One item: a scalar (possibly the start of a range) or a class escape.
            let itemAt = index
            var low: UInt32
            if scalar == "\\" {
                let escaped = try classEscape()
                guard case .scalar(let value) = escaped else {
                    if case .property(let item) = escaped { properties.append(item) }
                    if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                        throw failure("a range cannot start or end with a class like \\d", at: itemAt)
                    }
                    continue
                }
                low = value
            } else {
                low = scalar.value
                index += 1
            }
            var high = low
            if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                guard let end = peek else { throw failure("unterminated '['", at: open) }
                if end == "[" { throw failure("nested classes are not supported", unsupported: true) }
                if end == "\\" {
                    guard case .scalar(let value) = try classEscape() else {
                        throw failure("a range cannot start or end with a class like \\d", at: itemAt)
                    }
                    high = value
                } else {
                    high = end.value
                    index += 1
                }
                guard low <= high else { throw failure("range out of order in a class", at: itemAt) }
            }
            ranges.append(low...high)
        }
        return RegexCharacterSet(ranges: ranges, properties: properties, negated: negated, foldsCase: flags.caseInsensitive)
    }

    private enum ClassItem {
        case scalar(UInt32)
        case property(RegexCharacterSet.PropertyItem)
    }

    private mutating func classEscape() throws(RegexSyntaxError) -> ClassItem {
        let backslash = index
        index += 1
        guard let scalar = peek else { throw failure("a pattern cannot end with '\\'", at: backslash) }
        let property: (RegexCharacterSet.Property, Bool)?
        switch scalar {
        case "d": property = (.digit, false)
        case "D": property = (.digit, true)
        case "w": property = (.word, false)
        case "W": property = (.word, true)
        case "s": property = (.space, false)
        case "S": property = (.space, true)
        default: property = nil
        }
        index += 1
        if let property { return .property(.init(property: property.0, negated: property.1)) }
        if scalar == "b" { throw failure("\\b inside a class is not supported", at: backslash, unsupported: true) }
        return .scalar(try escapedScalar(scalar, at: backslash))
    }

    // MARK: - Helpers

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// `add(.single(…))`, without making the set when none is kept (most of a pattern is literals).
    private mutating func addSingle(_ scalar: UInt32, foldsCase: Bool) -> Int {
        keepsSets ? add(.single(scalar, foldsCase: foldsCase)) : 0
    }

    private mutating func add(_ set: RegexCharacterSet) -> Int {
        guard keepsSets else { return 0 }
        if let existing = sets.firstIndex(of: set) { return existing }
        sets.append(set)
        return sets.count - 1
    }

    private func failure(_ message: String, at offset: Int? = nil, unsupported: Bool = false) -> RegexSyntaxError {
        RegexSyntaxError(message: message, offset: offset ?? index, isUnsupported: unsupported)
    }
}
