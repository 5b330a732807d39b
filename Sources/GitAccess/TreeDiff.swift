/// Which paths changed between two trees: a merge walk over both trees' sorted entries that skips every
/// subtree whose id did not change. It lists file paths (blobs, symlinks, submodules), like
/// `git log --no-renames --name-only`: a renamed file shows as its old and its new path.
struct TreeDiff {
    /// Path prefixes to look under (`.github/`, `infra/`, `Dockerfile`); empty means everything.
    let prefixes: [String]

    func changedPaths(
        old: ObjectID?, new: ObjectID?, cache: inout TreeCache, database: ObjectDatabase
    ) throws(GitError) -> [String] {
        var paths: [String] = []
        try compare(old: old, new: new, directory: "", cache: &cache, database: database, into: &paths)
        return paths
    }

    private func compare(
        old: ObjectID?, new: ObjectID?, directory: String,
        cache: inout TreeCache, database: ObjectDatabase, into paths: inout [String]
    ) throws(GitError) {
        if old == new { return }
        let left = try old.map { (id) throws(GitError) in try cache.tree(id, from: database) }
        let right = try new.map { (id) throws(GitError) in try cache.tree(id, from: database) }
        let leftEntries = left?.entries ?? []
        let rightEntries = right?.entries ?? []
        var i = 0
        var j = 0
        while i < leftEntries.count || j < rightEntries.count {
            let order: Int
            if i == leftEntries.count {
                order = 1
            } else if j == rightEntries.count {
                order = -1
            } else {
                order = ParsedTree.compare(left!, leftEntries[i], right!, rightEntries[j])
            }
            if order < 0 {
                try side(left!, leftEntries[i], directory: directory, cache: &cache, database: database, into: &paths)
                i += 1
            } else if order > 0 {
                try side(right!, rightEntries[j], directory: directory, cache: &cache, database: database, into: &paths)
                j += 1
            } else {
                let a = leftEntries[i]
                let b = rightEntries[j]
                i += 1
                j += 1
                if a.id == b.id && a.mode == b.mode { continue }
                let path = directory + left!.name(a)
                if a.isTree && b.isTree {
                    guard wants(directory: path + "/") else { continue }
                    try compare(old: a.id, new: b.id, directory: path + "/", cache: &cache, database: database, into: &paths)
                } else if wants(file: path) {
                    paths.append(path)
                }
            }
        }
    }

    /// An entry present on one side only: every file below it was added or deleted.
    private func side(
        _ tree: ParsedTree, _ entry: ParsedTree.Entry, directory: String,
        cache: inout TreeCache, database: ObjectDatabase, into paths: inout [String]
    ) throws(GitError) {
        let path = directory + tree.name(entry)
        if entry.isTree {
            guard wants(directory: path + "/") else { return }
            // Comparing against nothing lists everything below.
            let child = try cache.tree(entry.id, from: database)
            for inner in child.entries {
                try side(child, inner, directory: path + "/", cache: &cache, database: database, into: &paths)
            }
        } else if wants(file: path) {
            paths.append(path)
        }
    }

    private func wants(directory: String) -> Bool {
        prefixes.isEmpty || prefixes.contains { $0.hasPrefix(directory) || directory.hasPrefix($0) }
    }

    private func wants(file path: String) -> Bool {
        prefixes.isEmpty || prefixes.contains { path.hasPrefix($0) }
    }
}
