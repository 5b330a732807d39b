/// Why saved walk memory could not be read back.
public struct WalkMemoryArchiveError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// WalkMemory as bytes: a segment holds some entries and the prefixes their paths were computed under.
/// Segments are read oldest first; a later segment's fields replace an earlier one's, and the newest
/// segment's prefixes are the memory's (older paths under other prefixes are dropped).
///
/// Layout (little-endian): "CDSWALK" + format byte, the payload's length (u64) and CRC-32 (u32), then the
/// payload: prefix lists, the annotation key, a table of the people the segment's commits name (name and
/// email strings), a table of the paths its entries list, the entry count (u32), and per entry the
/// 20-byte id, a flags byte (1 whole object, 2 full paths, 4 tracked paths, 8 skeleton, 16 annotation)
/// and the fields it flags. A skeleton is the tree id, the parent count (u32) and ids, then author and
/// committer as a person's index (u32), time (i64) and offset in minutes (i16); path lists are a count
/// and path indexes (u32 each). Strings and byte fields are u32 length + bytes.
///
/// The payload is stored as it is, not compressed: a rescan reads it on every scan, and with people and
/// paths listed once it is about as small as the compressed text of format 1 was, and several times
/// faster to read back. The checksum catches damage that would otherwise read as other facts.
extension WalkMemory {
    /// Bump when the commit parser, the tree diff or this layout change what a saved fact means.
    public static let format: UInt8 = 2
    private static let magic = "CDSWALK"

    /// The entries this walk added to, or every entry (a compacted segment), sorted by id.
    public func segment(everything: Bool) -> [UInt8] {
        let ids = (everything ? Array(entries.keys) : Array(learnt)).filter { entries[$0] != nil }.sorted()
        var people = InternTable<Identity>()
        var paths = InternTable<String>()
        var body = ByteWriter()
        body.u32(ids.count)
        for id in ids {
            let entry = entries[id]!
            body.id(id)
            var flags: UInt8 = 0
            if entry.object != nil { flags |= 1 }
            if entry.fullPaths != nil { flags |= 2 }
            if entry.trackedPaths != nil { flags |= 4 }
            if entry.skeleton != nil { flags |= 8 }
            if entry.annotation != nil { flags |= 16 }
            body.bytes.append(flags)
            if let range = entry.object {
                body.u32(range.count)
                body.bytes.append(contentsOf: arena[range])
            }
            if let list = entry.fullPaths { body.indexes(list.map { paths.index(of: $0) }) }
            if let list = entry.trackedPaths { body.indexes(list.map { paths.index(of: $0) }) }
            if let skeleton = entry.skeleton {
                body.id(skeleton.tree)
                body.u32(skeleton.parents.count)
                for parent in skeleton.parents { body.id(parent) }
                for signature in [skeleton.author, skeleton.committer] {
                    body.u32(people.index(of: Identity(signature)))
                    body.i64(signature.time.seconds)
                    body.i16(signature.time.offsetMinutes)
                }
            }
            if let annotation = entry.annotation {
                body.u32(annotation.count)
                body.bytes.append(contentsOf: annotation)
            }
        }
        var head = ByteWriter()
        head.strings(fullPrefixes)
        head.strings(trackedPrefixes)
        head.strings([annotationKey])
        head.strings(people.values.flatMap { [$0.name, $0.email] })
        head.strings(paths.values)
        let payload = head.bytes + body.bytes
        return ArchiveFrame.header(of: payload, magic: Self.magic, format: Self.format) + payload
    }

    /// Memory rebuilt from saved segments, oldest first.
    public static func read(segments: [[UInt8]]) throws(WalkMemoryArchiveError) -> WalkMemory {
        let memory = WalkMemory()
        for (position, segment) in segments.enumerated() {
            do throws(WalkMemoryArchiveError) {
                try memory.merge(try payload(of: segment))
            } catch {
                throw WalkMemoryArchiveError(description: "segment \(position + 1): \(error.description)")
            }
        }
        return memory
    }

    private static func payload(of segment: [UInt8]) throws(WalkMemoryArchiveError) -> ArraySlice<UInt8> {
        try ArchiveFrame.payload(of: segment, magic: magic, format: format, kind: "history cache segment")
    }

    private func merge(_ payload: ArraySlice<UInt8>) throws(WalkMemoryArchiveError) {
        var reader = ByteReader(bytes: payload)
        let full = try reader.strings()
        let tracked = try reader.strings()
        guard let key = try reader.strings().first else { throw WalkMemoryArchiveError(description: "no annotation key") }
        let names = try reader.strings()
        guard names.count % 2 == 0 else { throw WalkMemoryArchiveError(description: "a person without an email") }
        let people = stride(from: 0, to: names.count, by: 2).map { Identity(name: names[$0], email: names[$0 + 1]) }
        let paths = try reader.strings()
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
        entries.reserveCapacity(entries.count + count)
        for _ in 0..<count {
            let id = try reader.id()
            let flags = try reader.byte()
            var entry = entries[id] ?? Entry()
            if flags & 1 != 0 {
                let bytes = try reader.take(try reader.u32())
                let start = arena.count
                arena.append(contentsOf: bytes)
                entry.object = start..<arena.count
                entry.skeleton = nil
            }
            if flags & 2 != 0 { entry.fullPaths = try reader.indexes(into: paths) }
            if flags & 4 != 0 { entry.trackedPaths = try reader.indexes(into: paths) }
            if flags & 8 != 0 {
                let tree = try reader.id()
                let parentCount = try reader.u32()
                guard parentCount <= reader.remaining / 20 else {
                    throw WalkMemoryArchiveError(description: "implausible parent count \(parentCount)")
                }
                var parents: [ObjectID] = []
                parents.reserveCapacity(parentCount)
                for _ in 0..<parentCount { parents.append(try reader.id()) }
                let author = try reader.signature(people)
                let committer = try reader.signature(people)
                entry.skeleton = CommitSkeleton(tree: tree, parents: parents, author: author, committer: committer)
                entry.object = nil
            }
            if flags & 16 != 0 { entry.annotation = Array(try reader.take(try reader.u32())) }
            guard entry.annotation == nil || entry.object != nil || entry.skeleton != nil else {
                throw WalkMemoryArchiveError(description: "commit \(id.hex) has an annotation but no object")
            }
            entries[id] = entry
        }
        guard reader.isAtEnd else { throw WalkMemoryArchiveError(description: "bytes left after the last entry") }
    }

}

/// A person as the archive keeps them once per segment.
private struct Identity: Hashable {
    let name: String
    let email: String

    init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    init(_ signature: Signature) {
        self.init(name: signature.name, email: signature.email)
    }
}

/// Values numbered in the order first seen.
private struct InternTable<Value: Hashable> {
    private(set) var values: [Value] = []
    private var index: [Value: Int] = [:]

    mutating func index(of value: Value) -> Int {
        if let known = index[value] { return known }
        index[value] = values.count
        values.append(value)
        return values.count - 1
    }
}

extension ByteReader {
    fileprivate mutating func signature(_ people: [Identity]) throws(WalkMemoryArchiveError) -> Signature {
        let person = try u32()
        guard person < people.count else { throw WalkMemoryArchiveError(description: "person \(person) of \(people.count)") }
        let seconds = try i64()
        let offset = try i16()
        return Signature(name: people[person].name, email: people[person].email,
                         time: GitTime(seconds: seconds, offsetMinutes: offset))
    }
}
