extension GitRepository {
    /// Every entry of a commit's tree, recursively, in git's order: files with their mode and size.
    /// Symlinks and submodules are listed as such and never followed.
    public func treeListing(of commit: ObjectID) throws(GitError) -> [TreeEntry] {
        let info = try self.commit(commit)
        var cache = TreeCache(generationBytes: 8 << 20)
        var entries: [TreeEntry] = []
        try list(tree: info.tree, directory: "", depth: 0, cache: &cache, into: &entries)
        return entries
    }

    private func list(
        tree id: ObjectID, directory: String, depth: Int, cache: inout TreeCache, into entries: inout [TreeEntry]
    ) throws(GitError) {
        // Trees nest as deep as paths do; a crafted repository could nest far deeper than any real one.
        guard depth < 512 else {
            throw GitError(operation: "list tree", message: "trees nested deeper than 512 levels at \(directory)", kind: .corrupt)
        }
        let tree = try cache.tree(id, from: database)
        try tree.forEachEntry { (entry) throws(GitError) in
            let path = directory + tree.name(entry)
            let object = tree.id(entry)
            switch entry.mode & 0o170000 {
            case 0o040000:
                try list(tree: object, directory: path + "/", depth: depth + 1, cache: &cache, into: &entries)
            case 0o160000:
                entries.append(TreeEntry(path: path, kind: .submodule, mode: entry.mode, object: object, size: nil))
            default:
                let kind: TreeEntryKind
                switch entry.mode & 0o170000 {
                case 0o120000: kind = .symlink
                default: kind = entry.mode & 0o111 != 0 ? .executable : .file
                }
                // A blob can be missing without the repository being damaged: partial clones
                // (`--filter=blob:limit=…`) and size-capped mirrors leave large files out. The entry is
                // listed without a size, and reading it later reports it unreadable.
                let size: Int?
                do throws(GitError) {
                    size = try database.header(object, "read the size of \(path)").size
                } catch {
                    guard error.kind == .notFound else { throw error }
                    size = nil
                }
                entries.append(TreeEntry(path: path, kind: kind, mode: entry.mode, object: object, size: size))
            }
        }
    }
}
