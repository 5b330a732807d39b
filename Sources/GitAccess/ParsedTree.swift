#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tree object's raw bytes (`<octal mode> <name>\0<20-byte id>` repeated), read in place: comparing two
/// trees allocates nothing but the paths it reports. The bytes are the read object's own buffer, kept
/// alive by `object` (no copy). An entry cut short is an error when it is parsed; the HEAD tree listing
/// and loose trees are also checked whole up front (`malformation`).
struct RawTree {
    let object: RawObject?
    let bytes: UnsafeRawBufferPointer
    /// The tree's id, for messages about a malformed entry.
    let id: ObjectID?

    init(object: RawObject, id: ObjectID) {
        self.object = object
        self.bytes = object.bytes
        self.id = id
    }

    init() {
        object = nil
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        id = nil
    }

    /// One entry, as offsets into the tree's bytes.
    struct Entry {
        let nameStart: Int
        let nameEnd: Int
        let mode: UInt32
        let idStart: Int

        var isTree: Bool { mode & 0o170000 == 0o040000 }
    }

    /// Calls `body` for each entry, in the tree's (git's sorted) order.
    func forEachEntry(_ body: (Entry) throws(GitError) -> Void) throws(GitError) {
        var index = 0
        while let entry = try entry(at: &index) { try body(entry) }
    }

    /// Parses the entry at `index` and moves `index` past it; nil at the end. An entry cut short throws:
    /// a damaged tree must never read as a shorter one. (Every other rule of `malformation` is checked
    /// once per tree where it is cheap: the HEAD listing, loose trees; a history walk over packed trees
    /// pays for nothing more than the cut test it always made.)
    @inline(__always)
    func entry(at index: inout Int) throws(GitError) -> Entry? {
        let count = bytes.count
        guard index < count else { return nil }
        let buffer = bytes
        var cursor = index
        var mode: UInt32 = 0
        while cursor < count, buffer[cursor] != UInt8(ascii: " ") {
            mode = mode << 3 | UInt32((buffer[cursor] &- UInt8(ascii: "0")) & 7)
            cursor += 1
        }
        cursor += 1
        let nameStart = cursor
        while cursor < count, buffer[cursor] != 0 { cursor += 1 }
        let nameEnd = cursor
        cursor += 1
        guard cursor + 20 <= count else { throw malformed() }
        index = cursor + 20
        return Entry(nameStart: nameStart, nameEnd: nameEnd, mode: Self.canonical(mode), idStart: cursor)
    }

    /// The error for a tree with a malformed entry, saying which entry and how (the slow path).
    private func malformed() -> GitError {
        let problem = Self.malformation(of: bytes) ?? "an entry is malformed"
        let name = id?.hex ?? "(unknown)"
        return GitError(operation: "read tree \(name)", message: "tree \(name) is malformed: \(problem)", kind: .corrupt)
    }

    /// The entry with this exact name (file or directory), scanning in tree order and stopping as soon
    /// as the name can no longer appear.
    func entry(named name: String) throws(GitError) -> Entry? {
        try entry(named: Array(name.utf8))
    }

    func entry(named target: [UInt8]) throws(GitError) -> Entry? {
        var index = 0
        while let entry = try entry(at: &index) {
            let length = entry.nameEnd - entry.nameStart
            if length == target.count {
                var equal = true
                for offset in 0..<length where bytes[entry.nameStart + offset] != target[offset] { equal = false; break }
                if equal { return entry }
            }
            // Entries sort by name, a directory's as if it ended in "/": past "name/" nothing can match.
            var greater = false
            var decided = false
            for offset in 0..<min(length, target.count) {
                let x = bytes[entry.nameStart + offset], y = target[offset]
                if x != y { greater = x > y; decided = true; break }
            }
            if decided && greater { return nil }
            if !decided && length > target.count && bytes[entry.nameStart + target.count] > UInt8(ascii: "/") { return nil }
        }
        return nil
    }

