import GitAccess

/// A `ReplayTip` as the bytes of the cache's `tip` file, framed by `ArchiveFrame` ("CDSTIP", format byte,
/// length, CRC-32). Payload (little-endian): the cdscan version, the key (catalogue digest, prefixes,
/// tracked prefixes), the walk's limits (u64 each), the people (name, email), the paths table, the commit count, then the commits by
/// column (ids; author and committer times, offsets and people; parent counts; the listed parents'
/// counts and the parents as i32 indexes; classification traits and flags — 1 forge, 2 merged branch, 4
/// reverted id; area bits), the flagged classifications' fields in commit order, then the full and the tracked path
/// lists (a count, then per list the commit index, a readable byte and path indexes). Columns are read
/// back as whole arrays: a rescan of a long history reads its tip in a few milliseconds.
extension ReplayTip {
    /// Bump when what a saved fact means changes (the record, the classification, the paths, the areas).
    static let format: UInt8 = 2
    private static let magic = "CDSTIP"

    /// The file's bytes, as its header and its payload (written one after the other).
    func archived() -> [[UInt8]] {
        var out = ByteWriter()
        out.strings([CDScanVersion.current, key.catalogueKey])
        out.strings(key.prefixes)
        out.strings(key.trackedPrefixes)
        out.u64(commitLimit)
        out.u64(trackedLimit)
        out.strings(identities.flatMap { [$0.name, $0.email] })
        var pathTable: [String: Int] = [:]
        var pathList: [String] = []
        // In commit order, so that the same history gives the same bytes.
        let sortedLists = [fullPaths, trackedPaths].map { lists in lists.sorted(by: { $0.key < $1.key }) }
        for lists in sortedLists {
            for case let list? in lists.map(\.value) {
                for path in list where pathTable[path] == nil {
                    pathTable[path] = pathList.count
                    pathList.append(path)
                }
            }
        }
        out.strings(pathList)
        out.u32(count)
        out.ids(ids)
        out.column(records.map(\.authorTime))
        out.column(records.map(\.committerTime))
        out.column(records.map(\.authorOffsetMinutes))
        out.column(records.map(\.committerOffsetMinutes))
        out.column(records.map(\.author))
        out.column(records.map(\.committer))
        out.column(records.map(\.parentCount))
        out.column(zip(parents.starts, parents.starts.dropFirst()).map { UInt8(clamping: $1 - $0) })
        out.column(parents.values)
        out.column(classifications.traits)
        let named = Array(classifications.namedClassifications)
        var flags = [UInt8](repeating: 0, count: count)
        for (index, classification) in named {
            flags[Int(index)] = (classification.forge == nil ? 0 : 1) | (classification.mergedBranch == nil ? 0 : 2)
                | (classification.reverted == nil ? 0 : 4)
        }
        out.column(flags)
        out.column(areas)
        // The few classifications that name something, in commit order.
        for (_, classification) in named {
            if let forge = classification.forge { out.strings([forge]) }
            if let branch = classification.mergedBranch { out.strings([branch]) }
            if let reverted = classification.reverted { out.id(reverted) }
        }
        for lists in sortedLists {
            out.u32(lists.count)
            for (index, list) in lists {
                out.u32(Int(index))
                out.u8(list == nil ? 0 : 1)
                if let list { out.indexes(list.map { pathTable[$0]! }) }
            }
        }
        return [ArchiveFrame.header(of: out.bytes, magic: Self.magic, format: Self.format), out.bytes]
    }

    /// Reads a tip back; nil when the file is not one this cdscan wrote whole (it is then walked again).
    init(archived file: [UInt8]) throws(WalkMemoryArchiveError) {
        try self.init(payload: try ArchiveFrame.payload(of: file, magic: Self.magic, format: Self.format, kind: "history cache tip"))
    }

