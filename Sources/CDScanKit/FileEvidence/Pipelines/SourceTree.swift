import GitAccess

/// The HEAD tree as pipeline parsers see it: which paths exist, and their text, read once each from the
/// object database (never the work tree). Lives only while pipelines are collected.
final class SourceTree {
    enum Content {
        case text(String)
        /// Not read (binary, too large, not a file, unreadable), with the note to keep.
        case skipped(String)
    }

    private let entries: [String: TreeEntry]
    private let reader: (TreeEntry) -> FileRead
    private var cache: [String: Content] = [:]
    let paths: [String]

    init(entries: [TreeEntry], read: @escaping (TreeEntry) -> FileRead) {
        let files = entries.filter { $0.kind == .file || $0.kind == .executable }
        self.entries = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.paths = files.map(\.path).sorted()
        self.reader = read
    }

    convenience init(layout: RepositoryLayout) {
        self.init(entries: layout.tree, read: layout.files.read)
    }

    /// A tree of literal files, for tests.
    convenience init(files: [String: String]) {
        let texts = files
        let entries = files.keys.sorted().map {
            TreeEntry(path: $0, kind: .file, mode: 0o100644, object: ObjectID(hex: String(repeating: "0", count: 40))!, size: texts[$0]!.utf8.count)
        }
        self.init(entries: entries) { entry in .text(texts[entry.path] ?? "") }
    }

    func exists(_ path: String) -> Bool { entries[path] != nil }

    func content(_ path: String) -> Content? {
        if let known = cache[path] { return known }
        guard let entry = entries[path] else { return nil }
        let content: Content
        switch reader(entry) {
        case .text(let text): content = .text(text)
        case .binary(let size): content = .skipped("\(path): skipped, a binary file (\(size) bytes)")
        case .tooLarge(let size, let cap): content = .skipped("\(path): skipped, \(size) bytes is over the \(cap)-byte cap")
        case .notAFile(let kind): content = .skipped("\(path): skipped, not a file (\(kind))")
        case .unreadable(let reason): content = .skipped("\(path): skipped, unreadable (\(reason))")
        }
        cache[path] = content
        return content
    }

    func text(_ path: String) -> String? {
        if case .text(let text) = content(path) { return text }
        return nil
    }
}
