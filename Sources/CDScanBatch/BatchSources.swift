/// Everything a batch is told to scan: directories to search, list files of paths, URLs and list files of
/// URLs (`cdscan batch DIR... --list --url --url-list`).
public struct BatchSources: Sendable, Hashable {
    public var directories: [String]
    public var lists: [String]
    public var urls: [String]
    public var urlLists: [String]
    /// Where mirrors of the URLs are kept.
    public var cache: String

    public init(directories: [String] = [], lists: [String] = [], urls: [String] = [], urlLists: [String] = [],
                cache: String) {
        self.directories = directories
        self.lists = lists
        self.urls = urls
        self.urlLists = urlLists
        self.cache = cache
    }

    /// What the sources hold.
    public struct Found: Sendable, Hashable {
        /// Every repository, once (see `RepositoryDiscovery.deduplicated`), sorted by key.
        public var targets: [BatchTarget]
        /// The symbolic links the directory searches did not follow, each with its reason.
        public var skipped: [SkippedLink]
        /// The directories searched in which no repository was found.
        public var emptyDirectories: [String]
        /// When there is no target at all, why, in one line (`no repository to scan: none found under DIR;
        /// 2 symbolic links skipped`). A batch of nothing is a mistake (a wrong directory, links that lead
        /// nowhere, an empty list), and `cdscan batch` treats it as a usage error.
        public var nothingToScan: String?
    }

    /// Searches the directories and reads the list files. Throws `DiscoveryError` (a usage error) when a
    /// list file cannot be read.
    public func discover() throws -> Found {
        var targets: [BatchTarget] = []
        var skipped: [SkippedLink] = []
        var emptyDirectories: [String] = []
        for directory in directories {
            let result = RepositoryDiscovery.find(under: directory)
            if result.targets.isEmpty { emptyDirectories.append(directory) }
            targets += result.targets
            skipped += result.skipped
        }
        for file in lists { targets += try RepositoryDiscovery.list(file: file) }
        var allURLs = urls
        for file in urlLists { allURLs += try RepositoryDiscovery.urls(file: file) }
        targets += allURLs.map { RepositoryDiscovery.target(url: $0, cache: cache) }
        targets = RepositoryDiscovery.deduplicated(targets)
        return Found(targets: targets, skipped: skipped, emptyDirectories: emptyDirectories,
                     nothingToScan: targets.isEmpty ? nothingToScan(skipped: skipped) : nil)
    }

    private func nothingToScan(skipped: [SkippedLink]) -> String {
        var parts: [String] = []
        if !directories.isEmpty { parts.append("none found under \(directories.joined(separator: ", "))") }
        let files = lists + urlLists
        if !files.isEmpty { parts.append("none listed in \(files.joined(separator: ", "))") }
        if !skipped.isEmpty {
            parts.append("\(skipped.count) symbolic link\(skipped.count == 1 ? "" : "s") skipped")
        }
        return "no repository to scan: " + parts.joined(separator: "; ")
    }
}
