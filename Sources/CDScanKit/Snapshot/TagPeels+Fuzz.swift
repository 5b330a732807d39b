import GitAccess

extension FuzzEntryPoints {
    /// A history cache's `tags` payload, its frame left out (the checksum would refuse every mutation
    /// before the reader saw it): read, written again and read back the same.
    public static func tagPeels(_ bytes: [UInt8]) {
        guard let peels = try? TagPeels(payload: bytes[...], checkingVersion: false) else { return }
        let file = peels.archived().flatMap { $0 }
        guard let again = try? TagPeels(archived: file) else {
            preconditionFailure("tag peels written from a readable file do not read back")
        }
        precondition(again.all == peels.all)
    }
}
