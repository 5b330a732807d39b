import CLibGit2

extension GitRepository {
    /// Local and remote-tracking branches with their tips, tags peeled to their commits, and symbolic
    /// references (such as `refs/remotes/origin/HEAD`), in one pass over the reference database.
    /// `peels`: tags peeled before (a tag naming an object found there is not read again); learns the rest.
    public func references(peels: TagPeels? = nil) throws(GitError) -> ReferenceListing {
        peels?.startListing()
        var iterator: OpaquePointer?
        try check(git_reference_iterator_new(&iterator, handle), "list references")
        defer { git_reference_iterator_free(iterator) }

        var branches: [Branch] = []
        var tags: [Tag] = []
        var symbolic: [SymbolicReference] = []
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "list references")
            guard let reference else { continue }
            defer { git_reference_free(reference) }
            let name = String(cString: git_reference_name(reference))

            if git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC {
                if let target = git_reference_symbolic_target(reference) {
                    symbolic.append(SymbolicReference(name: name, target: String(cString: target)))
                }
                continue
            }
            guard let target = git_reference_target(reference) else { continue }
            let id = ObjectID(target.pointee)
            if name.hasPrefix("refs/heads/") || name.hasPrefix("refs/remotes/") {
                let isRemote = name.hasPrefix("refs/remotes/")
                let short = String(name.dropFirst(isRemote ? 13 : 11))
                // A branch whose tip is missing or not a commit is left out rather than failing the scan.
                guard let tip = try? commit(id) else { continue }
                branches.append(Branch(name: short, reference: name, isRemote: isRemote, tip: id, tipTime: tip.committer.time))
            } else if name.hasPrefix("refs/tags/") {
                let short = String(name.dropFirst(10))
                if let known = peels?.peel(of: id) {
                    tags.append(known.tag(named: short))
                    continue
                }
                let tag = tag(named: short, pointingAt: id)
                if let peels, let target = tag.target {
                    peels.remember(TagPeels.Peel(target: target, isAnnotated: tag.isAnnotated, tagger: tag.tagger,
                                                 message: tag.message, date: tag.date), of: id)
                }
                tags.append(tag)
            }
        }
        branches.sort { $0.reference < $1.reference }
        tags.sort { $0.name < $1.name }
        symbolic.sort { $0.name < $1.name }
        return ReferenceListing(branches: branches, tags: tags, symbolic: symbolic)
    }

    /// Peels a tag reference: annotated tag objects (possibly tags of tags) down to the commit.
    private func tag(named name: String, pointingAt id: ObjectID) -> Tag {
        var current = id
        var annotation: TagParser.Tag?
        func unresolved() -> Tag {
            Tag(name: name, target: nil, isAnnotated: annotation != nil, tagger: annotation?.tagger,
                message: annotation?.message, date: annotation?.tagger?.time)
        }
        for _ in 0..<8 {
            guard let object = try? readTagOrCommit(current) else { break }
            switch object {
            case .commit(let time):
                return Tag(name: name, target: current, isAnnotated: annotation != nil, tagger: annotation?.tagger,
                           message: annotation?.message, date: annotation?.tagger?.time ?? time)
            case .tag(let tag):
                if annotation == nil { annotation = tag }
                guard let object = tag.object else { return unresolved() }
                current = object
            case .other:
                return unresolved()
            }
        }
        return unresolved()
    }

    private enum Peeled {
        case commit(GitTime)
        case tag(TagParser.Tag)
        case other
    }

    private func readTagOrCommit(_ id: ObjectID) throws(GitError) -> Peeled {
        try database.withObject(id, "read tag \(id.hex)") { (type, bytes) throws(GitError) -> Peeled in
            switch type {
            case .commit:
                return .commit(try CommitParser.parse(id: id, bytes: bytes).committer.time)
            case .tag:
                return .tag(TagParser.parse(bytes))
            default:
                return .other
            }
        }
    }
}
