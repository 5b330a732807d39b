import GitAccess

extension FuzzEntryPoints {
    /// A history cache's `trees` payload, its frame left out: read, written again and read back the same.
    public static func knownTrees(_ bytes: [UInt8]) {
        guard let trees = try? KnownTrees(payload: bytes[...], checkingVersion: false) else { return }
        let file = trees.archived().flatMap { $0 }
        guard let again = try? KnownTrees(archived: file) else {
            preconditionFailure("known trees written from a readable file do not read back")
        }
        precondition(again.current == trees.current)
    }
}
