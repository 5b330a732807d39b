import CLibGit2
import CZlib

/// Why a loose object's bytes were refused. Each case is a precise, short sentence for messages.
public enum LooseObjectError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The inflated start is not `<type> <decimal size>\0`.
    case malformedHeader(String)
    /// The header names a type a loose object cannot have.
    case unknownType(String)
    /// The header claims more bytes than any object may have.
    case overLimit(claimed: Int, limit: Int)
    /// The stream inflates to more bytes than the header claims.
    case longerThanClaimed(claimed: Int)
    /// The stream ends properly, with fewer bytes than the header claims.
    case shorterThanClaimed(claimed: Int, actual: Int)
    /// The compressed bytes stop before the end of the zlib stream.
    case truncated(inflated: Int)
    /// zlib refused the stream (flipped or foreign bytes).
    case compression(String)
    /// Bytes follow the end of the zlib stream.
    case trailingBytes(Int)
    /// The body does not hash to the object's id.
    case hashMismatch(actual: ObjectID)

    public var description: String {
        switch self {
        case .malformedHeader(let detail): return "malformed header (\(detail))"
        case .unknownType(let type): return "unknown object type '\(type)'"
        case .overLimit(let claimed, let limit): return "header claims \(claimed) bytes, over the \(limit)-byte limit"
        case .longerThanClaimed(let claimed): return "body is longer than the \(claimed) bytes its header claims"
        case .shorterThanClaimed(let claimed, let actual): return "body has \(actual) bytes, its header claims \(claimed)"
        case .truncated(let inflated): return "truncated (the compressed stream stops after \(inflated) bytes)"
        case .compression(let detail): return "not a valid zlib stream (\(detail))"
        case .trailingBytes(let count): return "\(count) stray bytes after the compressed stream"
        case .hashMismatch(let actual): return "contents hash to \(actual.hex), not to the object's id"
        }
    }
}

/// A loose object's type and inflated body, in a buffer this value owns.
public final class DecodedObject {
    public let type: ObjectType
    /// The body: exactly as many bytes as the header claims.
    public let bytes: UnsafeRawBufferPointer
    private let storage: UnsafeMutableRawBufferPointer

    init(type: ObjectType, storage: UnsafeMutableRawBufferPointer, count: Int) {
        self.type = type
        self.storage = storage
        self.bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<count])
    }

    deinit {
        storage.deallocate()
    }

    /// A copy of the body, for tests and fuzzing harnesses.
    public var body: [UInt8] { Array(bytes) }
}

/// Decodes git's loose object format — zlib(`<type> <size>\0<body>`) — with its own bounded inflate, so
/// that no damaged loose object ever reaches libgit2 1.5 (which overruns its buffer when a header claims
/// fewer bytes than the body holds, and never returns on a truncated stream). Pure: bytes in, object or
/// a precise error out; every loop ends after at most a few steps per input or output byte.
public enum LooseObjectDecoder {
    /// Git writes headers of at most a type name, a space, 20 digits and a NUL.
    static let headerLimit = 64

