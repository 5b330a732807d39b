/// One pack (`pack-*.pack`) mapped whole, with its index: where each entry starts, and the entry headers
/// read in place. A pack whose header, version or object count does not match its index is refused.
struct PackFile {
    /// The kinds of pack entries: the four object types, and the two ways of storing a delta.
    enum EntryKind {
        case object(ObjectType)
        case offsetDelta(base: Int)
        case referenceDelta(base: ObjectID)
    }

    /// An entry's kind, its inflated size, and where its zlib stream starts.
    struct Entry {
        let kind: EntryKind
        let size: Int
        let dataStart: Int
    }

    let index: PackIndex
    let file: MappedFile
    /// Where entries end: the 20-byte checksum follows.
    let dataEnd: Int

    init?(pack: MappedFile, index: PackIndex) {
        let bytes = pack.bytes
        guard bytes.count >= 32, bytes.loadBigEndianUInt32(at: 0) == 0x5041_434B,  // "PACK"
              [2, 3].contains(bytes.loadBigEndianUInt32(at: 4)),
              Int(bytes.loadBigEndianUInt32(at: 8)) == index.count else { return nil }
        self.file = pack
        self.index = index
        self.dataEnd = bytes.count - 20
    }

    /// The entry starting at `offset`; nil when its header is malformed or leaves the pack.
    func entry(at offset: Int) -> Entry? {
        let bytes = file.bytes
        guard offset >= 12, offset < dataEnd else { return nil }
        var position = offset
        var byte = bytes[position]
        position += 1
        let type = (byte >> 4) & 7
        var size = Int(byte & 0x0F)
        var shift = 4
        while byte & 0x80 != 0 {
            guard position < dataEnd, shift <= 56 else { return nil }
            byte = bytes[position]
            position += 1
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        let kind: EntryKind
        switch type {
        case 1: kind = .object(.commit)
        case 2: kind = .object(.tree)
        case 3: kind = .object(.blob)
        case 4: kind = .object(.tag)
        case 6:
            // The distance back to the base, in git's base-128 encoding with an offset per extra byte.
            guard position < dataEnd else { return nil }
            byte = bytes[position]
            position += 1
            var distance = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard position < dataEnd, distance < (1 << 48) else { return nil }
                byte = bytes[position]
                position += 1
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            guard distance > 0, distance <= offset - 12 else { return nil }
            kind = .offsetDelta(base: offset - distance)
        case 7:
            guard dataEnd - position >= 20 else { return nil }
            kind = .referenceDelta(base: ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: bytes[position..<position + 20])))
            position += 20
        default:
            return nil
        }
        guard position < dataEnd else { return nil }
        return Entry(kind: kind, size: size, dataStart: position)
    }
}
