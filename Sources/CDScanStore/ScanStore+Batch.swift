import GRDB

/// A finished scan on its way to the store: what `ScanStore.insert(_:)` writes with others in one
/// transaction.
public struct PendingScan: Sendable {
    /// A failure, or a scan without its report (`ScanRecord.withoutReport()`) when `reportJSON` is given.
    public let record: ScanRecord
    /// The report as the store keeps it (see `ScanStore.encodedReport`), encoded by a worker.
    public let reportJSON: String?
    public let kind: ScanKind
    public let setup: ScanSetup?
    /// When the scan finished (not when it is written).
    public let scannedAt: String

    public init(_ record: ScanRecord, reportJSON: String? = nil, kind: ScanKind = .batch, setup: ScanSetup?,
                scannedAt: String = ScanStore.now()) {
        self.record = record
        self.reportJSON = reportJSON
        self.kind = kind
        self.setup = setup
        self.scannedAt = scannedAt
    }
}

/// The newest successful batch scan of a repository: what the incremental check compares HEAD with.
public struct LastGoodScan: Sendable, Equatable {
    public let commit: String
    public let toolVersion: String
    public let setup: ScanSetup?
}

extension ScanStore {
    /// Writes several scans, each whole (its row and its outcomes), in one transaction, in order, and
    /// returns their ids. A batch groups the scans that finished close together: one commit writes the
    /// pages they share (the outcome index's leaves, the table's last pages) once instead of once per
    /// scan. Nothing is written when any of them cannot be.
    @discardableResult
    public func insert(_ scans: [PendingScan]) throws(StoreError) -> [Int64] {
        guard !scans.isEmpty else { return [] }
        let encoded: [EncodedRecord]
        do {
            encoded = try scans.map { scan in
                try scan.reportJSON.map { try EncodedRecord(scan.record, reportJSON: $0) } ?? EncodedRecord(scan.record)
            }
        } catch {
            throw StoreError("\(path): cannot write the scan of \(scans[0].record.repository): \(Self.message(error))")
        }
        do {
            return try queue.write { db in
                try zip(scans, encoded).map { scan, record in
                    try Self.insert(record, kind: scan.kind, setup: scan.setup, scannedAt: scan.scannedAt, db)
                }
            }
        } catch {
            let names = scans.count == 1 ? "the scan of \(scans[0].record.repository)" : "the scans of \(scans.count) repositories"
            throw StoreError("\(path): cannot write \(names): \(Self.message(error))")
        }
    }

    /// `lastSuccessfulScan(of:)` of every repository in the store, read in one pass (a batch asks it of
    /// every repository it scans; one query a repository cost more than the rest of its bookkeeping).
    public func lastSuccessfulScans() throws(StoreError) -> [String: LastGoodScan] {
        try read { db in
            var newest: [String: (scannedAt: String, id: Int64, last: LastGoodScan?)] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT repository, id, scanned_at, commit_id, tool_version, as_of_option, setup_digest FROM scan
                WHERE kind = 'batch' AND status = 'scanned'
                """)
            while let row = try rows.next() {
                let repository: String = row["repository"]
                let scannedAt: String = row["scanned_at"]
                let id: Int64 = row["id"]
                // The same order as `lastSuccessfulScan(of:)`: the newest scan time, then the newest row.
                if let known = newest[repository], (known.scannedAt, known.id) > (scannedAt, id) { continue }
                let commit: String? = row["commit_id"]
                newest[repository] = (scannedAt, id, commit.map { LastGoodScan(commit: $0, toolVersion: row["tool_version"], setup: Self.setup(row)) })
            }
            return newest.compactMapValues(\.last)
        }
    }
}
