import Foundation

/// What the search of one directory found: its repositories, sorted by key, and the symbolic links it did
/// not follow, in the order met.
public struct DirectorySearchResult: Sendable, Hashable {
    public let targets: [BatchTarget]
    public let skipped: [SkippedLink]
}

/// The search of one directory for repositories (the rules are `RepositoryDiscovery`'s).
///
/// The real directories come first: the tree is walked without following any link, and the links met
/// outside repositories are kept. Then each kept link, in the order met, is followed if it leads to a
/// repository no path has reached yet, and that repository is searched as a real one would be. Every
/// directory entered (and every working tree's `.git`) is remembered by device and inode, so two links to
/// one repository, or a link to a repository that is also in the tree, reach it once (the real path's
/// name wins), and a link back to a directory that contains it is a loop; each of these is a skipped link
/// with its reason, and the search always ends.
struct DirectorySearch {
    private struct Reached {
        let path: String
        let isRepository: Bool
    }

    private struct Link {
        let url: URL
        let name: String
        /// The directories that contain the link, the root's own parents included.
        let ancestors: [FileIdentity]
    }

    private let rootName: String
    private var targets: [BatchTarget] = []
    private var skipped: [SkippedLink] = []
    private var reached: [FileIdentity: Reached] = [:]
    /// The paths of the directories above the root, for a link that leads back to one of them.
    private var parents: [FileIdentity: String] = [:]
    private var links: [Link] = []

    private init(rootName: String) {
        self.rootName = rootName
    }

    /// Searches `root`, an existing directory.
    static func run(_ root: URL) -> DirectorySearchResult {
        var search = DirectorySearch(rootName: root.lastPathComponent)
        // `/`, `/a`, `/a/b` for a root that is really `/a/b/c`.
        var above: [FileIdentity] = []
        let components = RepositoryDiscovery.canonical(root.path).split(separator: "/")
        for count in 0..<components.count {
            let parent = "/" + components.prefix(count).joined(separator: "/")
            if case .success(let status) = FileStatus.read(parent, followingLinks: true) {
                above.append(status.identity)
                search.parents[status.identity] = parent
            }
        }
        search.walk(root, name: "", ancestors: above, insideRepository: false)
        var next = 0
        while next < search.links.count {
            search.follow(search.links[next])
            next += 1
        }
        return DirectorySearchResult(targets: search.targets.sorted(), skipped: search.skipped)
    }

    /// A real directory (not reached through a link).
    private mutating func walk(_ directory: URL, name: String, ancestors: [FileIdentity], insideRepository: Bool) {
        let identity = try? FileStatus.read(directory.path, followingLinks: true).get().identity
        // Only a bind mount can show a real directory twice; do not go round it.
        if let identity, reached[identity] != nil { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            targets.append(BatchTarget(key: RepositoryDiscovery.canonical(directory.path), name: displayName(name),
                                       path: directory.path,
                                       problem: "\(directory.path): cannot list the directory: \(RepositoryDiscovery.reason(error))"))
            return
        }
        visit(directory, name: name, identity: identity, entries: entries, ancestors: ancestors,
              insideRepository: insideRepository)
    }

    /// Records `directory` (a repository, or not), then goes into its directories and keeps its links.
    private mutating func visit(_ directory: URL, name: String, identity: FileIdentity?, entries: [String],
                                ancestors: [FileIdentity], insideRepository: Bool) {
        let names = Set(entries)
        let isWorkingTree = names.contains(".git")
        let isBare = !isWorkingTree && RepositoryDiscovery.isBareRepository(directory, names: names)
        if let identity { reached[identity] = Reached(path: directory.path, isRepository: isWorkingTree || isBare) }
        if isWorkingTree || isBare {
            targets.append(BatchTarget(key: RepositoryDiscovery.canonical(directory.path), name: displayName(name),
                                       path: directory.path))
        }
        if isBare { return }
        if isWorkingTree, case .success(let git) = FileStatus.read(directory.appendingPathComponent(".git").path, followingLinks: true),
           git.kind == .directory {
            // A link to a working tree's .git (which looks like a bare repository) is the same repository.
            reached[git.identity] = Reached(path: directory.path, isRepository: true)
        }
        let inside = ancestors + (identity.map { [$0] } ?? [])
        for entry in entries.sorted() where entry != ".git" {
            let child = directory.appendingPathComponent(entry)
            let childName = name.isEmpty ? entry : name + "/" + entry
            guard case .success(let status) = FileStatus.read(child.path, followingLinks: false) else { continue }
            switch status.kind {
            case .directory:
                walk(child, name: childName, ancestors: inside, insideRepository: insideRepository || isWorkingTree)
            case .symbolicLink where !(insideRepository || isWorkingTree):
                // A link inside a working tree is the repository's content: never followed.
                links.append(Link(url: child, name: childName, ancestors: inside))
            default:
                continue
            }
        }
    }

    /// Follows a link kept by `visit`, or says why not.
    private mutating func follow(_ link: Link) {
        let path = link.url.path
        let status: FileStatus
        switch FileStatus.read(path, followingLinks: true) {
        case .success(let found):
            status = found
        case .failure(let error) where error.code == ENOENT || error.code == ENOTDIR:
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return skip(path, .dangling(destination: destination))
        case .failure(let error) where error.code == ELOOP:
            return skip(path, .linkLoop)
        case .failure(let error):
            return skip(path, .unreadable(error.message))
        }
        // A link to a file: not a repository, as a file is not.
        guard status.kind == .directory else { return }
        if link.ancestors.contains(status.identity) {
            let directory = reached[status.identity]?.path ?? parents[status.identity] ?? RepositoryDiscovery.canonical(path)
            return skip(path, .cycle(directory: directory))
        }
        if let earlier = reached[status.identity] {
            return skip(path, earlier.isRepository ? .sameRepository(as: earlier.path) : .sameDirectory(as: earlier.path))
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            return skip(path, .unreadable(RepositoryDiscovery.reason(error)))
        }
        let names = Set(entries)
        guard names.contains(".git") || RepositoryDiscovery.isBareRepository(link.url, names: names) else {
            return skip(path, .notRepository)
        }
        visit(link.url, name: link.name, identity: status.identity, entries: entries, ancestors: link.ancestors,
              insideRepository: false)
    }

    private mutating func skip(_ path: String, _ reason: SkippedLink.Reason) {
        skipped.append(SkippedLink(path: path, reason: reason))
    }

    private func displayName(_ name: String) -> String { name.isEmpty ? rootName : name }
}
