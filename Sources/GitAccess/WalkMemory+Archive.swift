import CZlib

/// Why saved walk memory could not be read back.
public struct WalkMemoryArchiveError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// WalkMemory as bytes: a segment holds some entries and the prefixes their paths were computed under.
/// Segments are read oldest first; a later segment's fields replace an earlier one's, and the newest
/// segment's prefixes are the memory's (older paths under other prefixes are dropped).
///
/// Layout (little-endian): "CDSWALK" + format byte, uncompressed size (u64), then zlib data of:
/// prefix lists (u32 count, strings), the annotation key (a string), entry count (u32), and per entry
/// the 20-byte id, a flags byte (1 object, 2 full paths, 4 tracked paths, 8 the object is a skeleton,
/// 16 annotation) and the fields it flags. Strings and byte fields are u32 length + bytes.
extension WalkMemory {
    /// Bump when the commit parser, the tree diff or this layout change what a saved fact means.
    public static let format: UInt8 = 1
    private static let magic = Array("CDSWALK".utf8)

    /// The entries this walk added to, or every entry (a compacted segment), sorted by id.
    public func segment(everything: Bool) -> [UInt8] {
        var out = ByteWriter()
        out.strings(fullPrefixes)
        out.strings(trackedPrefixes)
        out.strings([annotationKey])
        let ids = (everything ? Array(entries.keys) : Array(learnt)).filter { entries[$0] != nil }.sorted()
        out.u32(ids.count)
        for id in ids {
            let entry = entries[id]!
            out.id(id)
            var flags: UInt8 = 0
            if entry.object != nil { flags |= 1 }
            if entry.fullPaths != nil { flags |= 2 }
            if entry.trackedPaths != nil { flags |= 4 }
            if entry.isSkeleton { flags |= 8 }
            if entry.annotation != nil { flags |= 16 }
            out.bytes.append(flags)
            if let range = entry.object {
                out.u32(range.count)
                out.bytes.append(contentsOf: arena[range])
            }
            if let paths = entry.fullPaths { out.strings(paths) }
            if let paths = entry.trackedPaths { out.strings(paths) }
            if let annotation = entry.annotation {
                out.u32(annotation.count)
                out.bytes.append(contentsOf: annotation)
            }
        }
        return Self.magic + [Self.format] + Self.deflated(out.bytes)
    }

    /// Memory rebuilt from saved segments, oldest first.
    public static func read(segments: [[UInt8]]) throws(WalkMemoryArchiveError) -> WalkMemory {
        let memory = WalkMemory()
        for (position, segment) in segments.enumerated() {
            guard segment.count > magic.count + 9, Array(segment.prefix(magic.count)) == magic else {
                throw WalkMemoryArchiveError(description: "segment \(position + 1) is not a cdscan history cache segment")
            }
            guard segment[magic.count] == format else {
                throw WalkMemoryArchiveError(description: "segment \(position + 1) has format \(segment[magic.count]), not \(format)")
            }
            let payload = try inflated(Array(segment.dropFirst(magic.count + 1)))
            var reader = ByteReader(bytes: payload)
            do throws(WalkMemoryArchiveError) {
                try memory.merge(&reader)
            } catch {
                throw WalkMemoryArchiveError(description: "segment \(position + 1): \(error.description)")
            }
        }
        return memory
    }

