/// A version-2 pack index (`objects/pack/pack-*.idx`), read in place from its mapping: a fan-out table
/// of 256 counts, the sorted object ids, their CRCs, their 4-byte pack offsets and, for packs over
/// 2 GiB, a table of 8-byte offsets. Version 1 and anything that does not add up is refused (the object
/// database then leaves that pack to libgit2).
struct PackIndex {
    private static let headerSize = 8
    private static let fanOutSize = 256 * 4
    private static let trailerSize = 40

    let file: MappedFile
    /// How many objects the index lists.
    let count: Int
    private let namesStart: Int
    private let offsetsStart: Int
    private let largeOffsetsStart: Int
    private let largeOffsetCount: Int

    init?(_ file: MappedFile) {
        let bytes = file.bytes
        guard bytes.count >= Self.headerSize + Self.fanOutSize + Self.trailerSize,
              bytes.loadBigEndianUInt32(at: 0) == 0xFF74_4F63, bytes.loadBigEndianUInt32(at: 4) == 2 else { return nil }
        // The fan-out must not decrease; its last entry is the object count.
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let value = bytes.loadBigEndianUInt32(at: Self.headerSize + slot * 4)
            guard value >= previous else { return nil }
            previous = value
        }
        let count = Int(previous)
        namesStart = Self.headerSize + Self.fanOutSize
        offsetsStart = namesStart + count * 24  // 20-byte ids, then 4-byte CRCs
        largeOffsetsStart = offsetsStart + count * 4
        let fixed = largeOffsetsStart + Self.trailerSize
        guard bytes.count >= fixed, (bytes.count - fixed) % 8 == 0 else { return nil }
        largeOffsetCount = (bytes.count - fixed) / 8
        self.count = count
        self.file = file
    }

    /// Where `id`'s entry starts in the pack; nil when the index does not list it.
    func offset(of id: ObjectID) -> Int? {
        let bytes = file.bytes
        let first = Int(id.firstByte)
        var low = first == 0 ? 0 : Int(bytes.loadBigEndianUInt32(at: Self.headerSize + (first - 1) * 4))
        var high = Int(bytes.loadBigEndianUInt32(at: Self.headerSize + first * 4))
        let key = (id.high.bigEndian, id.middle.bigEndian, id.low.bigEndian)
        while low < high {
            let middle = (low + high) / 2
            let at = namesStart + middle * 20
            let candidate = (bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).bigEndian,
                             bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self).bigEndian,
                             bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self).bigEndian)
            if candidate == key { return packOffset(at: middle) }
            if candidate < key { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The id listed at `position` (below `count`).
    func id(at position: Int) -> ObjectID {
        ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: file.bytes[(namesStart + position * 20)...]))
    }

    private func packOffset(at position: Int) -> Int? {
        let value = file.bytes.loadBigEndianUInt32(at: offsetsStart + position * 4)
        guard value & 0x8000_0000 != 0 else { return Int(value) }
        let large = Int(value & 0x7FFF_FFFF)
        guard large < largeOffsetCount else { return nil }
        let at = largeOffsetsStart + large * 8
        let offset = UInt64(file.bytes.loadBigEndianUInt32(at: at)) << 32 | UInt64(file.bytes.loadBigEndianUInt32(at: at + 4))
        return offset < UInt64(Int.max) ? Int(offset) : nil
    }
}

extension UnsafeRawBufferPointer {
    /// A big-endian 32-bit number at `offset` (which the caller has bounds-checked).
    func loadBigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
