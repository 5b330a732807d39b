import CZlib

/// Little-endian bytes for the caches cdscan writes (`WalkMemory` segments, replay tips): a writer, and a
/// reader that refuses to read past its end (a damaged file is an error, never a crash).
public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func u32(_ value: Int) {
        little(UInt32(value))
    }

    public mutating func u64(_ value: Int) {
        little(UInt64(value))
    }

    public mutating func i64(_ value: Int64) {
        little(value)
    }

    public mutating func i16(_ value: Int16) {
        little(value)
    }

    /// A whole column of integers at once, little-endian.
    @inlinable
    public mutating func column<Value: FixedWidthInteger>(_ values: [Value]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        values.map(\.littleEndian).withUnsafeBytes { bytes.append(contentsOf: $0) }
        #endif
    }

    /// Object ids back to back, 20 bytes each.
    public mutating func ids(_ list: [ObjectID]) {
        bytes.reserveCapacity(bytes.count + list.count * 20)
        for id in list { self.id(id) }
    }

    public mutating func u8(_ value: UInt8) {
        bytes.append(value)
    }

    public mutating func u16(_ value: UInt16) {
        little(value)
    }

    public mutating func i32(_ value: Int32) {
        little(value)
    }

    // Generic, but only called from this module's concrete methods above, so it is specialised for each.
    @inline(__always)
    private mutating func little<Value: FixedWidthInteger>(_ value: Value) {
        var little = value.littleEndian
        withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
    }

    public mutating func id(_ id: ObjectID) {
        var oid = id.gitOID
        withUnsafeBytes(of: &oid.id) { bytes.append(contentsOf: $0) }
    }

    public mutating func strings(_ list: [String]) {
        u32(list.count)
        for string in list {
            let utf8 = Array(string.utf8)
            u32(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func indexes(_ list: [Int]) {
        u32(list.count)
        for index in list { u32(index) }
    }
}

public struct ByteReader {
    let bytes: ArraySlice<UInt8>
    public private(set) var offset: Int

    public init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    public var isAtEnd: Bool { offset == bytes.endIndex }
    public var remaining: Int { bytes.endIndex - offset }

    public mutating func take(_ count: Int) throws(WalkMemoryArchiveError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw WalkMemoryArchiveError(description: "truncated at byte \(offset - bytes.startIndex)")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func byte() throws(WalkMemoryArchiveError) -> UInt8 {
        try take(1).first!
    }

    @inline(__always)
    fileprivate mutating func little<Value: FixedWidthInteger>(_: Value.Type) throws(WalkMemoryArchiveError) -> Value {
        let slice = try take(MemoryLayout<Value>.size)
        return Value(littleEndian: slice.withUnsafeBytes { $0.loadUnaligned(as: Value.self) })
    }

    public mutating func u32() throws(WalkMemoryArchiveError) -> Int { Int(try little(UInt32.self)) }

    public mutating func u64() throws(WalkMemoryArchiveError) -> UInt64 { try little(UInt64.self) }

    public mutating func u16() throws(WalkMemoryArchiveError) -> UInt16 { try little(UInt16.self) }

    /// A column of `count` integers written by `ByteWriter.column`.
    @inlinable
    public mutating func column<Value: FixedWidthInteger>(_: Value.Type, count: Int) throws(WalkMemoryArchiveError) -> [Value] {
        let size = MemoryLayout<Value>.size
        guard count >= 0, count <= remaining / size else {
            throw WalkMemoryArchiveError(description: "a column of \(count) values past the end")
        }
        let slice = try take(count * size)
        let values = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            slice.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
        #if _endian(little)
        return values
        #else
        return values.map { Value(littleEndian: $0) }
        #endif
    }

    /// `count` object ids written by `ByteWriter.ids`.
    public mutating func ids(count: Int) throws(WalkMemoryArchiveError) -> [ObjectID] {
        guard count >= 0, count <= remaining / 20 else { throw WalkMemoryArchiveError(description: "\(count) ids past the end") }
        let slice = try take(count * 20)
        return slice.withUnsafeBytes { raw in
            (0..<count).map { ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: raw[($0 * 20)..<($0 * 20 + 20)])) }
        }
    }

    public mutating func i16() throws(WalkMemoryArchiveError) -> Int16 { try little(Int16.self) }

    public mutating func i32() throws(WalkMemoryArchiveError) -> Int32 { try little(Int32.self) }

    public mutating func i64() throws(WalkMemoryArchiveError) -> Int64 { try little(Int64.self) }

    public mutating func id() throws(WalkMemoryArchiveError) -> ObjectID {
        try take(20).withUnsafeBytes { ObjectID(rawBytes: $0) }
    }


    public mutating func strings() throws(WalkMemoryArchiveError) -> [String] {
        let count = try u32()
        // Each string costs at least its 4-byte length: a count beyond that is damage, not data.
        guard count <= remaining / 4 else { throw WalkMemoryArchiveError(description: "implausible list length \(count)") }
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            let length = try u32()
            list.append(String(decoding: try take(length), as: UTF8.self))
        }
        return list
    }

    /// `strings().first`, read without making the list: a cache keeps tens of thousands of single names
    /// (merged branches) each written as a list of one.
    public mutating func firstOfStrings() throws(WalkMemoryArchiveError) -> String? {
        let count = try u32()
        guard count <= remaining / 4 else { throw WalkMemoryArchiveError(description: "implausible list length \(count)") }
        var first: String?
        for position in 0..<count {
            let length = try u32()
            let bytes = try take(length)
            if position == 0 { first = String(decoding: bytes, as: UTF8.self) }
        }
        return first
    }

    public mutating func indexes(into values: [String]) throws(WalkMemoryArchiveError) -> [String] {
        let count = try u32()
        guard count <= remaining / 4 else { throw WalkMemoryArchiveError(description: "implausible list length \(count)") }
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            let index = try u32()
            guard index < values.count else { throw WalkMemoryArchiveError(description: "path \(index) of \(values.count)") }
            list.append(values[index])
        }
        return list
    }
}

