/// `*` and `?` within one name (a path's folder or file name, or a whole dependency name), byte-wise.
enum GlobName {
    /// The pattern's bytes, lower-cased when matching is to ignore case.
    static func compile(_ pattern: Substring, ignoringCase: Bool) -> [UInt8] {
        ignoringCase ? pattern.utf8.map(lowercased) : Array(pattern.utf8)
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// The classic backtracking-on-last-star walk: linear in practice, no recursion and no copies, since
    /// every pattern may meet every path of the tree. `pattern` is compiled (lower-cased when ignoring case).
    static func matches(_ pattern: [UInt8], _ name: ArraySlice<UInt8>, ignoringCase: Bool) -> Bool {
        let asterisk = UInt8(ascii: "*"), question = UInt8(ascii: "?")
        var p = 0, n = name.startIndex
        var star = -1, resume = 0
        while n < name.endIndex {
            let byte = ignoringCase ? lowercased(name[n]) : name[n]
            if p < pattern.count, pattern[p] == asterisk {
                star = p; resume = n; p += 1
            } else if p < pattern.count, pattern[p] == question || pattern[p] == byte {
                p += 1; n += 1
            } else if star >= 0 {
                p = star + 1; resume += 1; n = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == asterisk { p += 1 }
        return p == pattern.count
    }
}
