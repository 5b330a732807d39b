import CLibGit2
import Foundation

/// Bare mirrors of remote repositories (`git clone --mirror` and `git remote update` in libgit2's terms), for
/// batches that are given URLs: the first run clones, later runs fetch into the same directory.
///
/// Credentials are never asked for: a remote that needs them fails with libgit2's message. Credentials in
/// the URL are used for the transfer but never written to the mirror's configuration (`storedAs` is the URL
/// kept there). Nothing from the user's or the system's git configuration is read (see `GitLibrary`).
///
/// A clone is made in a sibling directory (`<mirror>.partial-<pid>`) and renamed into place only when
/// complete, so a clone cut short (a kill, a crash, a full disk) never leaves a mirror that later runs would
/// take for a whole one; a directory at the mirror's place that is not a whole mirror (left by an older
/// version) is removed and cloned again.
///
/// libgit2 1.5 has no connect or low-speed timeout for its transports: the caller bounds a transfer's wall
/// clock (cdscan runs it in a worker process with a budget) and can watch its progress through `progress`.
public enum GitMirror {
    /// The refspec of a mirror: every reference of the remote, as it is, forced.
    public static let mirrorRefspec = "+refs/*:refs/*"

    /// What `update` did.
    public enum Action: String, Sendable, Codable {
        case cloned
        case fetched
    }

    /// Called as a transfer goes with the bytes received so far; on the transfer's thread.
    public typealias Progress = (Int) -> Void

    /// Clones `url` as a bare mirror into `directory` when no whole mirror is there yet, else fetches into
    /// the mirror already there (pruning references the remote no longer has). `storedAs` is the URL written
    /// to the mirror's configuration (by default `url`). Returns what it did.
    @discardableResult
    public static func update(url: String, storedAs: String? = nil, directory: String,
                              progress: Progress? = nil) throws(GitError) -> Action {
        precondition(GitLibrary.ready)
        if FileManager.default.fileExists(atPath: directory) {
            if isWholeMirror(directory) {
                try fetch(url: url, storedAs: storedAs ?? url, directory: directory, progress: progress)
                return .fetched
            }
            do {
                try FileManager.default.removeItem(atPath: directory)
            } catch {
                throw GitError(operation: "remove the half-made mirror \(directory)", message: "\(error.localizedDescription)")
            }
        }
        try clone(url: url, storedAs: storedAs ?? url, into: directory, progress: progress)
        return .cloned
    }

