import GitAccess

/// The HEAD tree as pipeline parsers see it: which paths exist, and their text, read from the object
/// database (never the work tree) once per blob however many paths point at it. Lives only while
/// pipelines are collected.
final class SourceTree {
    enum Content {
        case text(String)
        /// Not read (binary, too large, not a file, unreadable), with why, to note against the path.
        case skipped(String)
    }

    private let entries: [String: TreeEntry]
    private let reader: (TreeEntry) -> FileRead
    /// By blob id: a hundred thousand paths naming one blob cost one read.
    private var cache: [ObjectID: Content] = [:]
    let paths: [String]

    init(entries: [TreeEntry], read: @escaping (TreeEntry) -> FileRead) {
        let files = entries.filter { $0.kind == .file || $0.kind == .executable }
        self.entries = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let paths = files.map(\.path)
        // A tree's listing is usually in path order already: checking costs far less than sorting.
        self.paths = zip(paths, paths.dropFirst()).allSatisfy { $0 < $1 } ? paths : paths.sorted()
        self.reader = read
    }

    convenience init(layout: RepositoryLayout) {
        self.init(entries: layout.tree, read: layout.files.read)
    }

    /// A tree of literal files, for tests; each text gets the blob id git would give it.
    convenience init(files: [String: String]) {
        let texts = files
        let entries = files.keys.sorted().map { path in
            let bytes = Array(texts[path]!.utf8)
            return TreeEntry(path: path, kind: .file, mode: 0o100644, object: .blobID(of: bytes), size: bytes.count)
        }
        self.init(entries: entries) { entry in .text(texts[entry.path] ?? "") }
    }

    func exists(_ path: String) -> Bool { entries[path] != nil }

    /// The tree entry of a file (its blob id and size), nil for paths that are not files of the tree.
    func entry(_ path: String) -> TreeEntry? { entries[path] }

    func content(_ path: String) -> Content? {
        guard let entry = entries[path] else { return nil }
        if let known = cache[entry.object] { return known }
        let content: Content
        switch reader(entry) {
        case .text(let text): content = .text(text)
        case .binary(let size): content = .skipped("a binary file (\(size) bytes)")
        case .tooLarge(let size, let cap): content = .skipped("\(size) bytes is over the \(cap)-byte cap")
        case .notAFile(let kind): content = .skipped("not a file (\(kind))")
        case .unreadable(let reason): content = .skipped("unreadable (\(reason))")
        }
        cache[entry.object] = content
        return content
    }

    func text(_ path: String) -> String? {
        if case .text(let text) = content(path) { return text }
        return nil
    }
}
