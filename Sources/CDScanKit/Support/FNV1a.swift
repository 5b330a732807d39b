/// The 64-bit FNV-1a hash (Fowler–Noll–Vo): a tiny, fixed, platform-independent function (Swift's
/// `Hasher` is seeded per process), enough for stable names — SARIF result identities, cache folders,
/// batch shards and setup digests. Not for anything that must resist a chosen collision.
public enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// The hash of the UTF-8 bytes of `parts` joined by NUL (which no part can contain unnoticed), as 16
    /// lower-case hex digits.
    public static func hex(_ parts: [String]) -> String {
        let text = String(hash64(Array(parts.joined(separator: "\u{0}").utf8)), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
