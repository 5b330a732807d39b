import Foundation
import YAMLReader

/// A parsed `TestRepos/<name>/repo.yml`: what repository to build. See `TestRepos/README.md` for the format.
///
/// Parsing checks everything that can be checked without building (shapes, unknown keys and steps, authors,
/// dates, durations, paths); what depends on history (unknown branches, deleting a missing file, …) is checked
/// by ``FixtureBuilder``. Either way the error names the file, line and column.
public struct FixtureSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Commits built from `steps` (the default).
        case history
        /// `git init` and nothing else.
        case empty
        /// `git clone --mirror` of another fixture (bare).
        case mirror
        /// `git clone --depth N file://…` of another fixture.
        case shallow
    }

    /// Someone from the `authors` table.
    public struct Person: Sendable, Hashable {
        public var id: String
        public var name: String
        public var email: String
        /// The person's usual UTC offset, in minutes.
        public var offsetMinutes: Int
    }

    /// An author, committer or tagger line: who and when.
    public struct Signature: Sendable, Hashable {
        public var name: String
        public var email: String
        public var time: GitTime

        /// `Name <email> 1704445200 +0100`, as in a commit object.
        public var line: String { "\(name) <\(email)> \(time.raw)" }
    }

    /// One change to the files of a commit.
    public struct Change: Sendable, Hashable {
        public enum Operation: Sendable, Hashable {
            /// A regular file (an executable one stays executable when rewritten).
            case write(path: String, contents: Data)
            /// A file, or every file under a directory.
            case delete(path: String)
            /// Mode 100755 for a file written now or earlier.
            case executable(path: String)
            /// Mode 120000; the target is stored as the blob, exactly as given.
            case symlink(path: String, target: String)
            /// Mode 160000, a gitlink to a commit of another repository.
            case submodule(path: String, commit: String)
        }

        public var operation: Operation
        public var mark: YAMLMark
    }

    /// A commit to make: a plain one, or the commit of a merge or squash.
    public struct Commit: Sendable, Hashable {
        public var author: Signature
        public var committer: Signature
        /// The message bytes; nil only for merges, which then get git's default message.
        public var message: Data?
        public var changes: [Change]
    }

    public struct Tag: Sendable, Hashable {
        public var name: String
        /// Present for annotated tags.
        public var annotation: Annotation?
        /// The branch or tag to tag; nil for the current HEAD.
        public var target: String?

        public struct Annotation: Sendable, Hashable {
            public var tagger: Signature
            public var message: Data
        }
    }

    public enum Action: Sendable, Hashable {
        case commit(Commit)
        /// Create a branch (at the current HEAD, or at `from`) and switch to it.
        case branch(String, from: String?)
        case switchBranch(String)
        /// A two-parent merge commit of the named branch into the current one.
        case merge(String, Commit)
        /// One single-parent commit carrying the named branch's changes.
        case squash(String, Commit)
        case fastForward(String)
        case deleteBranch(String)
        case tag(Tag)
        /// `refs/remotes/<name>` at the tip of a local branch (the current one when `from` is nil).
        case remoteBranch(String, from: String?)
    }

    public struct Step: Sendable, Hashable {
        public var action: Action
        /// Where the step's subject (branch name, tag, …) is written, for error messages.
        public var mark: YAMLMark
    }

    public enum Head: Sendable, Hashable {
        case branch(String)
        /// Detached at a tag, branch or full commit id.
        case detached(String)
    }

    public struct Final: Sendable, Hashable {
        /// Nil: the branch current after the last step.
        public var head: Head?
        public var remoteHead: String?
        /// Nil: check out a work tree for non-bare repositories.
        public var worktree: Bool?
        /// `git remote add` of each (name, url), in order.
        public var remotes: [Remote]
        public var mark: YAMLMark?

        public struct Remote: Sendable, Hashable {
            public var name: String
            public var url: String
        }

        public init(head: Head? = nil, remoteHead: String? = nil, worktree: Bool? = nil, remotes: [Remote] = [],
                    mark: YAMLMark? = nil) {
            self.head = head
            self.remoteHead = remoteHead
            self.worktree = worktree
            self.remotes = remotes
            self.mark = mark
        }
    }

    /// The fixture's name (its directory under TestRepos).
    public var name: String
    /// The spec's path, as used in error messages.
    public var file: String
    public var description: String
    public var kind: Kind
    public var bare: Bool
    /// For mirror and shallow: the fixture cloned.
    public var source: String?
    /// For shallow: `--depth`.
    public var depth: Int?
    /// For shallow: `--branch` (else the source's HEAD).
    public var sourceBranch: String?
    public var defaultBranch: String
    public var authors: [String: Person]
    public var steps: [Step]
    public var final: Final
    /// Where `source` is written, for errors about it.
    public var sourceMark: YAMLMark?

    /// Reads a spec from YAML text; `file` is used in error messages, `name` defaults to the file's directory.
    public static func parse(_ text: String, file: String, name: String? = nil) throws -> FixtureSpec {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text, file: file)
        } catch {
            throw FixtureError(error)
        }
        guard let root else { throw FixtureError(file: file, mark: nil, message: "empty fixture spec") }
        let fixtureName = name ?? URL(fileURLWithPath: file).deletingLastPathComponent().lastPathComponent
        return try SpecReader(file: file).spec(root, name: fixtureName)
    }

    /// Reads `repo.yml` at `url`.
    public static func load(_ url: URL) throws -> FixtureSpec {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FixtureError(file: url.path, mark: nil, message: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FixtureError(file: url.path, mark: nil, message: "not UTF-8 text")
        }
        return try parse(text, file: url.path, name: url.deletingLastPathComponent().lastPathComponent)
    }
}
