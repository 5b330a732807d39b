#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Substring search on UTF-8 bytes. On Linux, Foundation's `String.contains(_:)` bridges both strings
/// to NSString and searches UTF-16 — the most expensive step of reading a large tree; `memmem` over the
/// UTF-8 storage (memchr to each candidate first byte, then memcmp) is exact and cheap.
public enum ByteSearch {
    public static func contains(_ text: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = text
        var pattern = needle
        return haystack.withUTF8 { textBytes in
            pattern.withUTF8 { needleBytes in
                guard let base = textBytes.baseAddress, let wanted = needleBytes.baseAddress,
                      textBytes.count >= needleBytes.count else { return false }
                let last = textBytes.count - needleBytes.count
                var start = 0
                while start <= last {
                    guard let found = memchr(base + start, Int32(wanted.pointee), last - start + 1) else { return false }
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, wanted, needleBytes.count) == 0 { return true }
                    start = position + 1
                }
                return false
            }
        }
    }
}
