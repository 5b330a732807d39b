import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads objects from a repository's packs (and its alternates') by itself: the pack and its index
/// mapped, entries inflated with one reused zlib stream, delta chains resolved through a cache of
/// recent bases. It takes no lock, so the readers of a scan's threads (each repository handle has one)
/// never wait for each other, where libgit2 serialises every pack read of the process on one mutex.
///
/// It answers only what it can answer exactly as libgit2 would: an object it cannot find, an entry it
/// cannot decode whole, a chain too deep or an object too large gives nil, and the caller asks libgit2,
/// which then reads the object, or reports the damage, as it always did. Used from one thread at a time.
final class PackReader {
    /// Objects larger than this are left to libgit2 (blobs are read only below the scan's size cap).
    static let maximumObjectSize = 64 << 20
    /// Deeper chains than git ever writes (its limit is 4,095) are left to libgit2.
    static let maximumChainLength = 10_000

    private let packs: [PackFile]
    private var lastPack = 0
    private var cache = DeltaBaseCache()
    private let stream: UnsafeMutablePointer<z_stream>
    private var streamReady = false
    /// The inflated delta being applied, reused from one entry to the next.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// The packs of every object directory; nil when there are none (nothing to read).
    convenience init?(objectDirectories: [String]) {
        var packs: [PackFile] = []
        for directory in objectDirectories {
            guard let names = DirectoryNames.of(directory + "/pack") else { continue }
            for name in names.sorted() where name.hasSuffix(".idx") {
                let base = directory + "/pack/" + name.dropLast(4)
                guard let indexFile = MappedFile.shared(path: base + ".idx", minimumSize: 1072),
                      let index = PackIndex(indexFile),
                      let packFile = MappedFile.shared(path: base + ".pack", minimumSize: 32),
                      let pack = PackFile(pack: packFile, index: index) else { continue }
                packs.append(pack)
            }
        }
        self.init(packs: packs)
    }

    /// Reads the packs given; nil when there are none.
    init?(packs: [PackFile]) {
        guard !packs.isEmpty else { return nil }
        self.packs = packs
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if streamReady { inflateEnd(stream) }
        stream.deallocate()
        scratch.deallocate()
    }

    /// The object, or nil when libgit2 should be asked instead.
    func read(_ id: ObjectID) -> DecodedObject? {
        guard let (pack, offset) = locate(id) else { return nil }
        return unpack(pack: pack, offset: offset)
    }

    /// The object's type and size, reading no more than the headers of its chain and the first bytes of
    /// its outermost delta; nil when libgit2 should be asked instead.
    func header(_ id: ObjectID) -> (type: ObjectType, size: Int)? {
        guard let (pack, offset) = locate(id) else { return nil }
        if let cached = cache[pack, offset] { return (cached.type, cached.bytes.count) }
        guard let first = packs[pack].entry(at: offset) else { return nil }
        var size = first.size
        if case .object = first.kind {} else {
            // The delta's first bytes hold the result's size.
            guard let sizes = inflatePrefix(pack: pack, entry: first) else { return nil }
            size = sizes
        }
        var entry = first
        var at = (pack, offset)
        var chain = ChainGuard()
        while chain.enter(at.0, at.1) {
            switch entry.kind {
            case .object(let type):
                return type == .other ? nil : (type, size)
            case .offsetDelta(let base):
                at = (at.0, base)
            case .referenceDelta(let base):
                guard let found = locate(base) else { return nil }
                at = found
            }
            if let cached = cache[at.0, at.1] { return (cached.type, size) }
            guard let next = packs[at.0].entry(at: at.1) else { return nil }
            entry = next
        }
        return nil
    }

    private func locate(_ id: ObjectID) -> (Int, Int)? {
        // Objects read one after the other tend to lie in the same pack.
        if let offset = packs[lastPack].index.offset(of: id) { return (lastPack, offset) }
        for (number, pack) in packs.enumerated() where number != lastPack {
            if let offset = pack.index.offset(of: id) {
                lastPack = number
                return (number, offset)
            }
        }
        return nil
    }

