/// A tree object's entries, parsed once from its raw bytes (`<octal mode> <name>\0<20-byte id>` repeated)
/// into one byte buffer plus offsets, so that comparing two trees allocates no strings.
final class ParsedTree {
    struct Entry {
        let nameStart: Int
        let nameLength: Int
        let mode: UInt32
        let id: ObjectID

        var isTree: Bool { mode & 0o170000 == 0o040000 }
    }

    let names: [UInt8]
    let entries: [Entry]
    /// Approximate bytes held, for the cache's budget.
    let footprint: Int

    init(bytes: UnsafeRawBufferPointer) {
        var names: [UInt8] = []
        var entries: [Entry] = []
        names.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            var mode: UInt32 = 0
            while index < bytes.count, bytes[index] != UInt8(ascii: " ") {
                mode = mode << 3 | UInt32((bytes[index] &- UInt8(ascii: "0")) & 7)
                index += 1
            }
            index += 1
            let nameStart = index
            while index < bytes.count, bytes[index] != 0 { index += 1 }
            let nameEnd = index
            index += 1
            guard index + 20 <= bytes.count else { break }  // truncated entry: ignore the rest
            let id = ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 20)]))
            index += 20
            let start = names.count
            names.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
            entries.append(Entry(nameStart: start, nameLength: nameEnd - nameStart, mode: mode, id: id))
        }
        self.names = names
        self.entries = entries
        footprint = names.count + entries.count * MemoryLayout<Entry>.stride + 64
    }

    func name(_ entry: Entry) -> String {
        names.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[entry.nameStart..<(entry.nameStart + entry.nameLength)]),
                   as: UTF8.self)
        }
    }

    /// Git's tree order: names compared bytewise, a tree's name as if it ended in "/".
    static func compare(_ lhs: ParsedTree, _ a: Entry, _ rhs: ParsedTree, _ b: Entry) -> Int {
        lhs.names.withUnsafeBufferPointer { left in
            rhs.names.withUnsafeBufferPointer { right in
                let shared = min(a.nameLength, b.nameLength)
                for offset in 0..<shared {
                    let x = left[a.nameStart + offset]
                    let y = right[b.nameStart + offset]
                    if x != y { return x < y ? -1 : 1 }
                }
                let x: UInt8 = a.nameLength > shared ? left[a.nameStart + shared] : (a.isTree ? UInt8(ascii: "/") : 0)
                let y: UInt8 = b.nameLength > shared ? right[b.nameStart + shared] : (b.isTree ? UInt8(ascii: "/") : 0)
                if x != y { return x < y ? -1 : 1 }
                if a.nameLength == b.nameLength { return 0 }
                // One name is a prefix of the other and the next bytes matched ("a" tree vs "a/" can't happen).
                return a.nameLength < b.nameLength ? -1 : 1
            }
        }
    }
}

/// Recently parsed trees, in two generations: when the young one fills up, it becomes the old one and
/// the previous old one is dropped. A parent commit's trees are mostly its child's, so hits are frequent,
/// and memory stays bounded whatever the history's size.
struct TreeCache {
    private var young: [ObjectID: ParsedTree] = [:]
    private var old: [ObjectID: ParsedTree] = [:]
    private var youngBytes = 0
    let generationBytes: Int

    init(generationBytes: Int = 24 << 20) {
        self.generationBytes = generationBytes
    }

    mutating func tree(_ id: ObjectID, from database: ObjectDatabase) throws(GitError) -> ParsedTree {
        if let hit = young[id] { return hit }
        if let hit = old[id] {
            insert(id, hit)
            return hit
        }
        let parsed = try database.withObject(id, "read tree \(id.hex)") { (type, bytes) throws(GitError) -> ParsedTree in
            guard type == .tree else {
                throw GitError(operation: "read tree \(id.hex)", message: "object is not a tree", kind: .corrupt)
            }
            return ParsedTree(bytes: bytes)
        }
        insert(id, parsed)
        return parsed
    }

    private mutating func insert(_ id: ObjectID, _ tree: ParsedTree) {
        young[id] = tree
        youngBytes += tree.footprint
        if youngBytes > generationBytes {
            old = young
            young = [:]
            youngBytes = 0
        }
    }
}
