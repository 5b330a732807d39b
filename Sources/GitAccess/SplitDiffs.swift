import Foundation

/// One commit's diff, as a replay asks for it: its tree against its first parent's (nil for a root).
public struct TreePair: Sendable {
    public let tree: ObjectID
    public let parentTree: ObjectID?

    public init(tree: ObjectID, parentTree: ObjectID?) {
        self.tree = tree
        self.parentTree = parentTree
    }
}

/// Many commits' changed paths worked out at once on two threads: the list is cut in two runs of
/// neighbours (so each run's tree cache serves it as a walk's does), the second run read through an
/// object database of its own, which takes no lock shared with the first (cdscan's pack reader).
/// The paths are the same as one `CommitDiffer` gives pair by pair; a pair whose trees cannot be read
/// gives nil.
public enum SplitDiffs {
    /// Below this many pairs a second thread costs more than it saves.
    static let threadFloor = 256

    public static func changedPaths(_ pairs: [TreePair], prefixes: [String], exactPaths: Bool,
                                    repository: GitRepository) -> [[String]?] {
        let diff = TreeDiff(prefixes: prefixes, exactPaths: exactPaths)
        guard pairs.count >= threadFloor else { return run(pairs[...], diff: diff, database: repository.database) }
        let (first, second) = (pairs[..<(pairs.count / 2)], pairs[(pairs.count / 2)...])
        let objectsDirectory = repository.objectsDirectory
        // Nil when the second object database cannot be opened: its half is then diffed here too.
        let secondRun = BackgroundValue { () -> [[String]?]? in
            guard let database = try? ObjectDatabase(objectsDirectory: objectsDirectory) else { return nil }
            return run(second, diff: diff, database: database)
        }
        let firstPaths = run(first, diff: diff, database: repository.database)
        return firstPaths + (secondRun.value ?? run(second, diff: diff, database: repository.database))
    }

    private static func run(_ pairs: ArraySlice<TreePair>, diff: TreeDiff, database: ObjectDatabase) -> [[String]?] {
        var cache = TreeCache()
        return pairs.map { pair in
            try? diff.changedPaths(old: pair.parentTree, new: pair.tree, cache: &cache, database: database)
        }
    }
}
