extension GitRepository {
    /// Every entry of a commit's tree, recursively, in git's order, with what could not be listed. A
    /// damaged or missing commit or root tree throws; a damaged subtree or blob below the root is a
    /// problem of the listing, and the rest is still listed. Each tree object is read once however many
    /// paths lead to it, and the listing stops at `budget` (shared subtrees can expand to more paths
    /// than any real repository holds).
    /// `known`: trees listed before (read from there, not from the repository); learns the trees read whole.
    public func listTree(of commit: ObjectID, budget: TreeListingBudget = .standard,
                         known: KnownTrees? = nil) throws(GitError) -> TreeListing {
        let info = try self.commit(commit)
        known?.startListing()
        var lister = TreeLister(database: database, budget: budget, known: known)
        do {
            try lister.list(tree: info.tree, directory: "", depth: 0)
        } catch {
            throw GitError(operation: "read the root tree \(info.tree.hex) of commit \(commit.hex)", message: error.message,
                           code: error.code, kind: error.kind)
        }
        return TreeListing(entries: lister.entries, problems: lister.problems)
    }

    /// The whole tree of a commit, or an error for the first thing that could not be listed.
    public func treeListing(of commit: ObjectID) throws(GitError) -> [TreeEntry] {
        let listing = try listTree(of: commit)
        if let problem = listing.problems.first {
            throw GitError(operation: "list the tree of commit \(commit.hex)", message: problem.description, kind: .corrupt)
        }
        return listing.entries
    }
}

/// How far a tree listing may expand. A tree without shared subtrees lists at most one path per entry
/// it reads (duplicated directories make a few); a tree of shared subtrees (`a` and `b` both naming
/// the same subtree, forty levels deep) names 2^40 paths with eighty entries. The listing stops at
/// `paths`, or earlier once it has listed more than `floor` paths and more than `expansion` times the
/// entries of the distinct trees it has read.
public struct TreeListingBudget: Sendable, Hashable {
    public var paths: Int
    public var expansion: Int
    public var floor: Int

    public init(paths: Int, expansion: Int, floor: Int) {
        self.paths = paths
        self.expansion = expansion
        self.floor = floor
    }

    public static let standard = TreeListingBudget(paths: 1_000_000, expansion: 16, floor: 1_000)
}

/// A HEAD tree listing: the entries listed, and what could not be (damaged objects with the path they
/// were reached from, a budget that ran out).
public struct TreeListing: Sendable, Hashable {
    public let entries: [TreeEntry]
    public let problems: [TreeProblem]

    public init(entries: [TreeEntry], problems: [TreeProblem]) {
        self.entries = entries
        self.problems = problems
    }
}

/// A part of the tree that could not be listed or read: a damaged, malformed or missing object at a
/// path, or a listing stopped by its budget (no object).
public struct TreeProblem: Sendable, Hashable, CustomStringConvertible {
    /// The path the object was reached from (a directory ends in "/"); "" for the listing as a whole.
    public let path: String
    public let object: ObjectID?
    public let message: String

    public init(path: String, object: ObjectID?, message: String) {
        self.path = path
        self.object = object
        self.message = message
    }

    public var description: String {
        guard let object else { return message }
        return "\(path) (object \(object.short)): \(message)"
    }
}

/// The state of one listing: trees read once each by id, blob sizes looked up once each by id.
private struct TreeLister {
    let database: ObjectDatabase
    let budget: TreeListingBudget
    var entries: [TreeEntry] = []
    var problems: [TreeProblem] = []
    private var trees: [ObjectID: RawTree] = [:]
    private var damagedTrees: Set<ObjectID> = []
    private var sizes: [ObjectID: Int?] = [:]
    private var entriesRead = 0
    private var stopped = false
    private let known: KnownTrees?
    /// The known trees this listing took, each counted once in `entriesRead` as a tree read is.
    private var takenTrees: Set<ObjectID> = []
    /// Blobs whose size could not be read (missing or damaged): a tree holding one is not kept.
    private var unsized: Set<ObjectID> = []

    init(database: ObjectDatabase, budget: TreeListingBudget, known: KnownTrees? = nil) {
        self.database = database
        self.budget = budget
        self.known = known
    }