    /// What is wrong with the first malformed entry of a tree's bytes, or nil when every entry is whole:
    /// an octal mode of one to seven digits, a space, a name (not empty, no "/", not "." or ".."), a
    /// NUL, and twenty id bytes. A tree cut mid-entry must never read as a shorter tree.
    static func malformation(of bytes: UnsafeRawBufferPointer) -> String? {
        let count = bytes.count
        var index = 0
        var number = 0
        while index < count {
            number += 1
            let modeStart = index
            while index < count, bytes[index] != UInt8(ascii: " ") {
                guard bytes[index] &- UInt8(ascii: "0") < 8 else { return "entry \(number) has a mode that is not octal" }
                index += 1
            }
            guard index < count else { return "entry \(number) is cut short in its mode" }
            guard index > modeStart, index - modeStart <= 7 else { return "entry \(number) has a mode of \(index - modeStart) digits" }
            index += 1
            let nameStart = index
            var slashes = 0
            while index < count, bytes[index] != 0 {
                if bytes[index] == UInt8(ascii: "/") { slashes += 1 }
                index += 1
            }
            guard index < count else { return "entry \(number) is cut short in its name" }
            let name = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<index])
            func shown() -> String { String(decoding: name.prefix(64), as: UTF8.self) }
            guard !name.isEmpty else { return "entry \(number) has an empty name" }
            guard slashes == 0 else { return "entry \(number) ('\(shown())') has a '/' in its name" }
            if name.count <= 2, name.allSatisfy({ $0 == UInt8(ascii: ".") }) { return "entry \(number) is named '\(shown())'" }
            index += 1
            guard index + 20 <= count else {
                return "entry \(number) ('\(shown())') is cut short: \(count - index) of its 20 id bytes"
            }
            index += 20
        }
        return nil
    }

    /// The mode as git reads it: old trees hold modes such as 100664, which git treats as 100644; only
    /// the owner's execute bit of a regular file matters.
    @inline(__always)
    static func canonical(_ mode: UInt32) -> UInt32 {
        switch mode & 0o170000 {
        case 0o040000, 0o120000, 0o160000: return mode & 0o170000
        default: return mode & 0o100 != 0 ? 0o100755 : 0o100644
        }
    }

    @inline(__always)
    func id(_ entry: Entry) -> ObjectID {
        ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: bytes[entry.idStart..<(entry.idStart + 20)]))
    }

    func name(_ entry: Entry) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[entry.nameStart..<entry.nameEnd]), as: UTF8.self)
    }

    /// Whether two entries have the same id and mode, i.e. nothing below them changed.
    @inline(__always)
    static func same(_ lhs: RawTree, _ a: Entry, _ rhs: RawTree, _ b: Entry) -> Bool {
        guard a.mode == b.mode else { return false }
        let left = lhs.bytes, right = rhs.bytes
        return left.loadUnaligned(fromByteOffset: a.idStart, as: UInt64.self) == right.loadUnaligned(fromByteOffset: b.idStart, as: UInt64.self)
            && left.loadUnaligned(fromByteOffset: a.idStart + 8, as: UInt64.self) == right.loadUnaligned(fromByteOffset: b.idStart + 8, as: UInt64.self)
            && left.loadUnaligned(fromByteOffset: a.idStart + 16, as: UInt32.self) == right.loadUnaligned(fromByteOffset: b.idStart + 16, as: UInt32.self)
    }

    /// Git's tree order: names compared bytewise, a tree's name as if it ended in "/".
    @inline(__always)
    static func compare(_ lhs: RawTree, _ a: Entry, _ rhs: RawTree, _ b: Entry) -> Int {
        do {
            let left = lhs.bytes, right = rhs.bytes
            do {
                let aLength = a.nameEnd - a.nameStart
                let bLength = b.nameEnd - b.nameStart
                let shared = min(aLength, bLength)
                for offset in 0..<shared {
                    let x = left[a.nameStart + offset]
                    let y = right[b.nameStart + offset]
                    if x != y { return x < y ? -1 : 1 }
                }
                let x: UInt8 = aLength > shared ? left[a.nameStart + shared] : (a.isTree ? UInt8(ascii: "/") : 0)
                let y: UInt8 = bLength > shared ? right[b.nameStart + shared] : (b.isTree ? UInt8(ascii: "/") : 0)
                if x != y { return x < y ? -1 : 1 }
                return aLength == bLength ? 0 : (aLength < bLength ? -1 : 1)
            }
        }
    }
}

