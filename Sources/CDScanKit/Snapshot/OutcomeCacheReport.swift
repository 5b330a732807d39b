/// What `--cache` did for the file detectors during one scan (`CachedFileEvidence`), for `--verbose`
/// beside the history cache's notes.
public struct OutcomeCacheReport: Sendable, Hashable {
    /// This tree's outcomes, and how many of them came from the cache (their files were not read).
    public var current = 0
    public var reused = 0
    /// Why the kept outcomes were not used (damage, another version, catalogue or size cap).
    public var refused: String?
    public var bytesWritten = 0
    public var writeError: String?

    public var lines: [String] {
        var lines: [String] = []
        if let refused { lines.append("file outcomes cache was not used: \(refused); the files were read again and their outcomes saved anew") }
        lines.append("file outcomes cache: \(reused) of this tree's \(current) file outcomes reused, \(current - reused) read")
        if let writeError {
            lines.append("file outcomes cache: not saved: \(writeError)")
        } else if bytesWritten > 0 {
            lines.append("file outcomes cache: saved \(bytesWritten) bytes")
        }
        return lines
    }
}
