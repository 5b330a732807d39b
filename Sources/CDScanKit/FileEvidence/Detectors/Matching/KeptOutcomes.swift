import GitAccess

/// The file detectors' outcomes of one tree, kept in the `--cache` folder (its `outcomes` file) so that
/// the next scan reads and matches only the blobs that are new: an outcome depends on the path, the blob,
/// the catalogues and the file size cap alone (`FileOutcome`), and the key names all but the first two.
/// Beside them, what the catalogue's path tests said of each path of the tree (`PathVerdict`): it
/// depends on the path and the catalogue alone, and costs a glob match per path and entry.
///
/// The file: `ArchiveFrame` ("CDSOUT", `format`, length, CRC-32), then the cdscan version, the catalogue
/// digest (20 bytes), the size cap (i64), the string table, the outcome count (u32) and each outcome as
/// its path (a table index), its blob id and the `FileOutcome` fields (`FileOutcome+Archive.swift`), then
/// the verdict count (u32) and the verdicts (`PathVerdict+Archive.swift`).
struct KeptOutcomes: Sendable {
    /// Bump when what an outcome holds or means changes (a detector reads a file differently).
    static let format: UInt8 = 1
    static let magic = "CDSOUT"

    /// What every outcome was made under: another key, and the file is ignored and written anew.
    struct Key: Sendable, Hashable {
        let version: String
        /// `ScanPlan.catalogueDigest`: every catalogue layer in force, built in and from packs.
        let catalogueDigest: ObjectID
        let sizeCap: Int
    }

    struct Kept: Sendable {
        let path: String
        let blob: ObjectID
        let outcome: FileOutcome
    }

    let key: Key
    let outcomes: [Kept]
    let verdicts: [KeptVerdict]

    /// The file's header and payload (written one after the other).
    func archived() -> [[UInt8]] {
        var writer = OutcomeWriter()
        writer.out.u32(outcomes.count)
        for kept in outcomes {
            writer.string(kept.path)
            writer.out.id(kept.blob)
            kept.outcome.write(to: &writer)
        }
        writer.out.u32(verdicts.count)
        for verdict in verdicts { verdict.write(to: &writer) }
        var payload = ByteWriter()
        payload.strings([key.version])
        payload.id(key.catalogueDigest)
        payload.i64(Int64(key.sizeCap))
        payload.strings(writer.table)
        payload.bytes += writer.out.bytes
        return [ArchiveFrame.header(of: payload.bytes, magic: Self.magic, format: Self.format), payload.bytes]
    }

    /// Reads a whole file; its frame must check out (see `init(payload:expecting:)`).
    init(archived file: [UInt8], expecting expected: Key? = nil) throws(WalkMemoryArchiveError) {
        try self.init(payload: try ArchiveFrame.payload(of: file, magic: Self.magic, format: Self.format, kind: "outcomes file"),
                      expecting: expected)
    }

    /// Reads a payload. `expecting`: when the file was made under another key, its outcomes are left
    /// unread (empty) and `key` says what it was made under.
    init(payload: ArraySlice<UInt8>, expecting expected: Key? = nil) throws(WalkMemoryArchiveError) {
        var bytes = ByteReader(bytes: payload)
        let version = try bytes.strings()
        guard version.count == 1 else { throw WalkMemoryArchiveError(description: "\(version.count) version strings") }
        let digest = try bytes.id()
        let sizeCap = try bytes.i64()
        guard sizeCap >= 0 else { throw WalkMemoryArchiveError(description: "size cap \(sizeCap)") }
        key = Key(version: version[0], catalogueDigest: digest, sizeCap: Int(sizeCap))
        if let expected, expected != key {
            outcomes = []
            verdicts = []
            return
        }
        var reader = OutcomeReader(table: try bytes.strings(), bytes: bytes)
        var outcomes: [Kept] = []
        // Each outcome is at least a path index, an id and its empty lists.
        for _ in 0..<(try reader.count(itemSize: 24 + 8 * 4)) {
            let path = try reader.string()
            let blob = try reader.bytes.id()
            outcomes.append(Kept(path: path, blob: blob, outcome: try FileOutcome(from: &reader)))
        }
        var verdicts: [KeptVerdict] = []
        // Each verdict is at least a path index, its flags, ecosystem and entry count.
        for _ in 0..<(try reader.count(itemSize: 10)) { verdicts.append(try KeptVerdict(from: &reader)) }
        guard reader.bytes.isAtEnd else {
            throw WalkMemoryArchiveError(description: "\(reader.bytes.remaining) bytes after the last outcome")
        }
        self.outcomes = outcomes
        self.verdicts = verdicts
    }

    init(key: Key, outcomes: [Kept], verdicts: [KeptVerdict] = []) {
        self.key = key
        self.outcomes = outcomes
        self.verdicts = verdicts
    }
}
