import GitAccess

/// Writes file outcomes for the outcomes cache file (`KeptOutcomes`): every string goes once into a
/// table, and the outcomes name them by index (entry ids, tools, feeds and paths recur from file to file).
struct OutcomeWriter {
    private(set) var table: [String] = []
    private var positions: [String: Int] = [:]
    var out = ByteWriter()

    mutating func string(_ value: String) {
        if let known = positions[value] {
            out.u32(known)
            return
        }
        positions[value] = table.count
        out.u32(table.count)
        table.append(value)
    }

    mutating func optionalString(_ value: String?) {
        guard let value else { return out.u32(Self.none) }
        string(value)
    }

    mutating func strings(_ values: [String]) {
        out.u32(values.count)
        for value in values { string(value) }
    }

    /// A line, column or step count: never negative in an outcome.
    mutating func number(_ value: Int) {
        out.i64(Int64(value))
    }

    mutating func optionalNumber(_ value: Int?) {
        out.i64(value.map(Int64.init) ?? -1)
    }

    /// The index that stands for nil.
    static let none = Int(UInt32.max)
}

/// Reads what `OutcomeWriter` wrote; any index, count or number that cannot be right is an error.
struct OutcomeReader {
    let table: [String]
    var bytes: ByteReader

    mutating func string() throws(WalkMemoryArchiveError) -> String {
        let index = try bytes.u32()
        guard index < table.count else { throw WalkMemoryArchiveError(description: "string \(index) of \(table.count)") }
        return table[index]
    }

    mutating func optionalString() throws(WalkMemoryArchiveError) -> String? {
        let index = try bytes.u32()
        if index == OutcomeWriter.none { return nil }
        guard index < table.count else { throw WalkMemoryArchiveError(description: "string \(index) of \(table.count)") }
        return table[index]
    }

    /// A count of items each at least `itemSize` bytes long: more than the bytes left can hold is damage.
    mutating func count(itemSize: Int = 4) throws(WalkMemoryArchiveError) -> Int {
        let count = try bytes.u32()
        guard count <= bytes.remaining / itemSize else { throw WalkMemoryArchiveError(description: "implausible count \(count)") }
        return count
    }

    mutating func strings() throws(WalkMemoryArchiveError) -> [String] {
        var values: [String] = []
        for _ in 0..<(try count()) { values.append(try string()) }
        return values
    }

    mutating func number() throws(WalkMemoryArchiveError) -> Int {
        let value = try bytes.i64()
        guard value >= 0 else { throw WalkMemoryArchiveError(description: "negative number \(value)") }
        return Int(value)
    }

    mutating func optionalNumber() throws(WalkMemoryArchiveError) -> Int? {
        let value = try bytes.i64()
        if value == -1 { return nil }
        guard value >= 0 else { throw WalkMemoryArchiveError(description: "negative number \(value)") }
        return Int(value)
    }

    mutating func byte() throws(WalkMemoryArchiveError) -> UInt8 {
        try bytes.byte()
    }
}

/// A `FileOutcome` as bytes: the read (0 text, 1 skipped), the searches (entry, line, steps), then the
/// detections, problems, notes, CODEOWNERS files (path, then each rule's pattern, owners and line), badges,
/// build targets and image references, each list a u32 count followed by its items' fields in order.
extension FileOutcome {
    func write(to writer: inout OutcomeWriter) {
        writer.out.u8(read == .text ? 0 : 1)
        writer.out.u32(searches.count)
        for (entry, search) in searches.sorted(by: { $0.key < $1.key }) {
            writer.string(entry)
            writer.optionalNumber(search.line)
            writer.number(search.steps)
        }
        writer.out.u32(detections.count)
        for detection in detections { detection.write(to: &writer) }
        writer.out.u32(problems.count)
        for problem in problems {
            writer.string(problem.path)
            writer.optionalNumber(problem.line)
            writer.optionalNumber(problem.column)
            writer.string(problem.message)
            writer.strings(problem.feeds)
        }
        writer.strings(notes)
        writer.out.u32(codeowners.count)
        for file in codeowners {
            writer.string(file.path)
            writer.out.u32(file.rules.count)
            for rule in file.rules {
                writer.string(rule.pattern)
                writer.strings(rule.owners)
                writer.number(rule.line)
            }
        }
        writer.out.u32(badges.count)
        for badge in badges {
            writer.string(badge.name)
            writer.string(badge.kind)
            writer.string(badge.path)
            writer.number(badge.line)
        }
        writer.strings(buildTargets)
        writer.out.u32(images.count)
        for image in images {
            writer.string(image.path)
            writer.number(image.line)
            writer.string(image.image)
        }
    }

