import GitAccess

/// `KnownTrees` as the bytes of the cache's `trees` file, framed by `ArchiveFrame` ("CDTREE", format
/// byte, length, CRC-32). Payload (little-endian): the cdscan version, the tree count, the trees' ids and
/// entry counts, then every entry by column in tree order: names, modes, objects, and sizes (-1 for none).
extension KnownTrees {
    static let format: UInt8 = 1
    private static let magic = "CDTREE"

    func archived() -> [[UInt8]] {
        let trees = current.sorted { $0.key < $1.key }
        let entries = trees.flatMap(\.value)
        var out = ByteWriter()
        out.version()
        out.u32(trees.count)
        out.ids(trees.map(\.key))
        out.column(trees.map { UInt32($0.value.count) })
        out.strings(entries.map(\.name))
        out.column(entries.map(\.mode))
        out.ids(entries.map(\.object))
        out.column(entries.map { Int64($0.size ?? -1) })
        return [ArchiveFrame.header(of: out.bytes, magic: Self.magic, format: Self.format), out.bytes]
    }

    /// Reads the file back; an error when it is not one this cdscan wrote whole (the trees are then read).
    convenience init(archived file: [UInt8]) throws(WalkMemoryArchiveError) {
        try self.init(payload: try ArchiveFrame.payload(of: file, magic: Self.magic, format: Self.format, kind: "tree cache"))
    }

    /// Reads a payload whose frame was checked (or, for the fuzzing harness, that has none): any bytes
    /// give trees or an error.
    convenience init(payload: ArraySlice<UInt8>, checkingVersion: Bool = true) throws(WalkMemoryArchiveError) {
        var reader = ByteReader(bytes: payload)
        try reader.expectVersion(checking: checkingVersion)
        let count = try reader.u32()
        let ids = try reader.ids(count: count)
        let counts = try reader.column(UInt32.self, count: count)
        let names = try reader.strings()
        guard names.count == counts.reduce(0, { $0 + Int($1) }) else {
            throw WalkMemoryArchiveError(description: "\(names.count) entries where the trees count others")
        }
        let modes = try reader.column(UInt32.self, count: names.count)
        let objects = try reader.ids(count: names.count)
        let sizes = try reader.column(Int64.self, count: names.count)
        guard reader.remaining == 0 else { throw WalkMemoryArchiveError(description: "\(reader.remaining) bytes left over") }
        var trees: [ObjectID: [Entry]] = [:]
        trees.reserveCapacity(count)
        var next = 0
        for (id, entryCount) in zip(ids, counts) {
            let range = next..<(next + Int(entryCount))
            next = range.upperBound
            trees[id] = range.map { index in
                Entry(name: names[index], mode: modes[index], object: objects[index],
                      size: sizes[index] < 0 ? nil : Int(clamping: sizes[index]))
            }
        }
        self.init(trees)
    }
}
