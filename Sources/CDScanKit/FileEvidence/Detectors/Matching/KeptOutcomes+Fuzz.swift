extension FuzzEntryPoints {
    /// A cache's `outcomes` payload, its frame left out (the checksum would refuse every mutation before
    /// the reader saw it): read whatever its key, then written again and read back, as a rescan takes
    /// what it read and the next scan reads what it wrote.
    public static func fileOutcomes(_ bytes: [UInt8]) {
        guard let kept = try? KeptOutcomes(payload: bytes[...]) else { return }
        let again = kept.archived()
        guard let read = try? KeptOutcomes(archived: again[0] + again[1]) else {
            preconditionFailure("outcomes written from a readable file do not read back")
        }
        precondition(read.outcomes.count == kept.outcomes.count && read.key == kept.key)
    }
}
