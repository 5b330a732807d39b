/// Trees listed before, by id: each entry's name, mode and object, and a blob's size. A tree object never
/// changes (nor does a blob's size), so a listing that meets a tree it holds reads neither the tree nor
/// the headers of its blobs: kept in the history cache, it spares a rescan of git/git reading 500 trees and
/// 4,800 blob headers when a few files changed. Only trees read whole are kept (no damaged or missing
/// blob, listing not stopped by its budget). Used by one thread at a time, like the repository.
public final class KnownTrees: @unchecked Sendable {
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let mode: UInt32
        public let object: ObjectID
        /// The blob's size; nil for a subtree or a submodule.
        public let size: Int?

        public init(name: String, mode: UInt32, object: ObjectID, size: Int?) {
            self.name = name
            self.mode = mode
            self.object = object
            self.size = size
        }
    }

    private var trees: [ObjectID: [Entry]]
    /// The trees the listings used or learnt: the ones worth keeping.
    private var met: Set<ObjectID> = []
    private var learnt = false
    /// Whether a listing used these trees (else they are kept as they were read).
    private var listed = false

    public init(_ trees: [ObjectID: [Entry]] = [:]) {
        self.trees = trees
    }

    /// Called when a listing begins: from then on, only the trees listings meet are kept.
    func startListing() {
        listed = true
    }

    func entries(of tree: ObjectID) -> [Entry]? {
        guard let entries = trees[tree] else { return nil }
        met.insert(tree)
        return entries
    }

    /// Every blob's size the known trees hold, by blob: a changed tree mostly names blobs seen before.
    /// Made at the first question, kept up to date with the trees learnt after.
    private var sizes: [ObjectID: Int]?

    func size(of blob: ObjectID) -> Int? {
        if let sizes { return sizes[blob] }
        var made: [ObjectID: Int] = [:]
        for entries in trees.values { Self.addSizes(of: entries, to: &made) }
        sizes = made
        return made[blob]
    }

    private static func addSizes(of entries: [Entry], to sizes: inout [ObjectID: Int]) {
        for entry in entries { if let size = entry.size { sizes[entry.object] = size } }
    }

    func remember(_ entries: [Entry], of tree: ObjectID) {
        trees[tree] = entries
        met.insert(tree)
        learnt = true
        if sizes != nil { Self.addSizes(of: entries, to: &sizes!) }
    }

    /// Whether the kept trees differ from what was loaded: some were learnt, or some are no longer listed.
    public var changed: Bool { learnt || (listed && trees.keys.contains { !met.contains($0) }) }

    /// The trees the listings met; every tree when no listing used them (trees read from a file and
    /// written again as they are).
    public var current: [ObjectID: [Entry]] { listed ? trees.filter { met.contains($0.key) } : trees }

    public var count: Int { trees.count }
}