    private func merge(_ reader: inout ByteReader) throws(WalkMemoryArchiveError) {
        let full = try reader.strings()
        let tracked = try reader.strings()
        guard let key = try reader.strings().first else { throw WalkMemoryArchiveError(description: "no annotation key") }
        if key != annotationKey {
            for id in Array(entries.keys) { entries[id]?.annotation = nil }
            annotationKey = key
        }
        if full != fullPrefixes {
            for id in Array(entries.keys) { entries[id]?.fullPaths = nil }
            fullPrefixes = full
        }
        if tracked != trackedPrefixes {
            for id in Array(entries.keys) { entries[id]?.trackedPaths = nil }
            trackedPrefixes = tracked
        }
        let count = try reader.u32()
        for _ in 0..<count {
            let id = try reader.id()
            let flags = try reader.byte()
            var entry = entries[id] ?? Entry()
            if flags & 1 != 0 {
                let length = try reader.u32()
                let bytes = try reader.take(length)
                let start = arena.count
                arena.append(contentsOf: bytes)
                entry.object = start..<arena.count
                entry.isSkeleton = flags & 8 != 0
            }
            if flags & 2 != 0 { entry.fullPaths = try reader.strings() }
            if flags & 4 != 0 { entry.trackedPaths = try reader.strings() }
            if flags & 16 != 0 { entry.annotation = Array(try reader.take(try reader.u32())) }
            guard entry.annotation == nil || entry.object != nil else {
                throw WalkMemoryArchiveError(description: "commit \(id.hex) has an annotation but no object")
            }
            entries[id] = entry
        }
        guard reader.isAtEnd else { throw WalkMemoryArchiveError(description: "bytes left after the last entry") }
    }

    // zlib's fastest level: the cache is read on every scan and written on most, and level 1 already
    // shrinks commit messages and paths about fourfold.
    private static func deflated(_ bytes: [UInt8]) -> [UInt8] {
        var size = UInt64(bytes.count)
        var out = withUnsafeBytes(of: &size) { Array($0) }
        var capacity = compressBound(uLong(bytes.count))
        var compressed = [UInt8](repeating: 0, count: Int(capacity))
        let code = compress2(&compressed, &capacity, bytes, uLong(bytes.count), 1)
        precondition(code == Z_OK, "zlib compress2 failed with \(code) on an in-memory buffer")
        out.append(contentsOf: compressed.prefix(Int(capacity)))
        return out
    }

    private static func inflated(_ bytes: [UInt8]) throws(WalkMemoryArchiveError) -> [UInt8] {
        guard bytes.count >= 8 else { throw WalkMemoryArchiveError(description: "truncated header") }
        let size = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self) }
        // A damaged size must not make us allocate terabytes: zlib expands at most about 1032:1.
        guard size <= UInt64(bytes.count) * 1032 + 64, size < 1 << 34 else {
            throw WalkMemoryArchiveError(description: "implausible uncompressed size \(size)")
        }
        var out = [UInt8](repeating: 0, count: Int(size))
        var length = uLong(size)
        let body = Array(bytes.dropFirst(8))
        let code = uncompress(&out, &length, body, uLong(body.count))
        guard code == Z_OK, length == uLong(size) else {
            throw WalkMemoryArchiveError(description: "compressed data is damaged (zlib \(code))")
        }
        return out
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u32(_ value: Int) {
        var little = UInt32(value).littleEndian
        withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
    }

    mutating func id(_ id: ObjectID) {
        var oid = id.gitOID
        withUnsafeBytes(of: &oid.id) { bytes.append(contentsOf: $0) }
    }

    mutating func strings(_ list: [String]) {
        u32(list.count)
        for string in list {
            let utf8 = Array(string.utf8)
            u32(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) throws(WalkMemoryArchiveError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw WalkMemoryArchiveError(description: "truncated at byte \(offset)")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func byte() throws(WalkMemoryArchiveError) -> UInt8 {
        try take(1).first!
    }

    mutating func u32() throws(WalkMemoryArchiveError) -> Int {
        let slice = try take(4)
        return slice.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    mutating func id() throws(WalkMemoryArchiveError) -> ObjectID {
        let slice = try take(20)
        return slice.withUnsafeBytes { ObjectID(rawBytes: $0) }
    }

    mutating func strings() throws(WalkMemoryArchiveError) -> [String] {
        let count = try u32()
        // Each string costs at least its 4-byte length: a count beyond that is damage, not data.
        guard count <= (bytes.count - offset) / 4 else { throw WalkMemoryArchiveError(description: "implausible list length \(count)") }
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            let length = try u32()
            list.append(String(decoding: try take(length), as: UTF8.self))
        }
        return list
    }
}
