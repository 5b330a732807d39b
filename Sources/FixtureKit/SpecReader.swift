import Foundation
import YAMLReader

/// Turns the YAML tree of a repo.yml into a ``FixtureSpec``, with `file:line:col` on every complaint.
struct SpecReader {
    let file: String
    /// Inside a `repeat`: the commit number, substituted for `{n}` in every string read.
    var n: Int?

    typealias Spec = FixtureSpec

    static let topLevelKeys = ["description", "kind", "bare", "default-branch", "authors", "steps", "final",
                               "source", "depth", "branch"]
    static let stepKeys = ["commit", "repeat", "branch", "switch", "merge", "squash", "fast-forward",
                           "delete-branch", "tag", "remote-branch"]
    static let changeKeys = ["write", "delete", "executable", "symlink", "submodule"]
    static let commitKeys = ["at", "author", "committer", "committed-at", "message"] + changeKeys
    static let repeatKeys = ["count", "every", "from", "author", "committer", "message"] + changeKeys

    // MARK: The document

    func spec(_ root: YAMLNode, name: String) throws -> Spec {
        let top = try mapping(root, "the fixture spec", allowed: Self.topLevelKeys)
        let kindNode = top["kind"]
        var kind = Spec.Kind.history
        if let kindNode {
            let text = try string(kindNode, "kind")
            guard let value = Spec.Kind(rawValue: text) else {
                throw error(kindNode, "unknown kind '\(text)' (expected one of: "
                    + Spec.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            kind = value
        }
        let description = try top["description"].map { try string($0, "description") } ?? ""
        let defaultBranch = try top["default-branch"].map { try refName($0, "default-branch") } ?? "main"
        let bare = try top["bare"].map { try bool($0, "bare") } ?? (kind == .mirror)

        var authors: [String: Spec.Person] = [:]
        if let node = top["authors"] {
            for pair in try pairs(node, "authors") {
                let id = try string(pair.key, "an author id")
                guard authors[id] == nil else { throw error(pair.key, "author '\(id)' is defined twice") }
                authors[id] = try person(id: id, pair.value)
            }
        }

        var source: String?
        var depth: Int?
        var sourceBranch: String?
        switch kind {
        case .mirror, .shallow:
            guard let node = top["source"] else {
                throw error(root, "a \(kind.rawValue) fixture needs 'source: <fixture name>'")
            }
            source = try string(node, "source")
            if kind == .shallow {
                guard let node = top["depth"] else { throw error(root, "a shallow fixture needs 'depth: N'") }
                guard let value = node.int, value >= 1 else { throw error(node, "depth must be a positive integer") }
                depth = value
                sourceBranch = try top["branch"].map { try refName($0, "branch") }
            } else {
                try forbid(top, ["depth", "branch"], because: "only shallow fixtures take it")
            }
            if kind == .shallow, bare { throw error(top["bare"] ?? root, "a shallow fixture cannot be bare") }
            if kind == .mirror, !bare { throw error(top["bare"] ?? root, "a mirror is always bare") }
            try forbid(top, ["steps"], because: "a \(kind.rawValue) fixture is a clone; it has no steps of its own")
        case .empty:
            try forbid(top, ["steps", "source", "depth", "branch"], because: "an empty fixture has no history")
        case .history:
            try forbid(top, ["source", "depth", "branch"], because: "only mirror and shallow fixtures take it")
        }

        var steps: [Spec.Step] = []
        if let node = top["steps"] {
            guard let items = node.items else { throw error(node, "steps must be a list, not \(node.kindName)") }
            for item in items {
                steps += try step(item, authors: authors)
            }
        }
        if kind == .history, steps.isEmpty {
            throw error(top["steps"] ?? root, "a history fixture needs steps (use 'kind: empty' for no commits)")
        }

        let final = try top["final"].map { try finalSection($0) } ?? Spec.Final()
        if kind == .mirror || kind == .shallow, final.head != nil {
            throw error(top["final"] ?? root, "a clone's HEAD comes from its source; 'final: head' is not allowed")
        }

        return Spec(name: name, file: file, description: description, kind: kind, bare: bare, source: source,
                    depth: depth, sourceBranch: sourceBranch, defaultBranch: defaultBranch, authors: authors,
                    steps: steps, final: final, sourceMark: top["source"]?.mark)
    }

    func person(id: String, _ node: YAMLNode) throws -> Spec.Person {
        let fields = try mapping(node, "author '\(id)'", allowed: ["name", "email", "tz"])
        guard let nameNode = fields["name"] else { throw error(node, "author '\(id)' needs a name") }
        guard let emailNode = fields["email"] else { throw error(node, "author '\(id)' needs an email") }
        let name = try string(nameNode, "name")
        let email = try string(emailNode, "email")
        guard !name.contains(where: { "<>\n\0".contains($0) }) else {
            throw error(nameNode, "a name cannot contain '<', '>', NUL or a newline")
        }
        guard !email.contains(where: { "<>\n\0".contains($0) }) else {
            throw error(emailNode, "an email cannot contain '<', '>', NUL or a newline")
        }
        var offset = 0
        if let tzNode = fields["tz"] {
            let text = try string(tzNode, "tz")
            guard let value = GitTime.parseOffset(text) else {
                throw error(tzNode, "bad time zone '\(text)' (expected +HHMM or -HHMM, e.g. \"+0100\")")
            }
            offset = value
        }
        return Spec.Person(id: id, name: name, email: email, offsetMinutes: offset)
    }

    // MARK: Steps

    func step(_ node: YAMLNode, authors: [String: Spec.Person]) throws -> [Spec.Step] {
        guard let entries = node.pairs, let first = entries.first else {
            throw error(node, "a step must be a mapping such as '- commit: {…}', not \(node.kindName)")
        }
        let actionPairs = entries.filter { Self.stepKeys.contains($0.key.scalar ?? "") }
        guard let action = actionPairs.first else {
            let key = first.key.scalar ?? "?"
            throw error(first.key, "unknown step '\(key)' (expected one of: \(Self.stepKeys.joined(separator: ", ")))")
        }
        if actionPairs.count > 1 {
            throw error(actionPairs[1].key, "one step per list item: '\(action.key.scalar ?? "")' and "
                + "'\(actionPairs[1].key.scalar ?? "")' are both here")
        }
        let kind = action.key.scalar ?? ""
        let value = action.value
        // Keys written beside the action key (`- merge: x` + `  at: …`) are details of the action.
        let siblings = entries.filter { $0.key.scalar != kind }

        func noSiblings() throws {
            if let extra = siblings.first {
                throw error(extra.key, "unknown key '\(extra.key.scalar ?? "?")' for step '\(kind)'")
            }
        }

        switch kind {
        case "commit":
            try noSiblings()
            let details = try pairs(value, "commit")
            let commit = try commitDetails(details, owner: value, authors: authors, context: "commit",
                                           requireMessage: true)
            return [Spec.Step(action: .commit(commit), mark: value.mark)]
        case "repeat":
            try noSiblings()
            return try repeated(value, authors: authors)
        case "branch":
            if value.isMapping {
                try noSiblings()
                let fields = try mapping(value, "branch", allowed: ["name", "from"])
                guard let nameNode = fields["name"] else { throw error(value, "branch needs a name") }
                let from = try fields["from"].map { try refName($0, "from") }
                return [Spec.Step(action: .branch(try refName(nameNode, "branch"), from: from), mark: nameNode.mark)]
            }
            let from = try siblings.first { $0.key.scalar == "from" }.map { try refName($0.value, "from") }
            if let extra = siblings.first(where: { $0.key.scalar != "from" }) {
                throw error(extra.key, "unknown key '\(extra.key.scalar ?? "?")' for step 'branch'")
            }
            return [Spec.Step(action: .branch(try refName(value, "branch"), from: from), mark: value.mark)]
        case "switch":
            try noSiblings()
            return [Spec.Step(action: .switchBranch(try refName(value, "switch")), mark: value.mark)]
        case "fast-forward":
            try noSiblings()
            return [Spec.Step(action: .fastForward(try refName(value, "fast-forward")), mark: value.mark)]
        case "delete-branch":
            try noSiblings()
            return [Spec.Step(action: .deleteBranch(try refName(value, "delete-branch")), mark: value.mark)]
        case "merge", "squash":
            var details = siblings
            var subject = value
            if value.isMapping {
                let inner = try pairs(value, kind)
                guard let branchPair = inner.first(where: { $0.key.scalar == "branch" }) else {
                    throw error(value, "\(kind) needs the branch to take: '- \(kind): feature/x'")
                }
                subject = branchPair.value
                details += inner.filter { $0.key.scalar != "branch" }
            }
            let branch = try refName(subject, kind)
            let commit = try commitDetails(details, owner: node, authors: authors, context: kind,
                                           requireMessage: kind == "squash")
            let action: Spec.Action = kind == "merge" ? .merge(branch, commit) : .squash(branch, commit)
            return [Spec.Step(action: action, mark: subject.mark)]
        case "tag":
            try noSiblings()
            return [Spec.Step(action: .tag(try tag(value, authors: authors)), mark: value.mark)]
        case "remote-branch":
            if value.isMapping {
                try noSiblings()
                let fields = try mapping(value, "remote-branch", allowed: ["name", "from"])
                guard let nameNode = fields["name"] else { throw error(value, "remote-branch needs a name") }
                let from = try fields["from"].map { try refName($0, "from") }
                return [Spec.Step(action: .remoteBranch(try remoteName(nameNode), from: from), mark: nameNode.mark)]
            }
            let from = try siblings.first { $0.key.scalar == "from" }.map { try refName($0.value, "from") }
            if let extra = siblings.first(where: { $0.key.scalar != "from" }) {
                throw error(extra.key, "unknown key '\(extra.key.scalar ?? "?")' for step 'remote-branch'")
            }
            return [Spec.Step(action: .remoteBranch(try remoteName(value), from: from), mark: value.mark)]
        default:
            throw error(action.key, "unknown step '\(kind)'")
        }
    }

    /// `repeat: {count, every, from, author, message, write, …}`: `count` commits, `{n}` = 1…count.
    func repeated(_ node: YAMLNode, authors: [String: Spec.Person]) throws -> [Spec.Step] {
        let fields = try pairs(node, "repeat")
        try checkKeys(fields, allowed: Self.repeatKeys, context: "repeat")
        func field(_ key: String) -> YAMLNode? { fields.first { $0.key.scalar == key }?.value }
        guard let countNode = field("count") else { throw error(node, "repeat needs a count") }
        guard let count = countNode.int, count >= 1, count <= 10_000 else {
            throw error(countNode, "count must be an integer from 1 to 10000")
        }
        guard let everyNode = field("every") else { throw error(node, "repeat needs 'every' (e.g. \"3h\")") }
        var intervals: [Int64] = []
        for item in everyNode.items ?? [everyNode] {
            let text = try string(item, "every")
            guard let seconds = GitTime.parseDuration(text), seconds >= 0 else {
                throw error(item, "bad duration '\(text)' (expected e.g. 90s, 45m, 3h, 2d, 1w, 1d12h)")
            }
            intervals.append(seconds)
        }
        guard !intervals.isEmpty else { throw error(everyNode, "every needs at least one duration") }
        guard let fromNode = field("from") else { throw error(node, "repeat needs 'from' (the first commit's time)") }

        // `author` may be a list, taken in turn.
        var people: [(Spec.Person, YAMLNode)] = []
        if let authorNode = field("author") {
            for item in authorNode.items ?? [authorNode] {
                people.append((try lookup(item, authors: authors, role: "author"), item))
            }
            guard !people.isEmpty else { throw error(authorNode, "author list is empty") }
        } else if let only = soleAuthor(authors) {
            people = [(only, node)]
        } else {
            throw error(node, "repeat needs an author ('author: id' or 'author: [id, …]')")
        }
        let fromText = try string(fromNode, "from")
        guard let start = GitTime.parse(fromText, offsetMinutes: people[0].0.offsetMinutes) else {
            throw badDate(fromNode, fromText)
        }
        let explicitOffset = GitTime.parse(fromText, offsetMinutes: 1) != GitTime.parse(fromText, offsetMinutes: 2)
            ? nil : start.offsetMinutes

        var steps: [Spec.Step] = []
        var elapsed: Int64 = 0
        for index in 1...count {
            var reader = self
            reader.n = index
            let (person, _) = people[(index - 1) % people.count]
            let time = start.adding(seconds: elapsed).with(offsetMinutes: explicitOffset ?? person.offsetMinutes)
            elapsed += intervals[(index - 1) % intervals.count]
            let details = fields.filter { !["count", "every", "from", "author"].contains($0.key.scalar ?? "") }
            let commit = try reader.commitDetails(details, owner: node, authors: authors, context: "repeat",
                                                  requireMessage: true, preset: (person, time))
            steps.append(Spec.Step(action: .commit(commit), mark: node.mark))
        }
        return steps
    }

    /// The details of a commit, merge or squash: `at`, `author`, `committer`, `committed-at`, `message` and the
    /// file changes. `preset` gives the author and time already decided (inside `repeat`).
    func commitDetails(_ fields: [YAMLPair], owner: YAMLNode, authors: [String: Spec.Person], context: String,
                       requireMessage: Bool, preset: (Spec.Person, GitTime)? = nil) throws -> Spec.Commit {
        try checkKeys(fields, allowed: Self.commitKeys, context: context)
        func field(_ key: String) -> YAMLNode? { fields.first { $0.key.scalar == key }?.value }

        let author: Spec.Person
        let authorTime: GitTime
        if let (person, time) = preset {
            author = person
            authorTime = time
        } else {
            if let node = field("author") {
                author = try lookup(node, authors: authors, role: "author")
            } else if let only = soleAuthor(authors) {
                author = only
            } else {
                throw error(owner, "\(context) needs an author")
            }
            guard let atNode = field("at") else { throw error(owner, "\(context) needs 'at' (its time)") }
            let text = try string(atNode, "at")
            guard let time = GitTime.parse(text, offsetMinutes: author.offsetMinutes) else {
                throw badDate(atNode, text)
            }
            authorTime = time
        }

        var committer = author
        var committerTime = authorTime
        if let node = field("committer") {
            committer = try lookup(node, authors: authors, role: "committer")
            committerTime = authorTime.with(offsetMinutes: committer.offsetMinutes)
        }
        if let node = field("committed-at") {
            let text = try string(node, "committed-at")
            guard let time = GitTime.parse(text, offsetMinutes: committer.offsetMinutes) else {
                throw badDate(node, text)
            }
            committerTime = time
        }

        var message: Data?
        if let node = field("message") {
            message = try messageBytes(node)
        } else if requireMessage {
            throw error(owner, "\(context) needs a message")
        }

        return Spec.Commit(
            author: Spec.Signature(name: author.name, email: author.email, time: authorTime),
            committer: Spec.Signature(name: committer.name, email: committer.email, time: committerTime),
            message: message, changes: try changes(fields))
    }

    /// File changes, applied in this order: delete, write, symlink, submodule, executable.
    func changes(_ fields: [YAMLPair]) throws -> [Spec.Change] {
        func field(_ key: String) -> YAMLNode? { fields.first { $0.key.scalar == key }?.value }
        var result: [Spec.Change] = []
        if let node = field("delete") {
            for item in node.items ?? [node] {
                result.append(.init(operation: .delete(path: try path(item, allowDirectory: true)), mark: item.mark))
            }
        }
        if let node = field("write") {
            for pair in try pairs(node, "write") {
                let contents = try fileContents(pair.value)
                result.append(.init(operation: .write(path: try path(pair.key), contents: contents), mark: pair.key.mark))
            }
        }
        if let node = field("symlink") {
            for pair in try pairs(node, "symlink") {
                let target = try string(pair.value, "a symlink target")
                guard !target.isEmpty, !target.contains("\0") else { throw error(pair.value, "bad symlink target") }
                result.append(.init(operation: .symlink(path: try path(pair.key), target: target), mark: pair.key.mark))
            }
        }
        if let node = field("submodule") {
            for pair in try pairs(node, "submodule") {
                let commit = try string(pair.value, "a submodule commit")
                guard commit.count == 40, commit.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                    throw error(pair.value, "a submodule commit must be 40 lowercase hex digits")
                }
                result.append(.init(operation: .submodule(path: try path(pair.key), commit: commit), mark: pair.key.mark))
            }
        }
        if let node = field("executable") {
            for item in node.items ?? [node] {
                result.append(.init(operation: .executable(path: try path(item)), mark: item.mark))
            }
        }
        return result
    }

    func tag(_ node: YAMLNode, authors: [String: Spec.Person]) throws -> Spec.Tag {
        if !node.isMapping {
            return Spec.Tag(name: try refName(node, "tag"), annotation: nil, target: nil)
        }
        let fields = try mapping(node, "tag", allowed: ["name", "annotated", "tagger", "at", "message", "on"])
        guard let nameNode = fields["name"] else { throw error(node, "tag needs a name") }
        let name = try refName(nameNode, "tag")
        let target = try fields["on"].map { try refName($0, "on") }
        let annotated = try fields["annotated"].map { try bool($0, "annotated") }
            ?? (fields["message"] != nil || fields["tagger"] != nil)
        guard annotated else {
            for key in ["tagger", "at", "message"] where fields[key] != nil {
                throw error(fields[key]!, "'\(key)' needs an annotated tag ('annotated: true')")
            }
            return Spec.Tag(name: name, annotation: nil, target: target)
        }
        let tagger: Spec.Person
        if let taggerNode = fields["tagger"] {
            tagger = try lookup(taggerNode, authors: authors, role: "tagger")
        } else if let only = soleAuthor(authors) {
            tagger = only
        } else {
            throw error(node, "an annotated tag needs a tagger")
        }
        guard let atNode = fields["at"] else { throw error(node, "an annotated tag needs 'at' (its time)") }
        let text = try string(atNode, "at")
        guard let time = GitTime.parse(text, offsetMinutes: tagger.offsetMinutes) else { throw badDate(atNode, text) }
        guard let messageNode = fields["message"] else { throw error(node, "an annotated tag needs a message") }
        let annotation = Spec.Tag.Annotation(
            tagger: Spec.Signature(name: tagger.name, email: tagger.email, time: time),
            message: try messageBytes(messageNode))
        return Spec.Tag(name: name, annotation: annotation, target: target)
    }

    func finalSection(_ node: YAMLNode) throws -> Spec.Final {
        let fields = try mapping(node, "final", allowed: ["head", "detached", "remote-head", "worktree", "remotes"])
        var final = Spec.Final(mark: node.mark)
        if fields["head"] != nil, let detached = fields["detached"] {
            throw error(detached, "give either 'head' or 'detached', not both")
        }
        if let head = fields["head"] { final.head = .branch(try refName(head, "head")) }
        if let detached = fields["detached"] { final.head = .detached(try refName(detached, "detached")) }
        if let remoteHead = fields["remote-head"] { final.remoteHead = try remoteName(remoteHead) }
        if let worktree = fields["worktree"] { final.worktree = try bool(worktree, "worktree") }
        if let remotes = fields["remotes"] {
            for pair in try pairs(remotes, "remotes") {
                final.remotes.append(.init(name: try refName(pair.key, "a remote name"),
                                           url: try string(pair.value, "a remote url")))
            }
        }
        return final
    }

    // MARK: Values

    /// Commit and tag messages: text, cleaned up as `git commit` does (trailing blanks and blank lines go, one
    /// final newline), or `{base64: …}` bytes taken verbatim (to make messages that are not UTF-8).
    func messageBytes(_ node: YAMLNode) throws -> Data {
        if node.isMapping { return try base64(node, "message") }
        if let items = node.items {
            // Inside `repeat`, a list of messages is taken in turn.
            guard let n, !items.isEmpty else { throw error(node, "a message must be text (a list only inside repeat)") }
            return try messageBytes(items[(n - 1) % items.count])
        }
        let text = try string(node, "message")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw error(node, "a message cannot be empty") }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// File contents: text (UTF-8, with any YAML escape such as "\0" for NUL) or `{base64: …}` for any bytes.
    func fileContents(_ node: YAMLNode) throws -> Data {
        if node.isMapping { return try base64(node, "contents") }
        guard let text = node.scalar else { throw error(node, "file contents must be text or {base64: …}") }
        return Data(substitute(text).utf8)
    }

    func base64(_ node: YAMLNode, _ what: String) throws -> Data {
        let fields = try mapping(node, what, allowed: ["base64"])
        guard let encoded = fields["base64"] else { throw error(node, "\(what) as a mapping must be {base64: …}") }
        let text = try string(encoded, "base64").filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: text) else { throw error(encoded, "invalid base64") }
        return data
    }

