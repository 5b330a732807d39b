/// Which catalogue entries a tree path can possibly match, told by its file name alone: almost every glob
/// ends in a literal file name (`dockerfile`, `.gitlab-ci.yml`), a name with a literal start
/// (`contributing*`) or one with a literal end (`*.tf`, `*_test.go`), and a path whose last part fits no
/// alternative's last segment matches no alternative. Testing only those entries, instead of every
/// entry's every glob for every path of the tree, is what keeps the detectors cheap on large trees.
struct CandidateEntries {
    private var byName: [[UInt8]: [Int]] = [:]
    private var byPrefix: [[UInt8]: [Int]] = [:]
    private var bySuffix: [[UInt8]: [Int]] = [:]
    private var prefixLengths: [Int] = []
    private var suffixLengths: [Int] = []
    /// Entries with a glob whose last segment says nothing of the name (`docs/**`, `*test*`): always tested.
    private var always: [Int] = []
    private let count: Int

    init(_ entries: [CatalogueEntry]) {
        count = entries.count
        for (index, entry) in entries.enumerated() {
            var names = Set<[UInt8]>(), prefixes = Set<[UInt8]>(), suffixes = Set<[UInt8]>()
            var indexable = true
            for last in entry.paths.flatMap(\.lastNames) {
                guard let last else { indexable = false; break }
                let wild = { (byte: UInt8) in byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") }
                guard let first = last.firstIndex(where: wild), let final = last.lastIndex(where: wild) else {
                    names.insert(last)
                    continue
                }
                // `*` and `?` stay within the name, so what comes before the first and after the last
                // must be its start and its end.
                if first > 0 {
                    prefixes.insert(Array(last[..<first]))
                } else if final + 1 < last.count {
                    suffixes.insert(Array(last[(final + 1)...]))
                } else {
                    indexable = false
                    break
                }
            }
            guard indexable else { always.append(index); continue }
            for name in names { byName[name, default: []].append(index) }
            for prefix in prefixes { byPrefix[prefix, default: []].append(index) }
            for suffix in suffixes { bySuffix[suffix, default: []].append(index) }
        }
        prefixLengths = Set(byPrefix.keys.map(\.count)).sorted()
        suffixLengths = Set(bySuffix.keys.map(\.count)).sorted()
    }

    /// Indexes, in catalogue order, of the entries that may accept the path; every other entry's globs
    /// reject it. The index is built from lower-cased names: the detector catalogues' globs ignore case.
    func candidates(for path: GlobPath) -> [Int] {
        guard let name = path.lowercasedLastName else { return Array(0..<count) }
        var result = always
        if let hit = byName[name] { result += hit }
        for length in prefixLengths where length <= name.count {
            if let hit = byPrefix[Array(name[..<length])] { result += hit }
        }
        for length in suffixLengths where length <= name.count {
            if let hit = bySuffix[Array(name[(name.count - length)...])] { result += hit }
        }
        return Array(Set(result)).sorted()
    }
}
