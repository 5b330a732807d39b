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
        let half = pairs.count / 2
        guard pairs.count >= threadFloor,
              let database = try? ObjectDatabase(objectsDirectory: repository.objectsDirectory) else {
            return run(pairs[...], diff: diff, database: repository.database)
        }
        let second = SecondRun(Array(pairs[half...]), diff: diff, database: database)
        second.start()
        let first = run(pairs[..<half], diff: diff, database: repository.database)
        return first + second.join()
    }

    private static func run(_ pairs: ArraySlice<TreePair>, diff: TreeDiff, database: ObjectDatabase) -> [[String]?] {
        var cache = TreeCache()
        return pairs.map { pair in
            try? diff.changedPaths(old: pair.parentTree, new: pair.tree, cache: &cache, database: database)
        }
    }

    /// The second half, on a thread of its own; its result is read only after `join`.
    private final class SecondRun: @unchecked Sendable {
        private let pairs: [TreePair]
        private let diff: TreeDiff
        private let database: ObjectDatabase
        private let done = DispatchSemaphore(value: 0)
        private var result: [[String]?] = []

        init(_ pairs: [TreePair], diff: TreeDiff, database: ObjectDatabase) {
            self.pairs = pairs
            self.diff = diff
            self.database = database
        }

        func start() {
            let thread = Thread { [self] in
                result = SplitDiffs.run(pairs[...], diff: diff, database: database)
                done.signal()
            }
            thread.stackSize = 8 << 20  // a diff recurses through directories as deep as on the main thread
            thread.start()
        }

        func join() -> [[String]?] {
            done.wait()
            return result
        }
    }
}