    /// Resolves the entry at `offset`: down its chain to a cached object or a whole one, then each
    /// delta applied on the way back up. Every base met is cached, and so is a tree (the next older
    /// version of a tree is usually stored as a delta against it).
    private func unpack(pack: Int, offset: Int) -> DecodedObject? {
        var chain: [(pack: Int, offset: Int, entry: PackFile.Entry)] = []
        var at = (pack, offset)
        var object: DecodedObject?
        var guardian = ChainGuard()
        while object == nil {
            if let cached = cache[at.0, at.1] {
                object = cached
                break
            }
            guard guardian.enter(at.0, at.1), let entry = packs[at.0].entry(at: at.1) else { return nil }
            switch entry.kind {
            case .object(let type):
                guard type != .other, entry.size <= Self.maximumObjectSize,
                      let whole = inflateObject(pack: at.0, entry: entry, type: type) else { return nil }
                if !chain.isEmpty || type == .tree { cache.insert(whole, pack: at.0, offset: at.1) }
                object = whole
            case .offsetDelta(let base):
                chain.append((at.0, at.1, entry))
                at = (at.0, base)
            case .referenceDelta(let base):
                chain.append((at.0, at.1, entry))
                guard let found = locate(base) else { return nil }
                at = found
            }
        }
        guard var result = object else { return nil }
        for (index, link) in chain.enumerated().reversed() {
            guard let applied = applyDelta(pack: link.pack, entry: link.entry, to: result) else { return nil }
            result = applied
            if index > 0 || result.type == .tree { cache.insert(result, pack: link.pack, offset: link.offset) }
        }
        return result
    }

    private func inflateObject(pack: Int, entry: PackFile.Entry, type: ObjectType) -> DecodedObject? {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.size + 1, alignment: 8)
        guard inflate(pack: pack, entry: entry, into: storage) else {
            storage.deallocate()
            return nil
        }
        return DecodedObject(type: type, storage: storage, count: entry.size)
    }

    private func applyDelta(pack: Int, entry: PackFile.Entry, to base: DecodedObject) -> DecodedObject? {
        guard entry.size <= Self.maximumObjectSize * 2 else { return nil }
        if scratch.count < entry.size + 1 {
            scratch.deallocate()
            scratch = .allocate(byteCount: max(entry.size + 1, 64 << 10), alignment: 8)
        }
        defer {
            // A large delta's buffer is not kept for the next one.
            if scratch.count > 16 << 20 {
                scratch.deallocate()
                scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            }
        }
        guard inflate(pack: pack, entry: entry, into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<entry.size + 1])) else {
            return nil
        }
        let delta = UnsafeRawBufferPointer(rebasing: scratch[0..<entry.size])
        guard let sizes = PackDelta.sizes(delta), sizes.result <= Self.maximumObjectSize else { return nil }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: sizes.result + 1, alignment: 8)
        guard PackDelta.apply(delta, to: base.bytes, into: UnsafeMutableRawBufferPointer(rebasing: storage[0..<sizes.result])) else {
            storage.deallocate()
            return nil
        }
        return DecodedObject(type: base.type, storage: storage, count: sizes.result)
    }

    /// Inflates the entry's stream into `output`, one byte longer than the entry's size: true only when
    /// the stream ends having produced exactly that size.
    private func inflate(pack: Int, entry: PackFile.Entry, into output: UnsafeMutableRawBufferPointer) -> Bool {
        guard resetStream(pack: pack, from: entry.dataStart) else { return false }
        stream.pointee.next_out = output.bindMemory(to: UInt8.self).baseAddress
        stream.pointee.avail_out = UInt32(clamping: output.count)
        let code = CZlib.inflate(stream, Z_FINISH)
        return code == Z_STREAM_END && Int(stream.pointee.total_out) == entry.size
    }

    /// The result size a delta entry's header gives, from its first few inflated bytes.
    private func inflatePrefix(pack: Int, entry: PackFile.Entry) -> Int? {
        guard resetStream(pack: pack, from: entry.dataStart) else { return nil }
        var prefix = [UInt8](repeating: 0, count: 24)
        let produced = prefix.withUnsafeMutableBytes { buffer -> Int in
            stream.pointee.next_out = buffer.bindMemory(to: UInt8.self).baseAddress
            stream.pointee.avail_out = UInt32(min(buffer.count, entry.size))
            let code = CZlib.inflate(stream, Z_SYNC_FLUSH)
            guard code == Z_OK || code == Z_STREAM_END else { return -1 }
            return Int(stream.pointee.total_out)
        }
        guard produced > 0 else { return nil }
        return prefix.withUnsafeBytes { PackDelta.sizes(UnsafeRawBufferPointer(rebasing: $0[0..<produced]))?.result }
    }

    private func resetStream(pack: Int, from start: Int) -> Bool {
        if streamReady {
            guard inflateReset(stream) == Z_OK else { return false }
        } else {
            guard cdscan_inflate_init(stream) == Z_OK else { return false }
            streamReady = true
        }
        let bytes = packs[pack].file.bytes
        // zlib never writes through next_in; its C type is merely not const.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + start)
        stream.pointee.avail_in = UInt32(clamping: packs[pack].dataEnd - start)
        return true
    }
}

