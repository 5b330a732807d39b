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
        let empty = RawTree()
        let left = try old.map { (id) throws(GitError) in try cache.tree(id, from: database) } ?? empty
        let right = try new.map { (id) throws(GitError) in try cache.tree(id, from: database) } ?? empty
        var i = 0
        var j = 0
        var a = left.entry(at: &i)
        var b = right.entry(at: &j)
        while a != nil || b != nil {
            let order: Int
            if let a, let b {
                order = RawTree.compare(left, a, right, b)
            } else {
                order = a == nil ? 1 : -1
            }
            if order < 0 {
                try side(left, a!, directory: directory, cache: &cache, database: database, into: &paths)
                a = left.entry(at: &i)
            } else if order > 0 {
                try side(right, b!, directory: directory, cache: &cache, database: database, into: &paths)
                b = right.entry(at: &j)
            } else {
                let x = a!, y = b!
                a = left.entry(at: &i)
                b = right.entry(at: &j)
                if RawTree.same(left, x, right, y) { continue }
                let path = directory + left.name(x)
                if x.isTree && y.isTree {
                    guard wants(directory: path + "/") else { continue }
                    try compare(old: left.id(x), new: right.id(y), directory: path + "/",
                                cache: &cache, database: database, into: &paths)
                } else if wants(file: path) {
                    paths.append(path)
                }
            }
        }
    }

    /// An entry present on one side only: every file below it was added or deleted.
    private func side(
        _ tree: RawTree, _ entry: RawTree.Entry, directory: String,
        cache: inout TreeCache, database: ObjectDatabase, into paths: inout [String]
    ) throws(GitError) {
        let path = directory + tree.name(entry)
        if entry.isTree {
            guard wants(directory: path + "/") else { return }
            let child = try cache.tree(tree.id(entry), from: database)
            try child.forEachEntry { (inner) throws(GitError) in
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
