#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Substring search on UTF-8 bytes. On Linux, Foundation's `String.contains(_:)` bridges both strings
/// to NSString and searches UTF-16 — the most expensive step of reading a large tree; a search over the
/// UTF-8 storage (memchr to each candidate first byte, then memcmp) is exact and cheap.
public enum ByteSearch {
    public static func contains(_ text: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = text
        return haystack.withUTF8 { contains($0, Array(needle.utf8)) }
    }

    /// Whether `text` holds the bytes of `needle`.
    public static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard let base = text.baseAddress, text.count >= needle.count else { return false }
        return needle.withUnsafeBufferPointer { wanted in
            let last = text.count - needle.count
            var start = 0
            while start <= last {
                guard let found = memchr(base + start, Int32(needle[0]), last - start + 1) else { return false }
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, wanted.baseAddress!, needle.count) == 0 { return true }
                start = position + 1
            }
            return false
        }
    }
}
