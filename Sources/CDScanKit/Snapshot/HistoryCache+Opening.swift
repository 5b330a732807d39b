import Foundation
import GitAccess

/// What opening a repository read, in its cache folder beside the history: the tag references' peels
/// (`tags`, see `TagPeels`) and the trees of the tree listed (`trees`, see `KnownTrees`), each replaced
/// whole when a scan learnt something or something went away.
extension HistoryCache {
    private static let tagsName = "tags"
    private static let treesName = "trees"

    /// The peels kept by the last scan; none when there are none or they cannot be read (every tag is
    /// then peeled again, and the file written anew).
    func loadTagPeels() -> TagPeels {
        loadQuietly(Self.tagsName) { bytes throws(WalkMemoryArchiveError) in try TagPeels(archived: bytes) } ?? TagPeels()
    }

    /// Keeps the peels of the tags listed now, when they differ from those loaded. Best effort: a folder
    /// that cannot be written only costs the next scan its reads.
    func saveTagPeels(_ peels: TagPeels) {
        if peels.changed { saveQuietly(peels.archived(), to: Self.tagsName) }
    }

    /// The trees kept by the last scan; none when there are none or they cannot be read.
    func loadKnownTrees() -> KnownTrees {
        loadQuietly(Self.treesName) { bytes throws(WalkMemoryArchiveError) in try KnownTrees(archived: bytes) } ?? KnownTrees()
    }

    /// Keeps the trees of the tree listed now, when they differ from those loaded. Best effort.
    func saveKnownTrees(_ trees: KnownTrees) {
        if trees.changed { saveQuietly(trees.archived(), to: Self.treesName) }
    }

    /// A file of the folder decoded; nil when it is missing, unreadable or refused.
    private func loadQuietly<Value>(_ name: String, _ decode: ([UInt8]) throws(WalkMemoryArchiveError) -> Value) -> Value? {
        guard FileManager.default.fileExists(atPath: path(name)),
              let bytes = try? withLock(shared: true, { try CacheFile.read(path(name)) }) else { return nil }
        return try? decode(bytes)
    }

    private func saveQuietly(_ parts: [[UInt8]], to name: String) {
        try? createFolder()
        try? withLock(shared: false) { try write(parts, to: name) }
    }
}

/// The cache a repository is opened with: the tags peeled and the trees listed before, which the opening
/// extends and the scan keeps (`OpenedSnapshot.openingCache`).
struct OpeningCache {
    let cache: HistoryCache
    let peels: TagPeels
    let trees: KnownTrees

    init(_ cache: HistoryCache) {
        self.cache = cache
        peels = cache.loadTagPeels()
        trees = cache.loadKnownTrees()
    }

    /// Writes what changed (best effort).
    func keep() {
        cache.saveTagPeels(peels)
        cache.saveKnownTrees(trees)
    }
}