    /// Reads a payload whose frame was checked (or, for the fuzzing harness, that has none): every count,
    /// index and length is checked against what is there, so any bytes give a tip or an error.
    /// `checkingVersion: false` reads a tip another cdscan version wrote (the fuzzing harness's seeds).
    init(payload: ArraySlice<UInt8>, checkingVersion: Bool = true) throws(WalkMemoryArchiveError) {
        var reader = ByteReader(bytes: payload)
        let header = try reader.strings()
        guard header.count == 2 else { throw WalkMemoryArchiveError(description: "no version and key") }
        guard header[0] == CDScanVersion.current || !checkingVersion else {
            throw WalkMemoryArchiveError(description: "written by another cdscan version")
        }
        let key = Key(catalogueKey: header[1], prefixes: try reader.strings(), trackedPrefixes: try reader.strings())
        let commitLimit = Int(clamping: try reader.u64())
        let trackedLimit = Int(clamping: try reader.u64())
        let people = try reader.strings()
        guard people.count % 2 == 0 else { throw WalkMemoryArchiveError(description: "an odd people table") }
        let identities = stride(from: 0, to: people.count, by: 2).map { Identity(name: people[$0], email: people[$0 + 1]) }
        let pathList = try reader.strings()
        let count = try reader.u32()
        let ids = try reader.ids(count: count)
        let authorTimes = try reader.column(Int64.self, count: count)
        let committerTimes = try reader.column(Int64.self, count: count)
        let authorOffsets = try reader.column(Int16.self, count: count)
        let committerOffsets = try reader.column(Int16.self, count: count)
        let authors = try reader.column(Int32.self, count: count)
        let committers = try reader.column(Int32.self, count: count)
        let parentCounts = try reader.column(UInt8.self, count: count)
        let listedParents = try reader.column(UInt8.self, count: count)
        let allParents = try reader.column(Int32.self, count: listedParents.reduce(0) { $0 + Int($1) })
        let traits = try reader.column(UInt16.self, count: count)
        let flags = try reader.column(UInt8.self, count: count)
        let areas = try reader.column(UInt8.self, count: count)
        guard authors.allSatisfy({ $0 >= 0 && Int($0) < identities.count }),
              committers.allSatisfy({ $0 >= 0 && Int($0) < identities.count }) else {
            throw WalkMemoryArchiveError(description: "a person outside the people table")
        }
        guard allParents.allSatisfy({ $0 >= -1 && Int($0) < count }) else {
            throw WalkMemoryArchiveError(description: "a parent outside the history")
        }
        // The records and the parent table's starts are written in place, a million at a time.
        let records = [CommitRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                (buffer.baseAddress! + index).initialize(to: CommitRecord(
                    id: ids[index], authorTime: authorTimes[index], committerTime: committerTimes[index],
                    authorOffsetMinutes: authorOffsets[index], committerOffsetMinutes: committerOffsets[index],
                    author: authors[index], committer: committers[index], parentCount: parentCounts[index]))
            }
            initialized = count
        }
        let starts = [Int32](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
            var next: Int32 = 0
            buffer[0] = 0
            for index in 0..<count {
                next &+= Int32(listedParents[index])
                buffer[index + 1] = next
            }
            initialized = count + 1
        }
        // Only the flagged classifications are whole values; every other one is its traits.
        var namedCommits: [Int32] = [], named: [CommitClassification] = []
        for index in 0..<count where flags[index] != 0 {
            let flag = flags[index]
            var classification = CommitClassification()
            classification.traits = WalkLog.Traits(rawValue: traits[index])
            if flag & 1 != 0 { classification.forge = try reader.firstOfStrings() }
            if flag & 2 != 0 { classification.mergedBranch = try reader.firstOfStrings() }
            if flag & 4 != 0 { classification.reverted = try reader.id() }
            namedCommits.append(Int32(index))
            named.append(classification)
        }
        let classifications = ClassificationColumn(traits: traits, namedCommits: namedCommits, named: named)
        var lists: [[Int32: [String]?]] = []
        for _ in 0..<2 {
            let entries = try reader.u32()
            guard entries <= count else { throw WalkMemoryArchiveError(description: "\(entries) path lists for \(count) commits") }
            var paths: [Int32: [String]?] = [:]
            for _ in 0..<entries {
                let commit = try reader.u32()
                guard commit < count else { throw WalkMemoryArchiveError(description: "a path list for commit \(commit) of \(count)") }
                let index = Int32(commit)
                let readable = try reader.byte() != 0
                paths.updateValue(readable ? try reader.indexes(into: pathList) : nil, forKey: index)
            }
            lists.append(paths)
        }
        guard reader.isAtEnd else { throw WalkMemoryArchiveError(description: "bytes left after the last path list") }
        guard let parents = ParentTable(starts: starts, values: allParents) else {
            throw WalkMemoryArchiveError(description: "a parent table that does not add up")
        }
        self.init(key: key, ids: ids, parents: parents, records: records, identities: identities,
                  classifications: classifications, areas: areas, commitLimit: commitLimit, trackedLimit: trackedLimit,
                  fullPaths: lists[0], trackedPaths: lists[1])
    }
}
