import Foundation
import GitAccess

/// What reading one file of the HEAD tree gave.
public enum FileRead: Sendable, Hashable {
    case text(String)
    case binary(size: Int)
    case tooLarge(size: Int, cap: Int)
    /// A symlink or submodule: listed, never followed.
    case notAFile(TreeEntryKind)
    case unreadable(String)
}

/// Reads HEAD-tree file contents on demand from the object database (never the work tree, so a symlink
/// cannot lead outside the repository), capped in size. Shared by every probe: the repository handle is
/// only ever used under `lock`, since libgit2 handles are for one thread at a time; that is what makes
/// the unchecked `Sendable` sound.
///
/// With `--worktree`, the entries of the work tree overlay (changed, added and untracked files) are read
/// from the work tree instead, opened without following any symlink and capped the same way; every other
/// entry still comes from the object database.
public final class RepositoryFiles: @unchecked Sendable {
    private let lock = NSLock()
    private let repository: GitRepository
    public let sizeCap: Int
    private var damaged: [TreeProblem] = []
    private let workTreeRoot: String?
    private let overlay: [String: (entry: TreeEntry, refusal: String?)]

    init(repository: GitRepository, sizeCap: Int, workTree: (root: String, overlay: WorkTreeOverlay)? = nil) {
        self.repository = repository
        self.sizeCap = sizeCap
        self.workTreeRoot = workTree?.root
        self.overlay = workTree?.overlay.entries ?? [:]
    }

    /// Lends the repository handle (under the lock) for work such as the history walk.
    @discardableResult
    public func withRepository<Result>(_ body: (GitRepository) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(repository)
    }

    public func read(_ entry: TreeEntry) -> FileRead {
        read(entry, keepingDamage: true)
    }

    /// `keepingDamage: false` leaves a damaged object out of `damagedReads` (a read the report does not
    /// rest on, made while the snapshot's reads are still being gathered).
    public func read(_ entry: TreeEntry, keepingDamage: Bool) -> FileRead {
        guard entry.kind == .file || entry.kind == .executable else { return .notAFile(entry.kind) }
        if let size = entry.size, size > sizeCap { return .tooLarge(size: size, cap: sizeCap) }
        if let root = workTreeRoot, let overlaid = overlay[entry.path], overlaid.entry.object == entry.object {
            return readWorkTree(entry, root: root, refusal: overlaid.refusal)
        }
        let cap = sizeCap
        let result: Result<BlobContent, GitError> = withRepository { repository in
            do throws(GitError) {
                return .success(try repository.blob(entry.object, cap: cap))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let blob) where blob.isTooLarge:
            return .tooLarge(size: blob.size, cap: cap)
        case .success(let blob) where blob.isBinary:
            return .binary(size: blob.size)
        case .success(let blob):
            return .text(blob.text)
        case .failure(let error):
            // A blob missing from a partial clone is a known gap; anything else is damage, kept for the report.
            if error.kind != .notFound, keepingDamage {
                let problem = TreeProblem(path: entry.path, object: entry.object, message: error.message)
                withRepository { _ in if !damaged.contains(problem) { damaged.append(problem) } }
            }
            return .unreadable(error.description)
        }
    }

    /// A file of the work tree overlay, read again (its content was not kept): it must still hash to the
    /// id the tree was given, or it changed during the scan.
    private func readWorkTree(_ entry: TreeEntry, root: String, refusal: String?) -> FileRead {
        if let refusal { return .unreadable("in the work tree: \(refusal)") }
        switch WorkTreeFile.read(root: root, path: entry.path, cap: sizeCap) {
        case .file(let bytes, _):
            guard ObjectID.blobID(of: bytes) == entry.object else {
                return .unreadable("in the work tree: changed during the scan")
            }
            let blob = BlobContent(bytes: bytes, size: bytes.count, isTooLarge: false)
            return blob.isBinary ? .binary(size: blob.size) : .text(blob.text)
        case .tooLarge(let size, _):
            return .tooLarge(size: size, cap: sizeCap)
        case .symlink:
            return .notAFile(.symlink)
        case .missing:
            return .unreadable("in the work tree: removed during the scan")
        case .refused(let reason):
            return .unreadable("in the work tree: \(reason)")
        }
    }

    /// Files whose objects turned out damaged when they were read, in the order they were met.
    public var damagedReads: [TreeProblem] {
        withRepository { _ in damaged }
    }
}