/// A tree the walk has read, with where each of its entries starts, worked out the first time a diff
/// needs them. A tree is usually compared twice in a row (as a commit's tree, then as the old side of its
/// child's diff, or the other way round), so it is parsed once.
final class CachedTree {
    let raw: RawTree
    private var starts: [Int32]?
    private var startsKnown = false

    init(_ raw: RawTree) {
        self.raw = raw
    }

    /// The offset of each entry, ascending; nil when an entry is cut short (the caller then walks the
    /// tree entry by entry and reports the damage where it always did).
    var entryStarts: [Int32]? {
        if !startsKnown {
            starts = raw.entryStarts()
            startsKnown = true
        }
        return starts
    }
}

extension RawTree {
    /// The offset of each entry, ascending, as `entry(at:)` would visit them; nil when one is cut short.
    func entryStarts() -> [Int32]? {
        let count = bytes.count
        guard count > 0, count < Int(Int32.max) else { return count == 0 ? [] : nil }
        var starts: [Int32] = []
        // An entry takes at least 28 bytes in a real tree (mode, space, name, NUL, 20 id bytes).
        starts.reserveCapacity(count / 28 + 1)
        let buffer = bytes
        var cursor = 0
        while cursor < count {
            starts.append(Int32(truncatingIfNeeded: cursor))
            // `entry(at:)` reads the mode up to the first space, then the name up to the next NUL. A
            // git mode has five or six digits; when a space sits there and the first NUL comes after
            // it, that NUL ends the name, found eight bytes at a time. Anything else is read as
            // `entry(at:)` reads it, byte by byte.
            let nul = Self.firstZero(buffer, from: cursor)
            if nul > cursor + 6, buffer[cursor + 5] == UInt8(ascii: " ") || buffer[cursor + 6] == UInt8(ascii: " ") {
                cursor = nul + 1
            } else {
                while cursor < count, buffer[cursor] != UInt8(ascii: " ") { cursor += 1 }
                cursor += 1
                while cursor < count, buffer[cursor] != 0 { cursor += 1 }
                cursor += 1
            }
            guard cursor + 20 <= count else { return nil }
            cursor += 20
        }
        return starts
    }

    /// The offset of the first zero byte at or after `start`, or the buffer's end.
    @inline(__always)
    private static func firstZero(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        let count = buffer.count
        var offset = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while offset + 8 <= count {
            let word = buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
            // Nonzero exactly when a byte of `word` is zero; its lowest set bit marks the first one.
            let zeros = (word &- ones) & ~word & highs
            if zeros != 0 { return offset + zeros.trailingZeroBitCount / 8 }
            offset += 8
        }
        while offset < count, buffer[offset] != 0 { offset += 1 }
        return offset
    }

    /// How many leading bytes two buffers share: whole blocks compared by `memcmp`, then eight bytes
    /// at a time.
    static func sharedPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let count = min(a.count, b.count)
        guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return 0 }
        var offset = 0
        while offset + block <= count, memcmp(x + offset, y + offset, block) == 0 { offset += block }
        while offset + 8 <= count {
            let p = a.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
            let q = b.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
            if p != q { return offset + (p ^ q).trailingZeroBitCount / 8 }
            offset += 8
        }
        while offset < count, a[offset] == b[offset] { offset += 1 }
        return offset
    }

    /// How many trailing bytes two buffers share, at most `limit`.
    static func sharedSuffix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
        let count = min(a.count, b.count, limit)
        guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return 0 }
        var length = 0
        while length + block <= count,
              memcmp(x + (a.count - length - block), y + (b.count - length - block), block) == 0 { length += block }
        while length + 8 <= count {
            let p = a.loadUnaligned(fromByteOffset: a.count - length - 8, as: UInt64.self).littleEndian
            let q = b.loadUnaligned(fromByteOffset: b.count - length - 8, as: UInt64.self).littleEndian
            if p != q { return length + (p ^ q).leadingZeroBitCount / 8 }
            length += 8
        }
        while length < count, a[a.count - length - 1] == b[b.count - length - 1] { length += 1 }
        return length
    }

    private static var block: Int { 256 }
}

