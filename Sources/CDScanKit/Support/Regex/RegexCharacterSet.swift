/// The Unicode scalars one step of a `LinearRegex` may consume: a literal, a bracketed class, `.` or an
/// escape like `\w`. Membership follows ICU's definitions (what `NSRegularExpression` did before):
/// `\w` letters, marks, decimal digits, connector punctuation and ZWNJ/ZWJ; `\s` White_Space; `\d` decimal
/// digits. Case-insensitive sets fold ASCII letters fully (and the Kelvin sign and long s onto `k`, `s`);
/// other scalars fold through their single-scalar lower- and upper-case mappings, never to several
/// characters (ICU's `(?i)ß` matching `SS` is not reproduced).
struct RegexCharacterSet: Sendable, Hashable {
    enum Property: Sendable, Hashable {
        case word, space, digit, lineTerminator
    }

    struct PropertyItem: Sendable, Hashable {
        let property: Property
        let negated: Bool
    }

    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var properties: [PropertyItem] = []
    private(set) var negated = false
    private(set) var foldsCase = false
    /// Membership of the 128 ASCII scalars, worked out once: almost every scalar a scan meets is ASCII.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    init(ranges: [ClosedRange<UInt32>], properties: [PropertyItem] = [], negated: Bool = false, foldsCase: Bool = false) {
        self.negated = negated
        self.foldsCase = foldsCase
        self.properties = properties
        var all = ranges
        if foldsCase {
            // ASCII letters get their other case here, so the ASCII table needs no folding at match time.
            for range in ranges {
                for (from, to, shift) in [(UInt32(65), UInt32(90), Int64(32)), (97, 122, -32)] {
                    let low = max(range.lowerBound, from), high = min(range.upperBound, to)
                    if low <= high { all.append(UInt32(Int64(low) + shift)...UInt32(Int64(high) + shift)) }
                }
            }
        }
        self.ranges = Self.merged(all)
        // `slowContains` of an ASCII scalar, for all 128 at once: the ranges' bits, each property's (or its
        // complement), the whole complemented when negated. Folding reaches no further below 128.
        var low: UInt64 = 0, high: UInt64 = 0
        for range in self.ranges where range.lowerBound < 128 {
            for scalar in range.lowerBound...min(range.upperBound, 127) {
                if scalar < 64 { low |= 1 << UInt64(scalar) } else { high |= 1 << UInt64(scalar - 64) }
            }
        }
        for item in properties {
            let bits = Self.asciiMembers(of: item.property)
            low |= item.negated ? ~bits.low : bits.low
            high |= item.negated ? ~bits.high : bits.high
        }
        asciiLow = negated ? ~low : low
        asciiHigh = negated ? ~high : high
    }

    /// The ASCII members of each property, as `has` tells them, worked out once per process.
    private static let wordMembers = asciiTable(of: .word)
    private static let spaceMembers = asciiTable(of: .space)
    private static let digitMembers = asciiTable(of: .digit)
    private static let lineTerminatorMembers = asciiTable(of: .lineTerminator)

    private static func asciiMembers(of property: Property) -> (low: UInt64, high: UInt64) {
        switch property {
        case .word: return wordMembers
        case .space: return spaceMembers
        case .digit: return digitMembers
        case .lineTerminator: return lineTerminatorMembers
        }
    }

    private static func asciiTable(of property: Property) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for scalar in 0..<UInt32(128) where has(property, scalar) {
            if scalar < 64 { low |= 1 << UInt64(scalar) } else { high |= 1 << UInt64(scalar - 64) }
        }
        return (low, high)
    }

    static func single(_ scalar: UInt32, foldsCase: Bool) -> RegexCharacterSet {
        RegexCharacterSet(ranges: [scalar...scalar], foldsCase: foldsCase)
    }

    static func property(_ property: Property, negated: Bool) -> RegexCharacterSet {
        RegexCharacterSet(ranges: [], properties: [PropertyItem(property: property, negated: negated)])
    }

    /// `.`: anything but a line terminator, or anything at all under `(?s)`.
    static func dot(matchesLineTerminators: Bool) -> RegexCharacterSet {
        matchesLineTerminators
            ? RegexCharacterSet(ranges: [], negated: true)
            : RegexCharacterSet(ranges: [], properties: [PropertyItem(property: .lineTerminator, negated: false)], negated: true)
    }

    /// The ASCII membership table: bit n of `low` for scalar n < 64, of `high` for 64 + n.
    var asciiBits: (low: UInt64, high: UInt64) { (asciiLow, asciiHigh) }

    /// The single scalar this set stands for, when it is a plain case-sensitive literal.
    var literal: UInt32? {
        guard !negated, !foldsCase, properties.isEmpty, ranges.count == 1, ranges[0].count == 1 else { return nil }
        return ranges[0].lowerBound
    }

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return asciiLow & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return asciiHigh & (1 << UInt64(scalar - 64)) != 0 }
        return slowContains(scalar)
    }

    /// Membership worked out from the ranges and properties (tests hold the ASCII table to it).
    func slowContains(_ scalar: UInt32) -> Bool {
        var found = rawContains(scalar)
        if !found, foldsCase, scalar >= 128, let value = Unicode.Scalar(scalar) {
            found = Self.caseVariants(of: value).contains { rawContains($0) }
        }
        return found != negated
    }

    private func rawContains(_ scalar: UInt32) -> Bool {
        for range in ranges where range.contains(scalar) { return true }
        for item in properties where Self.has(item.property, scalar) != item.negated { return true }
        return false
    }

    private static func caseVariants(of scalar: Unicode.Scalar) -> [UInt32] {
        let properties = scalar.properties
        return [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping].compactMap { mapping in
            let scalars = mapping.unicodeScalars
            return scalars.count == 1 ? scalars.first!.value : nil
        }
    }

    static func has(_ property: Property, _ scalar: UInt32) -> Bool {
        switch property {
        case .lineTerminator:
            return isLineTerminator(scalar)
        case .digit:
            if scalar < 128 { return scalar >= 48 && scalar <= 57 }
            return Unicode.Scalar(scalar)?.properties.generalCategory == .decimalNumber
        case .space:
            if scalar < 128 { return scalar == 32 || (scalar >= 9 && scalar <= 13) }
            return Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
        case .word:
            return isWord(scalar)
        }
    }

    static func isWord(_ scalar: UInt32) -> Bool {
        if scalar < 128 {
            return (scalar >= 48 && scalar <= 57) || (scalar >= 65 && scalar <= 90) || (scalar >= 97 && scalar <= 122) || scalar == 95
        }
        if scalar == 0x200C || scalar == 0x200D { return true }
        guard let properties = Unicode.Scalar(scalar)?.properties else { return false }
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// ICU's line terminators: LF, VT, FF, CR, NEL, LS, PS.
    @inline(__always)
    static func isLineTerminator(_ scalar: UInt32) -> Bool {
        (scalar >= 10 && scalar <= 13) || scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029
    }

    private static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