    func path(_ node: YAMLNode, allowDirectory: Bool = false) throws -> String {
        var text = try string(node, "a path")
        if allowDirectory, text.hasSuffix("/") { text.removeLast() }
        let components = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.isEmpty, !text.contains("\0"),
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.lowercased() != ".git" })
        else {
            throw error(node, "bad path '\(text)' (relative, '/'-separated, no empty, '.', '..' or '.git' parts)")
        }
        return text
    }

    func refName(_ node: YAMLNode, _ what: String) throws -> String {
        let text = try string(node, what)
        let bad = text.isEmpty || text.hasPrefix("-") || text.hasPrefix("/") || text.hasSuffix("/")
            || text.hasSuffix(".lock") || text.hasSuffix(".") || text.contains("..") || text.contains("//")
            || text.contains("@{") || text == "@"
            || text.contains(where: { $0.isWhitespace || "~^:?*[\\\u{7f}".contains($0) || ($0.asciiValue ?? 32) < 32 })
        guard !bad else { throw error(node, "'\(text)' is not a valid git ref name") }
        return text
    }

    /// `origin/main`: a remote and a branch.
    func remoteName(_ node: YAMLNode) throws -> String {
        let text = try refName(node, "a remote branch")
        guard let slash = text.firstIndex(of: "/"), slash != text.startIndex else {
            throw error(node, "a remote branch is written remote/branch, e.g. origin/main")
        }
        return text
    }

    func lookup(_ node: YAMLNode, authors: [String: Spec.Person], role: String) throws -> Spec.Person {
        let id = try string(node, role)
        guard let person = authors[id] else {
            let known = authors.keys.sorted().joined(separator: ", ")
            throw error(node, "unknown \(role) '\(id)'" + (known.isEmpty ? " (no authors are defined)" : " (authors: \(known))"))
        }
        return person
    }

    func soleAuthor(_ authors: [String: Spec.Person]) -> Spec.Person? {
        authors.count == 1 ? authors.values.first : nil
    }

    // MARK: Shapes

    func error(_ node: YAMLNode, _ message: String) -> FixtureError {
        FixtureError(file: file, mark: node.mark, message: message)
    }

    func badDate(_ node: YAMLNode, _ text: String) -> FixtureError {
        error(node, "bad date '\(text)' (expected YYYY-MM-DDTHH:MM:SS in the author's time zone, "
            + "optionally followed by Z or ±HH:MM)")
    }

    func substitute(_ text: String) -> String {
        guard let n, text.contains("{n}") else { return text }
        return text.replacingOccurrences(of: "{n}", with: String(n))
    }

    func string(_ node: YAMLNode, _ what: String) throws -> String {
        guard let text = node.scalar else { throw error(node, "\(what) must be a string, not \(node.kindName)") }
        return substitute(text)
    }

    func bool(_ node: YAMLNode, _ what: String) throws -> Bool {
        guard let value = node.bool else { throw error(node, "\(what) must be true or false") }
        return value
    }

    func pairs(_ node: YAMLNode, _ what: String) throws -> [YAMLPair] {
        if node.isNull { return [] }
        guard let pairs = node.pairs else { throw error(node, "\(what) must be a mapping, not \(node.kindName)") }
        for (index, pair) in pairs.enumerated() {
            guard pair.key.scalar != nil else { throw error(pair.key, "keys of \(what) must be strings") }
            if let earlier = pairs[..<index].first(where: { $0.key.scalar == pair.key.scalar }) {
                throw error(pair.key, "'\(substitute(pair.key.scalar!))' is given twice in \(what) "
                    + "(first at line \(earlier.key.mark.line))")
            }
        }
        return pairs
    }

    /// A mapping whose keys must all be in `allowed`, as a dictionary.
    func mapping(_ node: YAMLNode, _ what: String, allowed: [String]) throws -> [String: YAMLNode] {
        let pairs = try pairs(node, what)
        try checkKeys(pairs, allowed: allowed, context: what)
        var result: [String: YAMLNode] = [:]
        for pair in pairs { result[pair.key.scalar!] = pair.value }
        return result
    }

    func checkKeys(_ pairs: [YAMLPair], allowed: [String], context: String) throws {
        for pair in pairs where !allowed.contains(pair.key.scalar ?? "") {
            throw error(pair.key, "unknown key '\(pair.key.scalar ?? "?")' in \(context) "
                + "(expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    func forbid(_ fields: [String: YAMLNode], _ keys: [String], because reason: String) throws {
        for key in keys {
            if let node = fields[key] { throw error(node, "'\(key)' is not allowed here: \(reason)") }
        }
    }
}
