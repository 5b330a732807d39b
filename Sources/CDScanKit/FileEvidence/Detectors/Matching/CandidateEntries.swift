/// Which catalogue entries a tree path can possibly match, told by its names alone: almost every glob
/// ends in a literal file name (`dockerfile`, `.gitlab-ci.yml`), a name with a literal start
/// (`contributing*`) or one with a literal end (`*.tf`, `*_test.go`), and a path whose last part fits no
/// alternative's last segment matches no alternative. A glob whose last name may be anything mostly names a
/// folder instead (`**/e2e/**`, `docs/**`, `.github/ISSUE_TEMPLATE/*`): a path none of whose names is that
/// folder matches none of its alternatives. Testing only those entries, instead of every entry's every
/// glob for every path of the tree, is what keeps the detectors cheap on wide trees.
///
/// A filter, never a verdict: the keys are lower-cased, so a case-sensitive glob may be a candidate for a
/// path it then rejects, but a path a glob accepts always has that glob's entry among its candidates.
struct CandidateEntries: Sendable {
    private var byName: [NameKey: [Int]] = [:]
    private var byPrefix: [NameKey: [Int]] = [:]
    private var bySuffix: [NameKey: [Int]] = [:]
    /// Entries with an alternative that needs a folder (or any name) of the path to be this literal name.
    private var byRequiredName: [NameKey: [Int]] = [:]
    private var prefixLengths: [Int] = []
    private var suffixLengths: [Int] = []
    /// Entries with a glob that says nothing literal of any name (`*test*`, `**/*.Tests/**`): always tested.
    private var always: [Int] = []
    private let count: Int

    init(_ entries: [CatalogueEntry]) {
        self.init(globs: entries.map(\.paths))
    }

    /// `globs[i]` are the globs of entry `i`; the entry is a candidate when any of them may match.
    init(globs: [[PathGlob]]) {
        count = globs.count
        let lowercased = { (name: [UInt8]) in name.map(GlobName.lowercased) }
        for (index, entryGlobs) in globs.enumerated() {
            // Sets of `NameKey`, hashed as runs of bytes (a set of byte arrays hashes byte by byte).
            var names = Set<NameKey>(), prefixes = Set<NameKey>(), suffixes = Set<NameKey>(), required = Set<NameKey>()
            var indexable = true
            for glob in entryGlobs {
                for (last, requiredName) in zip(glob.lastNames, glob.requiredNames) {
                    if let last, let key = Self.lastNameKey(lowercased(last)) {
                        switch key {
                        case .name(let name): names.insert(NameKey(name[...]))
                        case .prefix(let prefix): prefixes.insert(NameKey(prefix[...]))
                        case .suffix(let suffix): suffixes.insert(NameKey(suffix[...]))
                        }
                    } else if let requiredName {
                        required.insert(NameKey(lowercased(requiredName)[...]))
                    } else {
                        indexable = false
                    }
                }
            }
            guard indexable else { always.append(index); continue }
            for name in names { byName[name, default: []].append(index) }
            for prefix in prefixes { byPrefix[prefix, default: []].append(index) }
            for suffix in suffixes { bySuffix[suffix, default: []].append(index) }
            for name in required { byRequiredName[name, default: []].append(index) }
        }
        prefixLengths = Set(byPrefix.keys.map(\.bytes.count)).sorted()
        suffixLengths = Set(bySuffix.keys.map(\.bytes.count)).sorted()
    }

    /// A name or part of one, looked up without copying it, and hashed as one run of bytes rather than
    /// byte by byte (as `ArraySlice` hashes): every path of the tree costs a dozen lookups.
    private struct NameKey: Hashable, Sendable {
        let bytes: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }

        static func == (lhs: NameKey, rhs: NameKey) -> Bool {
            lhs.bytes.elementsEqual(rhs.bytes)
        }
    }

    private enum LastNameKey {
        case name([UInt8]), prefix([UInt8]), suffix([UInt8])
    }

    /// What a last-name glob says of the name literally; nil when it is all wildcards inside (`*test*`).
    private static func lastNameKey(_ last: [UInt8]) -> LastNameKey? {
        let wild = { (byte: UInt8) in byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") }
        guard let first = last.firstIndex(where: wild), let final = last.lastIndex(where: wild) else { return .name(last) }
        // `*` and `?` stay within the name, so what comes before the first and after the last
        // must be its start and its end.
        if first > 0 { return .prefix(Array(last[..<first])) }
        if final + 1 < last.count { return .suffix(Array(last[(final + 1)...])) }
        return nil
    }

    /// Indexes, in catalogue order, of the entries that may accept the path; every other entry's globs
    /// reject it.
    func candidates(for path: GlobPath) -> [Int] {
        guard let name = path.names.last.map(Self.lowercased) else { return Array(0..<count) }
        var result = always
        if let hit = byName[NameKey(name)] { result += hit }
        for length in prefixLengths where length <= name.count {
            if let hit = byPrefix[NameKey(name.prefix(length))] { result += hit }
        }
        for length in suffixLengths where length <= name.count {
            if let hit = bySuffix[NameKey(name.suffix(length))] { result += hit }
        }
        if !byRequiredName.isEmpty {
            for part in path.names {
                if let hit = byRequiredName[NameKey(Self.lowercased(part))] { result += hit }
            }
        }
        guard result.count > 1 else { return result }
        result.sort()
        var unique = 0
        for index in result.indices where index == 0 || result[index] != result[unique - 1] {
            result[unique] = result[index]
            unique += 1
        }
        result.removeLast(result.count - unique)
        return result
    }

    /// The name lower-cased (ASCII), copied only when it holds an upper-case letter.
    private static func lowercased(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard name.contains(where: { $0 != GlobName.lowercased($0) }) else { return name }
        return ArraySlice(name.map(GlobName.lowercased))
    }
}
