import CDScanKit
import CDScanStore

/// The stored records of a history run's points, read back from the store: what `cdscan history` prints
/// its trend from, whether a point was scanned now or was already stored.
public enum HistoryReadBack {
    /// For each point, the newest successful stored scan of its commit made as `HistoryRunner` makes it (as
    /// of the commit's time, with this setup digest and tool version), any kind; points without one (they
    /// failed) are left out. Oldest boundary first.
    public static func records(of path: String, points: [HistoryPoint], store: ScanStore, toolVersion: String,
                               setupDigest: String) throws(StoreError) -> [(boundary: Int64, record: ScanRecord)] {
        let key = RepositoryDiscovery.target(path: path).key
        let stored = try store.scans(of: key)
        var newest: [String: ScanRecord] = [:]
        for scan in stored where scan.record.status == .scanned && scan.record.toolVersion == toolVersion
            && scan.setup?.rulesDigest == setupDigest {
            guard let commit = scan.record.commit else { continue }
            // `scans(of:)` is oldest first, so the last match wins.
            newest["\(commit) \(scan.setup?.asOfOption ?? "")"] = scan.record
        }
        return points.compactMap { point in
            newest["\(point.commit) \(Timestamp.iso8601(point.commitTime))"].map { (point.boundary, $0) }
        }.sorted { $0.boundary < $1.boundary }
    }
}