    /// Lists one tree. Throws only when the tree itself cannot be read: the caller decides whether that
    /// ends the listing (the root) or is a problem of it (a subtree).
    mutating func list(tree id: ObjectID, directory: String, depth: Int) throws(GitError) {
        if let known, let entries = known.entries(of: id) {
            if takenTrees.insert(id).inserted { entriesRead += entries.count }
            for entry in entries {
                guard !stopped else { break }
                _ = visit(name: entry.name, mode: entry.mode, object: entry.object, size: entry.size, directory: directory, depth: depth)
            }
            return
        }
        let tree = try read(id)
        var learnt: [KnownTrees.Entry]? = known == nil ? nil : []
        var index = 0
        while !stopped, let entry = try tree.entry(at: &index) {
            let name = tree.name(entry)
            let object = tree.id(entry)
            let size = visit(name: name, mode: entry.mode, object: object, size: nil, directory: directory, depth: depth)
            learnt?.append(KnownTrees.Entry(name: name, mode: entry.mode, object: object, size: size))
        }
        if let known, let learnt, !stopped, !learnt.contains(where: { unsized.contains($0.object) }) {
            known.remember(learnt, of: id)
            takenTrees.insert(id)  // its entries were counted when it was read
        }
    }

    /// Lists one entry of a tree (a subtree recursively); returns a blob's size, read unless `size` is known.
    private mutating func visit(name: String, mode: UInt32, object: ObjectID, size knownSize: Int?, directory: String,
                                depth: Int) -> Int? {
        let path = directory + name
        switch mode & 0o170000 {
        case 0o040000:
            listSubtree(object, directory: path + "/", depth: depth + 1)
            return nil
        case 0o160000:
            append(TreeEntry(path: path, kind: .submodule, mode: mode, object: object, size: nil))
            return nil
        default:
            let kind: TreeEntryKind = mode & 0o170000 == 0o120000 ? .symlink : mode & 0o111 != 0 ? .executable : .file
            let size = knownSize ?? known?.size(of: object) ?? size(of: object, at: path)
            append(TreeEntry(path: path, kind: kind, mode: mode, object: object, size: size))
            return size
        }
    }

    private mutating func listSubtree(_ id: ObjectID, directory: String, depth: Int) {
        // Trees nest as deep as paths do; a crafted repository could nest far deeper than any real one.
        guard depth < 512 else {
            problems.append(TreeProblem(path: directory, object: id, message: "trees nested deeper than 512 levels; not listed"))
            return
        }
        guard !damagedTrees.contains(id) else { return }
        do {
            try list(tree: id, directory: directory, depth: depth)
        } catch {
            // Reported once, at the first path it was reached from.
            damagedTrees.insert(id)
            problems.append(TreeProblem(path: directory, object: id, message: error.message))
        }
    }

    private mutating func read(_ id: ObjectID) throws(GitError) -> RawTree {
        if let known = trees[id] { return known }
        let object = try database.object(id, "read tree \(id.hex)")
        guard object.type == .tree else {
            throw GitError(operation: "read tree \(id.hex)", message: "object \(id.hex) is a \(object.type.rawValue), not a tree",
                           kind: .corrupt)
        }
        if let problem = RawTree.malformation(of: object.bytes) {
            throw GitError(operation: "read tree \(id.hex)", message: "tree \(id.hex) is malformed: \(problem)", kind: .corrupt)
        }
        let tree = RawTree(object: object, id: id)
        trees[id] = tree
        var index = 0
        while try tree.entry(at: &index) != nil { entriesRead += 1 }
        return tree
    }

    /// A blob's size from its header. A blob can be missing without the repository being damaged:
    /// partial clones (`--filter=blob:limit=…`) and size-capped mirrors leave large files out. It is
    /// listed without a size, and reading it later reports it unreadable. A damaged one is a problem.
    private mutating func size(of object: ObjectID, at path: String) -> Int? {
        if let known = sizes[object] { return known }
        let size: Int?
        do throws(GitError) {
            size = try database.header(object, "read the size of \(path)").size
        } catch {
            if error.kind != .notFound {
                problems.append(TreeProblem(path: path, object: object, message: error.message))
            }
            unsized.insert(object)
            size = nil
        }
        sizes[object] = size
        return size
    }

    private mutating func append(_ entry: TreeEntry) {
        let limit = min(budget.paths, max(budget.floor, budget.expansion * entriesRead))
        guard entries.count < limit else {
            stopped = true
            let reason = entries.count >= budget.paths
                ? "the tree has more paths than the budget"
                : "shared subtrees expand to more (\(entriesRead) entries read)"
            problems.append(TreeProblem(path: "", object: nil, message: "tree listing stopped after \(entries.count) paths: \(reason)"))
            return
        }
        entries.append(entry)
    }
}
