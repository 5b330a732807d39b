#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A moment as git records it: seconds since the epoch and the author's UTC offset in minutes.
public struct GitTime: Sendable, Hashable, Comparable {
    public let seconds: Int64
    public let offsetMinutes: Int16

    public init(seconds: Int64, offsetMinutes: Int16) {
        self.seconds = seconds
        self.offsetMinutes = offsetMinutes
    }

    public static func < (lhs: GitTime, rhs: GitTime) -> Bool { lhs.seconds < rhs.seconds }
}

/// Who made a commit or tag, and when.
public struct Signature: Sendable, Hashable {
    public let name: String
    public let email: String
    public let time: GitTime

    public init(name: String, email: String, time: GitTime) {
        self.name = name
        self.email = email
        self.time = time
    }
}

/// A `Key: value` line of a commit message's closing paragraph (Co-authored-by, Signed-off-by …).
public struct Trailer: Sendable, Hashable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One commit as the history walk hands it over; copied out of libgit2's memory.
public struct CommitInfo: Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public internal(set) var author: Signature
    public internal(set) var committer: Signature
    /// The first line of the message.
    public internal(set) var summary: String
    /// The message after the summary line (may be empty).
    public internal(set) var body: String
    public internal(set) var trailers: [Trailer]
    /// Parents this commit has in its object but that a shallow clone does not hold.
    public let isShallowBoundary: Bool
    /// Paths changed against the first parent (every path for a root commit); nil when not computed
    /// for this commit (outside the budget, not asked for, a merge, or a shallow boundary).
    public var changedPaths: [String]?
    /// Whether `changedPaths` lists every change (within the budget's `prefixes`) or only those below
    /// the budget's `trackedPrefixes`.
    public var changedPathsScope: ChangedPathsScope = .full
    /// What the walk's annotator said of this commit (remembered from an earlier walk, or just made);
    /// nil without one. A remembered annotation comes without the message: `summary`, `body` and
    /// `trailers` are then empty, and the annotation stands for them.
    public var annotation: [UInt8]? = nil
    /// The people's names and the message, not read yet: the walk only copies them (it needs the times
    /// alone), and the commit is handed over with them read (`withTextRead`), on the visitor's thread
    /// when the visitor runs beside the walk.
    var unreadText: UnreadText? = nil

    public var isMerge: Bool { parents.count > 1 }

    /// The commit with its author, committer, summary, body and trailers read from `unreadText`.
    func withTextRead() -> CommitInfo {
        guard let unread = unreadText else { return self }
        var commit = self
        unread.read(into: &commit)
        commit.unreadText = nil
        return commit
    }
}

/// What the walk copies of a commit object for reading later: its author and committer lines and its
/// message (one buffer), and whether its `encoding` header says Latin-1.
struct UnreadText: Sendable {
    private let bytes: [UInt8]
    private let author: Range<Int>?
    private let committer: Range<Int>?
    private let message: Range<Int>
    private let isLatin1: Bool

    init(_ object: UnsafeRawBufferPointer, author: Range<Int>?, committer: Range<Int>?, message: Range<Int>, isLatin1: Bool) {
        var bytes: [UInt8] = []
        func copy(_ range: Range<Int>) -> Range<Int> {
            let start = bytes.count
            bytes.append(contentsOf: object[range])
            return start..<bytes.count
        }
        self.author = author.map(copy)
        self.committer = committer.map(copy)
        self.message = copy(message)
        self.bytes = bytes
        self.isLatin1 = isLatin1
    }

    /// The same people and message `CommitParser.parse` reads when it does not defer them.
    func read(into commit: inout CommitInfo) {
        bytes.withUnsafeBytes { raw in
            let author = self.author.map { CommitParser.parseSignature(raw, $0) }
            let committer = self.committer.map { CommitParser.parseSignature(raw, $0) }
            commit.author = author ?? committer ?? CommitParser.unknownSignature
            commit.committer = committer ?? author ?? CommitParser.unknownSignature
            (commit.summary, commit.body, commit.trailers) = CommitParser.message(raw, message, isLatin1: isLatin1)
        }
    }
}

