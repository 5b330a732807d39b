import CLibGit2
import Foundation

/// Process-wide libgit2 set-up, done once before the first repository is opened.
enum GitLibrary {
    /// Lazily initialised exactly once (Swift runs a static `let` initialiser once, thread-safely).
    static let ready: Bool = {
        // For the tests only: a set-up as slow as wanted, to show that an early exit waits for it.
        if let delay = ProcessInfo.processInfo.environment["CDSCAN_TEST_LIBGIT2_DELAY_MS"].flatMap(Int.init), delay > 0 {
            Thread.sleep(forTimeInterval: Double(min(delay, 5_000)) / 1000)
        }
        _ = git_libgit2_init()
        // A read-only scanner may read repositories owned by other users (CI checkouts, shared mirrors);
        // libgit2 would otherwise refuse them with a misleading "safe.directory" message.
        _ = cdscan_git_set_owner_validation(0)
        // Re-hashing every object read costs 1.4–2.4× on tree walks and adds nothing to a reader.
        _ = cdscan_git_set_strict_hash_verification(0)
        // The walk reads every commit once and keeps its own small tree cache; libgit2's object cache
        // would only grow towards its 256 MiB default.
        _ = cdscan_git_set_caching(0)
        // Bound the pack windows kept mapped, so resident memory does not grow with the pack size: the
        // default window (1 GiB on 64-bit) maps a whole pack at once, and every page a walk touches stays
        // resident. Windows under a limit are unmapped least-recently-used first. The limit holds the
        // packs of most repositories whole: a history walk reads a pack out of order (a tree's delta base
        // lies far from it), and under a 32 MiB limit a 225 MB pack was mapped 75,000 times, its pages
        // faulted in again each time (1.8 s of system time for a 7 s scan). Mapped pack pages are the
        // file's own (page cache), not memory the scan allocates.
        _ = cdscan_git_set_mwindow_size(32 << 20)
        _ = cdscan_git_set_mwindow_mapped_limit(256 << 20)
        // Results must not depend on the user's or the system's git configuration.
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA] {
            _ = cdscan_git_set_search_path_empty(level.rawValue)
        }
        return true
    }()
}

/// The libgit2 cdscan runs on, as `cdscan --version` reports it.
public enum LibGit2 {
    /// Starts libgit2's one-time set-up on a thread of its own and returns at once, so that it overlaps
    /// whatever the process does before its first repository (parsing its arguments): `git_libgit2_init`
    /// reads the system's CA certificates, some 15 ms. The first libgit2 call still waits for it to be
    /// complete (it goes through `GitLibrary.ready`, a once-only initialiser).
    public static func prepareInBackground() {
        startedLock.lock()
        started = true
        startedLock.unlock()
        Thread { _ = GitLibrary.ready }.start()
    }

    /// Waits for the set-up `prepareInBackground` started, if it did: a process must not exit (`--help`, a
    /// usage error) while libgit2 initialises on another thread, or the exit handlers of the libraries it
    /// is setting up run beside it (a segmentation fault in about one exit in fifty).
    public static func settle() {
        startedLock.lock()
        let wasStarted = started
        startedLock.unlock()
        if wasStarted { _ = GitLibrary.ready }
    }

    private static let startedLock = NSLock()
    nonisolated(unsafe) private static var started = false


    /// The linked library's version, `major.minor.revision` (e.g. `1.5.1`), asked of the library itself
    /// rather than taken from the headers it was compiled against.
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        _ = git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