    init(from reader: inout OutcomeReader) throws(WalkMemoryArchiveError) {
        switch try reader.byte() {
        case 0: read = .text
        case 1: read = .skipped
        case let other: throw WalkMemoryArchiveError(description: "read kind \(other)")
        }
        var searches: [String: ContentMatches.Search] = [:]
        for _ in 0..<(try reader.count(itemSize: 20)) {
            let entry = try reader.string()
            searches[entry] = ContentMatches.Search(line: try reader.optionalNumber(), steps: try reader.number())
        }
        self.searches = searches
        var detections: [Detection] = []
        for _ in 0..<(try reader.count(itemSize: 32)) { detections.append(try Detection(from: &reader)) }
        self.detections = detections
        var problems: [DetectionProblem] = []
        for _ in 0..<(try reader.count(itemSize: 28)) {
            problems.append(DetectionProblem(path: try reader.string(), line: try reader.optionalNumber(),
                                             column: try reader.optionalNumber(), message: try reader.string(),
                                             feeds: try reader.strings()))
        }
        self.problems = problems
        notes = try reader.strings()
        var codeowners: [CodeownersFile] = []
        for _ in 0..<(try reader.count(itemSize: 8)) {
            let path = try reader.string()
            var rules: [CodeownersFile.Rule] = []
            for _ in 0..<(try reader.count(itemSize: 16)) {
                let pattern = try reader.string()
                rules.append(CodeownersFile.Rule(pattern: pattern, owners: try reader.strings(), line: try reader.number(),
                                                 globs: CodeownersFile.globs(for: pattern)))
            }
            codeowners.append(CodeownersFile(path: path, rules: rules))
        }
        self.codeowners = codeowners
        var badges: [StatusBadge] = []
        for _ in 0..<(try reader.count(itemSize: 20)) {
            badges.append(StatusBadge(name: try reader.string(), kind: try reader.string(), path: try reader.string(),
                                      line: try reader.number()))
        }
        self.badges = badges
        buildTargets = try reader.strings()
        var images: [ImageReference] = []
        for _ in 0..<(try reader.count(itemSize: 16)) {
            images.append(ImageReference(path: try reader.string(), line: try reader.number(), image: try reader.string()))
        }
        self.images = images
    }
}

extension Detection {
    func write(to writer: inout OutcomeWriter) {
        writer.string(entry)
        writer.string(tool)
        writer.optionalString(kind)
        writer.strings(feeds)
        writer.string(path)
        writer.optionalNumber(line)
        writer.string(artefact)
        writer.out.u8(ecosystem.flatMap { DependencyEcosystem.allCases.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0)
        writer.optionalString(dependency)
    }

    init(from reader: inout OutcomeReader) throws(WalkMemoryArchiveError) {
        let entry = try reader.string()
        let tool = try reader.string()
        let kind = try reader.optionalString()
        let feeds = try reader.strings()
        let path = try reader.string()
        let line = try reader.optionalNumber()
        let artefact = try reader.string()
        let ecosystem = try DependencyEcosystem.read(from: &reader)
        self.init(entry: entry, tool: tool, kind: kind, feeds: feeds, path: path, line: line, artefact: artefact,
                  ecosystem: ecosystem, dependency: try reader.optionalString())
    }
}

extension CodeownersFile {
    /// A file as an outcome archive kept its rules.
    init(path: String, rules: [Rule]) {
        self.path = path
        self.rules = rules
    }
}