/// The frame every cdscan cache file has: a magic text, a format byte, the payload's length (u64) and
/// CRC-32 (u32), then the payload. A file whose frame does not check out is refused as a whole.
public enum ArchiveFrame {
    /// The frame's header, to be written before `payload` (without copying it behind the header).
    public static func header(of payload: [UInt8], magic: String, format: UInt8) -> [UInt8] {
        var header = ByteWriter()
        header.bytes = Array(magic.utf8) + [format]
        header.u64(payload.count)
        header.u32(Int(checksum(payload[...])))
        return header.bytes
    }

    /// The payload of `file` once its frame checks out; `kind` names the file in the error.
    public static func payload(of file: [UInt8], magic: String, format: UInt8,
                               kind: String = "cache file") throws(WalkMemoryArchiveError) -> ArraySlice<UInt8> {
        let magic = Array(magic.utf8)
        let headerSize = magic.count + 1 + 8 + 4
        guard file.count >= headerSize, Array(file.prefix(magic.count)) == magic else {
            throw WalkMemoryArchiveError(description: "not a cdscan \(kind)")
        }
        guard file[magic.count] == format else {
            throw WalkMemoryArchiveError(description: "format \(file[magic.count]), not \(format)")
        }
        var header = ByteReader(bytes: file[(magic.count + 1)..<headerSize])
        let length = try header.u64()
        let sum = try header.u32()
        guard length == UInt64(file.count - headerSize) else {
            throw WalkMemoryArchiveError(description: "\(file.count - headerSize) bytes where the header says \(length)")
        }
        let payload = file[headerSize...]
        guard checksum(payload) == UInt32(sum) else { throw WalkMemoryArchiveError(description: "checksum mismatch (damaged)") }
        return payload
    }

    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBytes { buffer in
            var sum = crc32(0, nil, 0)
            var offset = 0
            // zlib takes a 32-bit length: checksum large payloads in pieces.
            while offset < buffer.count {
                let piece = min(buffer.count - offset, 1 << 30)
                sum = crc32(sum, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, uInt(piece))
                offset += piece
            }
            return UInt32(truncatingIfNeeded: sum)
        }
    }
}