/// How complete a commit's `changedPaths` are.
public enum ChangedPathsScope: Sendable, Hashable {
    case full
    case tracked
}

/// What a HEAD tree entry is.
public enum TreeEntryKind: String, Sendable, Hashable {
    case file, executable, symlink, submodule
}

/// One entry of the HEAD tree listing. Sizes come from the object database; contents are read on demand.
public struct TreeEntry: Sendable, Hashable {
    public let path: String
    public let kind: TreeEntryKind
    public let mode: UInt32
    public let object: ObjectID
    /// The blob size in bytes; nil for submodules (their object lives in another repository) and for
    /// blobs missing from a partial clone.
    public let size: Int?

    public init(path: String, kind: TreeEntryKind, mode: UInt32, object: ObjectID, size: Int?) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.object = object
        self.size = size
    }
}

/// A local or remote-tracking branch and its tip.
public struct Branch: Sendable, Hashable {
    public let name: String
    /// `refs/heads/…` or `refs/remotes/…`.
    public let reference: String
    public let isRemote: Bool
    public let tip: ObjectID
    public let tipTime: GitTime

    public init(name: String, reference: String, isRemote: Bool, tip: ObjectID, tipTime: GitTime) {
        self.name = name
        self.reference = reference
        self.isRemote = isRemote
        self.tip = tip
        self.tipTime = tipTime
    }
}

/// A tag, annotated or lightweight, with the commit it points at.
public struct Tag: Sendable, Hashable {
    public let name: String
    /// The commit the tag finally points at; nil when it tags a tree or blob.
    public let target: ObjectID?
    public let isAnnotated: Bool
    /// The tagger of an annotated tag; nil for lightweight tags (and for annotated tags without a tagger).
    public let tagger: Signature?
    /// The annotated tag's message summary.
    public let message: String?
    /// When the tag was made: the tagger time, else the target commit's committer time.
    public let date: GitTime?

    public init(name: String, target: ObjectID?, isAnnotated: Bool, tagger: Signature?, message: String?, date: GitTime?) {
        self.name = name
        self.target = target
        self.isAnnotated = isAnnotated
        self.tagger = tagger
        self.message = message
        self.date = date
    }
}

/// A symbolic reference such as `refs/remotes/origin/HEAD`.
public struct SymbolicReference: Sendable, Hashable {
    public let name: String
    public let target: String
}

/// Every reference of interest, read in one pass.
public struct ReferenceListing: Sendable {
    public let branches: [Branch]
    public let tags: [Tag]
    public let symbolic: [SymbolicReference]
}

/// Where HEAD points.
public struct HeadState: Sendable, Hashable {
    public let commit: ObjectID
    /// The branch name (`main`) when HEAD is symbolic; nil when detached.
    public let branch: String?

    public init(commit: ObjectID, branch: String?) {
        self.commit = commit
        self.branch = branch
    }

    public var isDetached: Bool { branch == nil }
}

/// A blob read from the object database, capped in size.
public struct BlobContent: Sendable, Hashable {
    public let bytes: [UInt8]
    public let size: Int
    /// True when the blob was larger than the cap and nothing was read.
    public let isTooLarge: Bool

    public init(bytes: [UInt8], size: Int, isTooLarge: Bool) {
        self.bytes = bytes
        self.size = size
        self.isTooLarge = isTooLarge
    }

    /// Git's own test: a NUL byte in the first 8,000 bytes means binary (looked for with memchr: every
    /// file the detectors read is tested).
    public var isBinary: Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, min(buffer.count, 8000)) != nil
        }
    }

    /// The text, with invalid UTF-8 repaired (never a crash on odd encodings).
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }
}