    /// Decodes a whole loose object: the header, a body of exactly the claimed size (at most
    /// `maximumSize` bytes) ending the stream, nothing after it, and — when `expected` is given — a body
    /// that hashes to that id.
    public static func decode(
        _ compressed: UnsafeRawBufferPointer, expected: ObjectID?, maximumSize: Int
    ) throws(LooseObjectError) -> DecodedObject {
        var inflater = try Inflater(compressed)
        defer { inflater.end() }
        let (type, size, leftover) = try readHeader(&inflater, maximumSize: maximumSize)
        // Allocated as claimed (within the limit) but only touched as bytes arrive: a header that lies
        // about a large size costs address space, not memory.
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 8)
        var keep = false
        defer { if !keep { storage.deallocate() } }
        guard leftover.count <= size else { throw .longerThanClaimed(claimed: size) }
        if !leftover.isEmpty {
            UnsafeMutableRawBufferPointer(rebasing: storage[0..<leftover.count]).copyMemory(from: UnsafeRawBufferPointer(leftover))
        }
        var filled = leftover.count
        var ended = inflater.ended
        while filled < size, !ended {
            let step = try inflater.inflate(into: UnsafeMutableRawBufferPointer(rebasing: storage[filled..<size]))
            filled += step.produced
            ended = step.ended
            if !ended && step.produced == 0 && !step.consumed { throw .truncated(inflated: filled) }
        }
        if !ended {
            // The body is complete: the stream must end here, with no byte more.
            var probe: UInt8 = 0
            let step = try withUnsafeMutableBytes(of: &probe) { (scratch) throws(LooseObjectError) in try inflater.inflate(into: scratch) }
            if step.produced > 0 { throw .longerThanClaimed(claimed: size) }
            if !step.ended { throw .truncated(inflated: filled) }
        }
        guard filled == size else { throw .shorterThanClaimed(claimed: size, actual: filled) }
        if inflater.remainingInput > 0 { throw .trailingBytes(inflater.remainingInput) }
        let object = DecodedObject(type: type, storage: storage, count: size)
        keep = true
        if let expected {
            let actual = hash(object.bytes, type: type)
            guard actual == expected else { throw .hashMismatch(actual: actual) }
        }
        return object
    }

    /// Decodes only the header: type and claimed size, inflating no more than the header's bytes.
    /// `.truncated` means the bytes given end inside the header.
    public static func decodeHeader(
        _ compressed: UnsafeRawBufferPointer, maximumSize: Int
    ) throws(LooseObjectError) -> (type: ObjectType, size: Int) {
        var inflater = try Inflater(compressed)
        defer { inflater.end() }
        let header = try readHeader(&inflater, maximumSize: maximumSize)
        return (header.type, header.size)
    }

    /// Inflates up to `headerLimit` bytes and parses the header in them; what follows the NUL is the
    /// body's first bytes (`leftover`, in the inflater's scratch buffer).
    private static func readHeader(
        _ inflater: inout Inflater, maximumSize: Int
    ) throws(LooseObjectError) -> (type: ObjectType, size: Int, leftover: UnsafeBufferPointer<UInt8>) {
        var filled = 0
        var nul: Int?
        let scratch = inflater.headerBuffer
        let raw = UnsafeMutableRawBufferPointer(scratch)
        while nul == nil, filled < headerLimit, !inflater.ended {
            let step = try inflater.inflate(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<headerLimit]))
            if step.produced == 0 && !step.consumed && !step.ended { throw .truncated(inflated: filled) }
            let start = filled
            filled += step.produced
            nul = scratch[start..<filled].firstIndex(of: 0)
        }
        guard let nul else {
            throw filled < headerLimit && inflater.ended
                ? .malformedHeader("no NUL after \(filled) bytes") : filled < headerLimit
                ? .truncated(inflated: filled) : .malformedHeader("no NUL in the first \(headerLimit) bytes")
        }
        let header = UnsafeBufferPointer(rebasing: scratch[0..<nul])
        guard let space = header.firstIndex(of: UInt8(ascii: " ")) else { throw .malformedHeader("no space") }
        let name = String(decoding: header[0..<space], as: UTF8.self)
        let type: ObjectType
        switch name {
        case "commit": type = .commit
        case "tree": type = .tree
        case "blob": type = .blob
        case "tag": type = .tag
        default: throw .unknownType(String(name.prefix(16)))
        }
        let digits = header[(space + 1)...]
        guard let first = digits.first, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw .malformedHeader("size is not a decimal number")
        }
        // Git writes no leading zeros; a size of twenty digits overflows before the limit test.
        guard first != 48 || digits.count == 1 else { throw .malformedHeader("size has leading zeros") }
        guard digits.count <= 18 else { throw .overLimit(claimed: .max, limit: maximumSize) }
        let size = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        guard size <= maximumSize else { throw .overLimit(claimed: size, limit: maximumSize) }
        let leftover = UnsafeBufferPointer(rebasing: scratch[(nul + 1)..<filled])
        return (type, size, leftover)
    }

    /// The id git gives `bytes` as an object of `type` (libgit2's hash of header and body).
    static func hash(_ bytes: UnsafeRawBufferPointer, type: ObjectType) -> ObjectID {
        precondition(GitLibrary.ready)
        var oid = git_oid()
        let code = git_odb_hash(&oid, bytes.baseAddress, bytes.count, type.gitType)
        precondition(code == 0, "git_odb_hash cannot fail for an object held in memory")
        return ObjectID(oid)
    }
}

/// One zlib inflate stream over bytes held in memory, with a small buffer for the header. Ended with
/// `end()`; a value type only so that it can live on the stack of one decode.
private struct Inflater {
    private var stream: UnsafeMutablePointer<z_stream>
    let headerBuffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var ended = false
    private let input: UnsafeRawBufferPointer

    struct Step {
        let produced: Int
        let consumed: Bool
        let ended: Bool
    }

    init(_ compressed: UnsafeRawBufferPointer) throws(LooseObjectError) {
        input = compressed
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        headerBuffer = .allocate(capacity: LooseObjectDecoder.headerLimit)
        guard compressed.count > 0, compressed.count <= Int(UInt32.max) else {
            stream.deallocate()
            headerBuffer.deallocate()
            throw compressed.count == 0 ? .truncated(inflated: 0) : .compression("over 4 GiB of compressed bytes")
        }
        let code = cdscan_inflate_init(stream)
        guard code == Z_OK else {
            stream.deallocate()
            headerBuffer.deallocate()
            throw .compression("inflateInit failed with \(code)")
        }
        // zlib never writes through next_in; its C type is merely not const.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: compressed.bindMemory(to: UInt8.self).baseAddress)
        stream.pointee.avail_in = UInt32(compressed.count)
    }

    func end() {
        inflateEnd(stream)
        stream.deallocate()
        headerBuffer.deallocate()
    }

    var remainingInput: Int { Int(stream.pointee.avail_in) }

    /// One call to inflate into `output`; zlib errors become `.compression`, a stream that needs input
    /// it does not have becomes a step with no progress.
    mutating func inflate(into output: UnsafeMutableRawBufferPointer) throws(LooseObjectError) -> Step {
        guard !ended else { return Step(produced: 0, consumed: false, ended: true) }
        guard output.count > 0 else { return Step(produced: 0, consumed: false, ended: false) }
        let chunk = min(output.count, Int(UInt32.max))
        stream.pointee.next_out = output.bindMemory(to: UInt8.self).baseAddress
        stream.pointee.avail_out = UInt32(chunk)
        let inputBefore = stream.pointee.avail_in
        let code = CZlib.inflate(stream, Z_NO_FLUSH)
        let produced = chunk - Int(stream.pointee.avail_out)
        let consumed = stream.pointee.avail_in != inputBefore
        switch code {
        case Z_OK:
            return Step(produced: produced, consumed: consumed, ended: false)
        case Z_STREAM_END:
            ended = true
            return Step(produced: produced, consumed: consumed, ended: true)
        case Z_BUF_ERROR:
            // No progress possible: the input ran out before the stream's end.
            return Step(produced: produced, consumed: consumed, ended: false)
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(code)"
            throw .compression(message)
        }
    }
}
