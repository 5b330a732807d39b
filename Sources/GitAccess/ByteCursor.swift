/// Helpers for parsing git's raw object formats straight from borrowed bytes.
extension UnsafeRawBufferPointer {
    /// The index of the first `byte` at or after `start`, or `endIndex`.
    @inline(__always)
    func firstIndex(of byte: UInt8, from start: Int) -> Int {
        var index = start
        while index < count, self[index] != byte { index += 1 }
        return index
    }

    /// Whether the bytes at `start` spell `prefix`.
    @inline(__always)
    func hasPrefix(_ prefix: StaticString, at start: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard start + length <= count else { return false }
        let base = prefix.utf8Start
        for offset in 0..<length where self[start + offset] != base[offset] { return false }
        return true
    }

    /// Decodes `range` as UTF-8, repairing invalid sequences.
    @inline(__always)
    func string(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: self[range]), as: UTF8.self)
    }

    /// Decodes `range` as UTF-8 when it is valid, else as ISO-8859-1: names written by old tools in
    /// Latin-1 read as their letters rather than as replacement characters.
    func text(_ range: Range<Int>) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: self[range])
        if let valid = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) { return valid }
        return latin1String(range)
    }

    /// Decodes `range` as ISO-8859-1 (each byte one code point), for commits that declare a Latin encoding.
    func latin1String(_ range: Range<Int>) -> String {
        var scalars = String.UnicodeScalarView()
        for index in range { scalars.append(Unicode.Scalar(self[index])) }
        return String(scalars)
    }

    /// Parses a decimal integer (with optional sign) in `range`; nil when it is not one.
    func integer(_ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, self[index] == UInt8(ascii: "-") || self[index] == UInt8(ascii: "+") {
            negative = self[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < range.upperBound else { return nil }
        var value: Int64 = 0
        while index < range.upperBound {
            let digit = self[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return negative ? -value : value
    }
}