    /// `git clone --mirror url directory`: a new bare repository with an `origin` remote of the mirror
    /// refspec, fetched, and HEAD set to the remote's default branch, built in a partial sibling directory
    /// and moved into place when whole. (libgit2's `git_clone` with a mirror refspec leaves HEAD on an
    /// unborn `master`, so the clone is done in these steps.)
    public static func clone(url: String, storedAs: String? = nil, into directory: String,
                             progress: Progress? = nil) throws(GitError) {
        precondition(GitLibrary.ready)
        removeAbandonedPartials(of: directory)
        let partial = partialDirectory(for: directory, pid: getpid())
        try? FileManager.default.removeItem(atPath: partial)
        var created: OpaquePointer?
        try check(git_repository_init(&created, partial, 1), "create the mirror \(directory)")
        git_repository_free(created)
        do throws(GitError) {
            try fill(partial, from: url, storedAs: storedAs ?? url, progress: progress)
            if rename(partial, directory) != 0 {
                let code = errno
                // Another batch finished the same clone first: theirs is as good as ours.
                guard (code == EEXIST || code == ENOTEMPTY) && isWholeMirror(directory) else {
                    throw GitError(operation: "move the mirror into \(directory)", message: String(cString: strerror(code)))
                }
                try? FileManager.default.removeItem(atPath: partial)
            }
        } catch {
            // No half mirror may be taken for a whole one on the next run.
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Adds the `origin` remote to the new repository at `partial` and fetches everything into it.
    private static func fill(_ partial: String, from url: String, storedAs: String, progress: Progress?) throws(GitError) {
        let repository = try GitRepository(path: partial)
        let remote = try GitRemote(repository: repository, name: "origin", creatingFor: storedAs, refspec: mirrorRefspec)
        if url != storedAs { try remote.transferFrom(url) }
        try remote.fetchPruning(progress: progress)
        try remote.updateHead()
    }

    /// Fetches every reference of the mirror's `origin` remote (`git remote update --prune`) and follows a
    /// change of the remote's default branch. With `url`, the transfer uses it (and the configuration is
    /// set to `storedAs`, which also scrubs credentials an older version wrote there).
    public static func fetch(url: String? = nil, storedAs: String? = nil, directory: String,
                             progress: Progress? = nil) throws(GitError) {
        let repository = try GitRepository(path: directory)
        if let storedAs {
            let configured = try GitRemote(repository: repository, name: "origin").configuredURL
            if configured != storedAs {
                try check(git_remote_set_url(repository.handle, "origin", storedAs), "set the URL of origin in \(directory)")
            }
        }
        let remote = try GitRemote(repository: repository, name: "origin")
        if let url, url != remote.configuredURL { try remote.transferFrom(url) }
        try remote.fetchPruning(progress: progress)
        try remote.updateHead()
    }

    /// Where a clone into `directory` is built by process `pid` before it is moved into place.
    public static func partialDirectory(for directory: String, pid: Int32) -> String {
        "\(directory).partial-\(pid)"
    }

    /// Removes the partial clones of `directory` whose process is gone (killed mid-clone).
    static func removeAbandonedPartials(of directory: String) {
        let url = URL(fileURLWithPath: directory)
        let parent = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                try? FileManager.default.removeItem(atPath: parent + "/" + name)
            }
        }
    }

    /// A whole mirror opens as a repository, has its `origin` remote and at least one reference (a clone
    /// writes its references last).
    static func isWholeMirror(_ directory: String) -> Bool {
        guard let repository = try? GitRepository(path: directory),
              (try? GitRemote(repository: repository, name: "origin")) != nil else { return false }
        var iterator: OpaquePointer?
        guard git_reference_iterator_new(&iterator, repository.handle) == 0 else {
            _ = git_error_last()
            return false
        }
        defer { git_reference_iterator_free(iterator) }
        var reference: OpaquePointer?
        let code = git_reference_next(&reference, iterator)
        if code != 0 { _ = git_error_last() }
        git_reference_free(reference)
        return code == 0
    }
}

/// Passes a transfer's progress from libgit2's callback to Swift.
private final class TransferWatch {
    let report: GitMirror.Progress

    init(_ report: @escaping GitMirror.Progress) { self.report = report }
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

    /// The URL in the repository's configuration.
    var configuredURL: String? { git_remote_url(handle).map { String(cString: $0) } }

    /// Transfers from `url` in this session without writing it to the configuration (the URL with
    /// credentials, when the configuration holds the one without).
    func transferFrom(_ url: String) throws(GitError) {
        try check(git_remote_set_instance_url(handle, url), "use the remote URL for \(name)")
    }

    /// Fetches with the remote's own refspecs, removing references the remote no longer has; `progress`
    /// hears the bytes received as they come.
    func fetchPruning(progress: GitMirror.Progress? = nil) throws(GitError) {
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch \(name)")
        options.prune = GIT_FETCH_PRUNE
        let watch = progress.map(TransferWatch.init)
        if let watch {
            options.callbacks.payload = Unmanaged.passUnretained(watch).toOpaque()
            options.callbacks.transfer_progress = { stats, payload in
                guard let stats, let payload else { return 0 }
                Unmanaged<TransferWatch>.fromOpaque(payload).takeUnretainedValue().report(Int(stats.pointee.received_bytes))
                return 0
            }
        }
        let code = withExtendedLifetime(watch) { git_remote_fetch(handle, nil, &options, "cdscan: fetch") }
        try check(code, "fetch \(name) into \(repository.gitDirectory.path)")
    }
}
