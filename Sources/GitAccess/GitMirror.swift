import CLibGit2
import Foundation

/// Bare mirrors of remote repositories (`git clone --mirror` and `git remote update` in libgit2's terms), for
/// batches that are given URLs: the first run clones, later runs fetch into the same directory.
///
/// Credentials are never asked for: a remote that needs them fails with libgit2's message. Nothing from the
/// user's or the system's git configuration is read (see `GitLibrary`).
public enum GitMirror {
    /// The refspec of a mirror: every reference of the remote, as it is, forced.
    public static let mirrorRefspec = "+refs/*:refs/*"

    /// What `update` did.
    public enum Action: String, Sendable {
        case cloned
        case fetched
    }

    /// Clones `url` as a bare mirror into `directory` when nothing is there yet, else fetches into the mirror
    /// already there (pruning references the remote no longer has). Returns what it did.
    @discardableResult
    public static func update(url: String, directory: String) throws(GitError) -> Action {
        precondition(GitLibrary.ready)
        if FileManager.default.fileExists(atPath: directory) {
            try fetch(directory: directory)
            return .fetched
        }
        try clone(url: url, into: directory)
        return .cloned
    }

    /// `git clone --mirror url directory`: a new bare repository with an `origin` remote of the mirror
    /// refspec, fetched, and HEAD set to the remote's default branch. (libgit2's `git_clone` with a mirror
    /// refspec leaves HEAD on an unborn `master`, so the clone is done in these steps.)
    public static func clone(url: String, into directory: String) throws(GitError) {
        precondition(GitLibrary.ready)
        var created: OpaquePointer?
        try check(git_repository_init(&created, directory, 1), "create the mirror \(directory)")
        git_repository_free(created)
        do throws(GitError) {
            let repository = try GitRepository(path: directory)
            let remote = try GitRemote(repository: repository, name: "origin", creatingFor: url, refspec: mirrorRefspec)
            try remote.fetchPruning()
            try remote.updateHead()
        } catch {
            // No half mirror may be taken for a whole one on the next run.
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Fetches every reference of the mirror's `origin` remote (`git remote update --prune`) and follows a
    /// change of the remote's default branch.
    public static func fetch(directory: String) throws(GitError) {
        let repository = try GitRepository(path: directory)
        let remote = try GitRemote(repository: repository, name: "origin")
        try remote.fetchPruning()
        try remote.updateHead()
    }
}

/// One `git_remote` handle, freed in `deinit`. Not `Sendable`, like the repository it belongs to.
final class GitRemote {
    let handle: OpaquePointer
    /// Keeps the repository alive as long as its remote.
    let repository: GitRepository
    let name: String

    init(repository: GitRepository, name: String) throws(GitError) {
        var remote: OpaquePointer?
        try check(git_remote_lookup(&remote, repository.handle, name), "find remote \(name) of \(repository.gitDirectory.path)")
        guard let remote else { throw GitError(operation: "find remote \(name)", message: "no remote returned") }
        handle = remote
        self.repository = repository
        self.name = name
    }

    /// Creates the remote `name` for `url` with one fetch refspec.
    init(repository: GitRepository, name: String, creatingFor url: String, refspec: String) throws(GitError) {
        var remote: OpaquePointer?
        try check(git_remote_create_with_fetchspec(&remote, repository.handle, name, url, refspec),
                  "add remote \(url) to \(repository.gitDirectory.path)")
        guard let remote else { throw GitError(operation: "add remote \(url)", message: "no remote returned") }
        handle = remote
        self.repository = repository
        self.name = name
    }

    deinit {
        git_remote_free(handle)
    }

    /// Points HEAD at the remote's default branch, as the last fetch advertised it (the advertisement stays
    /// readable after the fetch disconnects). A remote that advertises none leaves HEAD alone.
    func updateHead() throws(GitError) {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_remote_default_branch(&buffer, handle)
        if code == GIT_ENOTFOUND.rawValue {
            _ = git_error_last()
            return
        }
        try check(code, "read the default branch of \(name)")
        guard let pointer = buffer.ptr else { return }
        let branch = String(cString: pointer)
        try check(git_repository_set_head(repository.handle, branch), "point HEAD at \(branch)")
    }

    /// Fetches with the remote's own refspecs, removing references the remote no longer has.
    func fetchPruning() throws(GitError) {
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch \(name)")
        options.prune = GIT_FETCH_PRUNE
        try check(git_remote_fetch(handle, nil, &options, "cdscan: fetch"),
                  "fetch \(name) into \(repository.gitDirectory.path)")
    }
}
