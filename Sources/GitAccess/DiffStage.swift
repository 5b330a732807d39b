import Foundation

/// A commit the walk has read, with the diff it is owed: the walk decides which commits are diffed and
/// under which prefixes (so the budgets count exactly as before), and finds the first parent's tree.
struct PendingDiff {
    var commit: CommitInfo
    /// The tree to diff against (nil for a root commit), or why it could not be found.
    var parentTree: Result<ObjectID?, GitError>
    var diff: TreeDiff?
    var scope: ChangedPathsScope = .full
}

/// Computes the walk's changed paths on a thread of its own, between the walk and the visitor: the walk
/// reads commits (the history's order depends on each one read), this stage reads and compares their
/// trees through an object database of its own (cdscan's pack reader takes no lock, so the two do not
/// wait for each other), and hands the commits on, in the walk's order, to the visitor's handoff.
/// A tree that cannot be read costs its commit its paths, counted as the walk counts it.
final class DiffStage: @unchecked Sendable {  // the counts are written by the thread, read after `join`
    let input = BatchHandoff<PendingDiff>()
    private let output: CommitHandoff
    private let database: ObjectDatabase
    private let done = DispatchSemaphore(value: 0)
    private(set) var unreadableTrees = 0
    private(set) var firstUnreadableTree: GitError?
    /// With `keepsPaths`, every diff computed, for the walk's memory to keep once the stage is done
    /// (the memory belongs to the walk's thread).
    private let keepsPaths: Bool
    private(set) var computed: [(id: ObjectID, scope: ChangedPathsScope, paths: [String])] = []

    init(objectsDirectory: String, output: CommitHandoff, keepsPaths: Bool) throws(GitError) {
        self.output = output
        self.keepsPaths = keepsPaths
        database = try ObjectDatabase(objectsDirectory: objectsDirectory)
    }

    func start() {
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.start()
    }

    /// Waits until every commit put in was handed on (or the visitor stopped taking them).
    func join() {
        done.wait()
    }

    private func run() {
        var trees = TreeCache()
        while let batch = input.take() {
            var commits: [CommitInfo] = []
            commits.reserveCapacity(batch.count)
            for pending in batch {
                var commit = pending.commit
                if let diff = pending.diff {
                    do throws(GitError) {
                        let parentTree = try pending.parentTree.get()
                        let paths = try diff.changedPaths(old: parentTree, new: commit.tree, cache: &trees, database: database)
                        commit.changedPaths = paths
                        if keepsPaths { computed.append((commit.id, pending.scope, paths)) }
                    } catch {
                        unreadableTrees += 1
                        if firstUnreadableTree == nil { firstUnreadableTree = error }
                    }
                }
                commits.append(commit)
            }
            guard output.put(commits) else {
                // The visitor failed: the walk's next `put` learns it, and what is queued is dropped.
                input.stop()
                while input.take() != nil {}
                return
            }
        }
    }
}
