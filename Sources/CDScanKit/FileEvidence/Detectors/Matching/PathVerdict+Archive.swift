import GitAccess

/// A `PathVerdict` as the outcomes cache keeps it: the entries and globs by index into the catalogue
/// (the very catalogue, by the file's key), so it is made again without matching a glob.
struct KeptVerdict: Sendable {
    let path: String
    let isIgnored: Bool
    let coveredAsPipeline: Bool
    let testRole: TestInventory.Role?
    let ecosystem: DependencyEcosystem?
    /// Each accepting entry's index, and its glob's index among the entry's `paths`.
    let entries: [(entry: Int, glob: Int)]

    /// Nil when a glob is not among its entry's paths (a verdict of another catalogue).
    init?(_ verdict: PathVerdict, of path: String, in catalogue: DetectorCatalogue) {
        var entries: [(entry: Int, glob: Int)] = []
        for (index, glob) in verdict.entries {
            guard index < catalogue.entries.count, let position = catalogue.entries[index].paths.firstIndex(of: glob) else { return nil }
            entries.append((index, position))
        }
        self.init(path: path, isIgnored: verdict.isIgnored, coveredAsPipeline: verdict.coveredAsPipeline,
                  testRole: verdict.testRole, ecosystem: verdict.ecosystem, entries: entries)
    }

    init(path: String, isIgnored: Bool, coveredAsPipeline: Bool, testRole: TestInventory.Role?,
         ecosystem: DependencyEcosystem?, entries: [(entry: Int, glob: Int)]) {
        self.path = path
        self.isIgnored = isIgnored
        self.coveredAsPipeline = coveredAsPipeline
        self.testRole = testRole
        self.ecosystem = ecosystem
        self.entries = entries
    }

    /// The verdict with `catalogue`'s entries and globs; nil when an index is past them.
    func verdict(in catalogue: DetectorCatalogue) -> PathVerdict? {
        var accepted: [(index: Int, glob: PathGlob)] = []
        for (entry, glob) in entries {
            guard entry < catalogue.entries.count, glob < catalogue.entries[entry].paths.count else { return nil }
            accepted.append((entry, catalogue.entries[entry].paths[glob]))
        }
        return PathVerdict(isIgnored: isIgnored, testRole: testRole, entries: accepted, ecosystem: ecosystem,
                           coveredAsPipeline: coveredAsPipeline)
    }

    /// Path, flags (1 ignored, 2 covered as a pipeline, 4 a test role, 8 the role is a test), the role's
    /// language when there is one, the ecosystem (0 none, else 1 + its place in `allCases`), the entries
    /// (a count, then entry and glob index, u32 each).
    func write(to writer: inout OutcomeWriter) {
        writer.string(path)
        var flags: UInt8 = (isIgnored ? 1 : 0) | (coveredAsPipeline ? 2 : 0)
        if let testRole { flags |= 4 | (testRole.isTest ? 8 : 0) }
        writer.out.u8(flags)
        if let testRole { writer.string(testRole.language) }
        writer.out.u8(ecosystem.flatMap { DependencyEcosystem.allCases.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0)
        writer.out.u32(entries.count)
        for (entry, glob) in entries {
            writer.out.u32(entry)
            writer.out.u32(glob)
        }
    }

    init(from reader: inout OutcomeReader) throws(WalkMemoryArchiveError) {
        path = try reader.string()
        let flags = try reader.byte()
        guard flags < 16, flags & 8 == 0 || flags & 4 != 0 else { throw WalkMemoryArchiveError(description: "verdict flags \(flags)") }
        isIgnored = flags & 1 != 0
        coveredAsPipeline = flags & 2 != 0
        testRole = flags & 4 != 0 ? TestInventory.Role(language: try reader.string(), isTest: flags & 8 != 0) : nil
        ecosystem = try DependencyEcosystem.read(from: &reader)
        var entries: [(entry: Int, glob: Int)] = []
        for _ in 0..<(try reader.count(itemSize: 8)) {
            entries.append((try reader.bytes.u32(), try reader.bytes.u32()))
        }
        self.entries = entries
    }
}

extension DependencyEcosystem {
    /// 0 for none, else 1 + the ecosystem's place in `allCases`.
    static func read(from reader: inout OutcomeReader) throws(WalkMemoryArchiveError) -> DependencyEcosystem? {
        let byte = Int(try reader.byte())
        guard byte <= allCases.count else { throw WalkMemoryArchiveError(description: "ecosystem \(byte)") }
        return byte == 0 ? nil : allCases[byte - 1]
    }
}