/// Where two trees' entries stop being the same and where they become the same again, found by
/// comparing their bytes (eight at a time) instead of entry by entry. Trees of neighbouring commits
/// differ in an entry or two, so a diff need only walk the few entries between.
struct SharedRuns {
    /// Entries before this offset are byte for byte the same in both trees (same offset in each).
    let head: Int
    /// From these offsets (old tree, new tree) to the ends, both trees hold the same bytes, so the same
    /// entries; the ends themselves when there is no such run.
    let oldTail: Int
    let newTail: Int

    init?(_ old: CachedTree, _ new: CachedTree) {
        guard let oldStarts = old.entryStarts, let newStarts = new.entryStarts else { return nil }
        let a = old.raw.bytes, b = new.raw.bytes
        let prefix = RawTree.sharedPrefix(a, b)
        // The last entry start at or before the first differing byte: everything before it is whole in
        // the shared bytes (an entry parses the same from the same bytes).
        var low = 0, high = oldStarts.count
        while low < high {
            let middle = (low + high) / 2
            if Int(oldStarts[middle]) <= prefix { low = middle + 1 } else { high = middle }
        }
        let head = low == 0 ? 0 : Int(oldStarts[low - 1])
        // The shared tail may not reach back into the shared head.
        let suffix = RawTree.sharedSuffix(a, b, limit: min(a.count, b.count) - prefix)
        // The first entry of each tree that lies wholly in the shared tail; then the first pair that
        // starts at the same distance from the end (from there on, the same bytes parse the same).
        var i = Self.firstStart(oldStarts, atOrAfter: a.count - suffix)
        var j = Self.firstStart(newStarts, atOrAfter: b.count - suffix)
        var oldTail = a.count, newTail = b.count
        while i < oldStarts.count, j < newStarts.count {
            let x = a.count - Int(oldStarts[i]), y = b.count - Int(newStarts[j])
            if x == y {
                oldTail = Int(oldStarts[i])
                newTail = Int(newStarts[j])
                break
            }
            if x > y { i += 1 } else { j += 1 }
        }
        self.head = head
        self.oldTail = oldTail
        self.newTail = newTail
    }

    private static func firstStart(_ starts: [Int32], atOrAfter offset: Int) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if Int(starts[middle]) < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Recently read trees, in two generations: when the young one fills up, it becomes the old one and
/// the previous old one is dropped. A parent commit's trees are mostly its child's, so hits are frequent,
/// and memory stays bounded whatever the history's size.
struct TreeCache {
    private var young: [ObjectID: CachedTree] = [:]
    private var old: [ObjectID: CachedTree] = [:]
    private var youngBytes = 0
    let generationBytes: Int

    init(generationBytes: Int = 16 << 20) {
        self.generationBytes = generationBytes
    }

    mutating func tree(_ id: ObjectID, from database: ObjectDatabase) throws(GitError) -> RawTree {
        try cached(id, from: database).raw
    }

    mutating func cached(_ id: ObjectID, from database: ObjectDatabase) throws(GitError) -> CachedTree {
        if let hit = young[id] { return hit }
        if let hit = old[id] {
            insert(id, hit)
            return hit
        }
        let object = try database.object(id, "read tree \(id.hex)")
        guard object.type == .tree else {
            throw GitError(operation: "read tree \(id.hex)", message: "object is not a tree", kind: .corrupt)
        }
        if object.isLoose, let problem = RawTree.malformation(of: object.bytes) {
            throw GitError(operation: "read tree \(id.hex)", message: "tree \(id.hex) is malformed: \(problem)", kind: .corrupt)
        }
        let tree = CachedTree(RawTree(object: object, id: id))
        insert(id, tree)
        return tree
    }

    private mutating func insert(_ id: ObjectID, _ tree: CachedTree) {
        young[id] = tree
        // An entry start takes 4 bytes against at least 28 of the entry: counted with the tree's bytes.
        youngBytes += tree.raw.bytes.count + tree.raw.bytes.count / 7 + 64
        if youngBytes > generationBytes {
            old = young
            young = [:]
            young.reserveCapacity(old.count)
            youngBytes = 0
        }
    }
}