/// A pack entry (which pack, where in it) as one integer, hashed faster than a pair; nil past 65,536
/// packs or a 128 TiB pack.
private enum PackEntryKey {
    static func of(_ pack: Int, _ offset: Int) -> Int? {
        pack < 1 << 16 && offset < 1 << 47 ? offset << 16 | pack : nil
    }
}

/// Bounds a walk down a delta chain: at most `PackReader.maximumChainLength` entries, and none twice (a
/// reference delta can name an entry above it, so a damaged pack can hold a cycle). Positions are
/// remembered only past the first 64 entries, deeper than most chains git writes.
private struct ChainGuard {
    private var length = 0
    private var seen: Set<Int> = []

    /// False when the chain is too long or comes back to an entry it passed.
    mutating func enter(_ pack: Int, _ offset: Int) -> Bool {
        length += 1
        guard length <= PackReader.maximumChainLength else { return false }
        guard length > 64 else { return true }
        // An entry past the keys' range is not remembered; the length bound still ends its chain.
        guard let key = PackEntryKey.of(pack, offset) else { return true }
        return seen.insert(key).inserted
    }
}

/// Recently resolved pack objects by where their entry starts (entries past `PackEntryKey`'s range are
/// not kept), in two generations: a lookup that finds
/// an entry in the older one moves it to the younger, and when the younger outgrows half the budget the
/// older is dropped. Bounded whatever the history's size.
struct DeltaBaseCache {
    static let budget = 24 << 20

    private var young: [Int: DecodedObject] = [:]
    private var old: [Int: DecodedObject] = [:]
    private var youngBytes = 0

    subscript(pack: Int, offset: Int) -> DecodedObject? {
        mutating get {
            guard let key = PackEntryKey.of(pack, offset) else { return nil }
            if let hit = young[key] { return hit }
            guard let hit = old.removeValue(forKey: key) else { return nil }
            insert(hit, key: key)
            return hit
        }
    }

    mutating func insert(_ object: DecodedObject, pack: Int, offset: Int) {
        // An object over an eighth of the budget would push out everything else.
        guard object.bytes.count <= Self.budget / 8, let key = PackEntryKey.of(pack, offset) else { return }
        insert(object, key: key)
    }

    private mutating func insert(_ object: DecodedObject, key: Int) {
        young[key] = object
        youngBytes += object.bytes.count + 64
        if youngBytes > Self.budget / 2 {
            old = young
            young = [:]
            youngBytes = 0
        }
    }
}
