extension FuzzEntryPoints {
    /// A history cache's `tip` payload, its frame left out (the checksum would refuse every mutation
    /// before the reader saw it): read, then what a rescan works out from it — the index by id, how its
    /// walk diffed each commit, the walk order from its first commit, and from its last with the commits
    /// before it taken as a kept walk (`WalkOrder.order(walkedFromFirst:)`).
    public static func cacheTip(_ bytes: [UInt8]) {
        guard let tip = try? ReplayTip(payload: bytes[...], checkingVersion: false), tip.count > 0 else { return }
        let facts = tip.facts()
        _ = tip.scopes(count: tip.count)
        _ = facts.order(from: 0)
        _ = facts.order(from: tip.count - 1, walkedFromFirst: tip.count - 1)
    }
}
