import GitAccess

/// The cdscan version that opens the payload of the cache files kept per version (`tags`, `trees`): a file
/// written by another version is refused, and made again.
extension ByteWriter {
    mutating func version() {
        strings([CDScanVersion.current])
    }
}

extension ByteReader {
    /// `checking: false` reads a payload another version wrote (the fuzzing harnesses' seeds).
    mutating func expectVersion(checking: Bool) throws(WalkMemoryArchiveError) {
        let version = try strings()
        guard version.count == 1, version[0] == CDScanVersion.current || !checking else {
            throw WalkMemoryArchiveError(description: "written by another cdscan version")
        }
    }
}
