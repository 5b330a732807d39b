import CDScanKit
import Foundation
import GRDB

/// How a stored scan came about.
public enum ScanKind: String, Sendable, Codable {
    /// A scan of the repository's HEAD by `cdscan batch`.
    case batch
    /// A past point of the repository's first-parent history, by `cdscan history`.
    case history
}

/// What a scan was asked for, beyond the commit: with the commit and the tool version, the key that tells
/// whether a repository needs scanning again.
public struct ScanSetup: Sendable, Hashable, Codable {
    /// The `--as-of` instant as ISO-8601, or "" for the default (the commit's own time).
    public var asOfOption: String
    /// The digest of the rules in force before the repository's own packs (built-in plus `--rules`).
    public var rulesDigest: String

    public init(asOfOption: String, rulesDigest: String) {
        self.asOfOption = asOfOption
        self.rulesDigest = rulesDigest
    }
}

/// One row of the store: the record, how it came about, and when (wall clock; the report itself has none).
public struct StoredScan: Sendable, Equatable {
    public let id: Int64
    public let record: ScanRecord
    public let kind: ScanKind
    public let setup: ScanSetup?
    /// When the scan finished, ISO-8601 in UTC.
    public let scannedAt: String
}

/// Why the store could not be used: one line.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The batch store: one SQLite database file holding every scan, one row each (`scan`), with every
/// characteristic's outcome in a child table (`outcome`). Safe to use from several threads at once: GRDB's
/// queue serialises the writes, and each finished scan is written whole in one transaction (a batch
/// puts the scans that finished together in the same one: `insert(_:)` of `PendingScan`s).
public final class ScanStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating it when missing) the database at `path`, and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // Write-ahead log, synced at checkpoints only: a commit costs no fsync (with the default rollback
            // journal, three fsyncs per finished repository left the cores idle), and a killed process still
            // loses no committed scan. `close()` folds the log back into the file.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            }
            // Switching a new file to WAL takes an exclusive lock, and SQLite may answer "busy" at once
            // there instead of waiting: several workers creating the same store retry for a while.
            var attempt = 0
            while true {
                do {
                    let opened = try DatabaseQueue(path: path, configuration: configuration)
                    try Self.createSchema(opened)
                    queue = opened
                    break
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 100 {
                    attempt += 1
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        } catch {
            throw StoreError("\(path): cannot open the store: \(Self.message(error))")
        }
    }

    /// Opens an existing store for reading only (reports, merge inputs): it is never written, so a store on
    /// a read-only file, directory or mount can be read. When SQLite cannot even keep its shared-memory
    /// index beside the file (a read-only directory), the file is opened as immutable: read as it is.
    public static func openForReading(path: String) throws(StoreError) -> ScanStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path): no such database") }
        do {
            return try ScanStore(reading: path, as: path)
        } catch {
            let immutable = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
            if let store = try? ScanStore(reading: immutable, as: path) { return store }
            throw error
        }
    }

    private init(reading location: String, as path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: location, configuration: configuration)
            let isStore = try queue.read { db in try db.tableExists("scan") && db.tableExists("outcome") }
            guard isStore else { throw StoreError("\(path): not a cdscan store") }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot open the store: \(Self.message(error))")
        }
    }

    /// Brings the schema up to date. Two processes creating the same new store at once both see no schema
    /// and both try to create it; the second one's transaction waits for the first's and then fails on the
    /// tables the first made. Its second attempt finds the schema recorded and has nothing to do.
    private static func createSchema(_ queue: DatabaseQueue) throws {
        do {
            try migrator.migrate(queue)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR || error.resultCode == .SQLITE_BUSY
                                                 || error.resultCode == .SQLITE_CONSTRAINT {
            try migrator.migrate(queue)
        }
    }

    /// Folds the write-ahead log into the database file and closes it, so the file alone holds every
    /// scan (for a CI artefact, say). The store cannot be used afterwards.
    public func close() throws(StoreError) {
        do {
            do {
                _ = try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                // Another process (a second batch on the same store) is using it: the log is folded in by
                // whoever closes last; every committed scan is safe in the log meanwhile.
            }
            try queue.close()
        } catch {
            throw StoreError("\(path): cannot close the store: \(Self.message(error))")
        }
    }

    /// Opens an existing database only, for reading and writing: a missing file is an error, not a new store.
    /// (Reports and merge inputs use `openForReading`.)
    public static func openExisting(path: String) throws(StoreError) -> ScanStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path): no such database") }
        return try ScanStore(path: path)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE scan (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    repository TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    error TEXT,
                    commit_id TEXT,
                    as_of TEXT,
                    as_of_option TEXT,
                    tool_version TEXT NOT NULL,
                    rules_digest TEXT,
                    setup_digest TEXT,
                    level INTEGER,
                    people INTEGER,
                    process INTEGER,
                    tech INTEGER,
                    coverage REAL,
                    confidence REAL,
                    metrics TEXT NOT NULL,
                    report TEXT,
                    scanned_at TEXT NOT NULL
                );
                CREATE INDEX scan_by_repository ON scan(repository, id);
                CREATE TABLE outcome (
                    scan_id INTEGER NOT NULL REFERENCES scan(id) ON DELETE CASCADE,
                    characteristic TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    source TEXT NOT NULL,
                    practiced INTEGER NOT NULL,
                    PRIMARY KEY (scan_id, characteristic)
                );
                CREATE INDEX outcome_by_characteristic ON outcome(characteristic, outcome);
                """)
        }
        return migrator
    }

    // MARK: Writing

    /// Writes one scan (its row and its outcomes) in one transaction and returns its id.
    @discardableResult
    public func insert(_ record: ScanRecord, kind: ScanKind = .batch, setup: ScanSetup?,
                       scannedAt: String = ScanStore.now()) throws(StoreError) -> Int64 {
        do {
            return try insert(try EncodedRecord(record), kind: kind, setup: setup, scannedAt: scannedAt)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot write the scan of \(record.repository): \(Self.message(error))")
        }
    }

    /// Writes one scan whose report was encoded elsewhere by `encodedReport` (a worker process): `record`
    /// without its report (see `ScanRecord.withoutReport()`), and the report's JSON as it is to be stored.
    @discardableResult
    public func insert(_ record: ScanRecord, reportJSON: String, kind: ScanKind = .batch, setup: ScanSetup?,
                       scannedAt: String = ScanStore.now()) throws(StoreError) -> Int64 {
        do {
            return try insert(try EncodedRecord(record, reportJSON: reportJSON), kind: kind, setup: setup, scannedAt: scannedAt)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot write the scan of \(record.repository): \(Self.message(error))")
        }
    }

    func insert(_ encoded: EncodedRecord, kind: ScanKind, setup: ScanSetup?, scannedAt: String) throws(StoreError) -> Int64 {
        do {
            return try queue.write { db in try Self.insert(encoded, kind: kind, setup: setup, scannedAt: scannedAt, db) }
        } catch {
            throw StoreError("\(path): cannot write the scan of \(encoded.record.repository): \(Self.message(error))")
        }
    }

    /// A report as the store keeps it (sorted keys, so the same scan gives the same bytes).
    public static func encodedReport(_ report: ReportDocument) throws -> String {
        String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static let encoder = SortedJSONEncoder(pretty: false)

    /// A record's JSON columns, encoded before the write lock is taken (the report is the costly part).
    struct EncodedRecord {
        let record: ScanRecord
        let metrics: String
        let report: String?

        init(_ record: ScanRecord) throws {
            self.record = record
            metrics = String(decoding: try ScanStore.encoder.encode(record.metrics), as: UTF8.self)
            report = try record.report.map(ScanStore.encodedReport)
        }

        init(_ record: ScanRecord, reportJSON: String) throws {
            self.record = record
            metrics = String(decoding: try ScanStore.encoder.encode(record.metrics), as: UTF8.self)
            report = reportJSON
        }
    }

    static func insert(_ encoded: EncodedRecord, kind: ScanKind, setup: ScanSetup?, scannedAt: String,
                       _ db: Database) throws -> Int64 {
        let record = encoded.record
        let metrics = encoded.metrics
        let report = encoded.report
        let values: [(any DatabaseValueConvertible)?] = [
            record.repository, record.name, kind.rawValue, record.status.rawValue, record.error, record.commit,
            record.asOf, setup?.asOfOption, record.toolVersion, record.rulesDigest, setup?.rulesDigest,
            record.level, record.people, record.process, record.tech, record.coverage, record.confidence,
            metrics, report, scannedAt,
        ]
        // Statements prepared once per connection: a batch writes hundreds of scans of 42 outcomes each.
        try db.cachedStatement(sql: """
            INSERT INTO scan (repository, name, kind, status, error, commit_id, as_of, as_of_option, tool_version,
                              rules_digest, setup_digest, level, people, process, tech, coverage, confidence,
                              metrics, report, scanned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: StatementArguments(values))
        let id = db.lastInsertedRowID
        let outcome = try db.cachedStatement(
            sql: "INSERT INTO outcome (scan_id, characteristic, outcome, source, practiced) VALUES (?, ?, ?, ?, ?)")
        for (characteristic, result) in record.outcomes.sorted(by: { $0.key < $1.key }) {
            try outcome.execute(arguments: [id, characteristic, result.outcome, result.source, result.practiced])
        }
        return id
    }

    /// The wall-clock time as the store writes it.
    public static func now() -> String {
        Timestamp.iso8601(Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    // MARK: Reading

    /// The setup and commit of the repository's newest successful batch scan, if any.
    public func lastSuccessfulScan(of repository: String) throws(StoreError) -> (commit: String, toolVersion: String, setup: ScanSetup?)? {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT commit_id, tool_version, as_of_option, setup_digest FROM scan
                WHERE repository = ? AND kind = 'batch' AND status = 'scanned'
                ORDER BY scanned_at DESC, id DESC LIMIT 1
                """), arguments: [repository]) else { return nil }
            let commit: String? = row["commit_id"]
            guard let commit else { return nil }
            return (commit, row["tool_version"], Self.setup(row))
        }
    }

    /// Whether a successful scan of this commit with this setup and tool version is stored (any kind).
    public func hasScan(of repository: String, commit: String, toolVersion: String, setup: ScanSetup) throws(StoreError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM scan WHERE repository = ? AND commit_id = ? AND tool_version = ?
                               AND as_of_option = ? AND setup_digest = ? AND status = 'scanned')
                """, arguments: [repository, commit, toolVersion, setup.asOfOption, setup.rulesDigest]) ?? false
        }
    }

    /// Every stored scan, oldest first: by the time the scan speaks for (its as-of; the scan time for a
    /// failure), then by the order of writing.
    public func all() throws(StoreError) -> [StoredScan] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scan ORDER BY COALESCE(as_of, scanned_at), id")
                .map { try Self.stored($0) }
        }
    }

    /// Every stored scan of one repository, oldest first (as `all()`).
    public func scans(of repository: String) throws(StoreError) -> [StoredScan] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scan WHERE repository = ? ORDER BY COALESCE(as_of, scanned_at), id",
                             arguments: [repository])
                .map { try Self.stored($0) }
        }
    }

    /// The newest record of every repository, sorted by repository: its last batch scan by scan time (a
    /// failure included; merged stores keep their scan times), or, for a repository only `cdscan history`
    /// has seen, its newest history point.
    public func latest() throws(StoreError) -> [StoredScan] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM scan AS s WHERE s.id = (
                    SELECT t.id FROM scan AS t WHERE t.repository = s.repository
                    ORDER BY (t.kind = 'batch') DESC,
                             CASE WHEN t.kind = 'batch' THEN t.scanned_at ELSE '' END DESC,
                             COALESCE(t.as_of, t.scanned_at) DESC, t.id DESC
                    LIMIT 1)
                ORDER BY s.repository
                """).map { try Self.stored($0) }
        }
    }

    /// The number of rows per status and kind (for summaries and tests).
    public func count(status: ScanRecord.Status? = nil, kind: ScanKind? = nil) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM scan WHERE (? IS NULL OR status = ?) AND (? IS NULL OR kind = ?)
                """, arguments: [status?.rawValue, status?.rawValue, kind?.rawValue, kind?.rawValue]) ?? 0
        }
    }

    // MARK: Merging

    /// Copies every scan of `other` that this store does not hold yet (same repository, kind, status, commit,
    /// as-of, setup, tool version and scan time), oldest scan time first, in one transaction. Returns how
    /// many rows were added.
    @discardableResult
    public func merge(from other: ScanStore) throws(StoreError) -> Int {
        let incoming = try other.all().sorted { ($0.scannedAt, $0.id) < ($1.scannedAt, $1.id) }
        do {
            return try queue.write { db in
                var added = 0
                for scan in incoming {
                    let record = scan.record
                    let exists = try Bool.fetchOne(db, sql: """
                        SELECT EXISTS (SELECT 1 FROM scan WHERE repository = ? AND kind = ? AND status = ?
                            AND commit_id IS ? AND as_of IS ? AND as_of_option IS ? AND setup_digest IS ?
                            AND tool_version = ? AND scanned_at = ? AND error IS ?)
                        """, arguments: [record.repository, scan.kind.rawValue, record.status.rawValue, record.commit,
                                         record.asOf, scan.setup?.asOfOption, scan.setup?.rulesDigest,
                                         record.toolVersion, scan.scannedAt, record.error]) ?? false
                    if exists { continue }
                    _ = try Self.insert(try EncodedRecord(record), kind: scan.kind, setup: scan.setup,
                                        scannedAt: scan.scannedAt, db)
                    added += 1
                }
                return added
            }
        } catch {
            throw StoreError("\(path): cannot merge \(other.path): \(Self.message(error))")
        }
    }

    // MARK: Rows to values

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot read the store: \(Self.message(error))")
        }
    }

    static func setup(_ row: Row) -> ScanSetup? {
        let option: String? = row["as_of_option"]
        let digest: String? = row["setup_digest"]
        guard let option, let digest else { return nil }
        return ScanSetup(asOfOption: option, rulesDigest: digest)
    }

    private static func stored(_ row: Row) throws -> StoredScan {
        let repository: String = row["repository"]
        let name: String = row["name"]
        let status: String = row["status"]
        let toolVersion: String = row["tool_version"]
        let record: ScanRecord
        if status == ScanRecord.Status.scanned.rawValue, let json: String = row["report"] {
            let report: ReportDocument
            do {
                report = try JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8))
            } catch {
                throw StoreError("the stored report of \(repository) (row \(row["id"] as Int64)) cannot be read: \(error)")
            }
            record = ScanRecord(repository: repository, name: name, report: report)
        } else {
            record = ScanRecord(repository: repository, name: name, failure: row["error"] ?? "failed",
                                toolVersion: toolVersion, commit: row["commit_id"])
        }
        let kind = ScanKind(rawValue: row["kind"]) ?? .batch
        return StoredScan(id: row["id"], record: record, kind: kind, setup: setup(row), scannedAt: row["scanned_at"])
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        if let error = error as? StoreError { return error.description }
        return "\(error)"
    }
}
