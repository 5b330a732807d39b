/// The exit codes of `cdscan batch`, `history`, `merge` and `report`, beside the scan's own (0 success,
/// 1 below policy, 2 the repository could not be scanned, 64 usage error).
public enum BatchExitStatus: Int32, Sendable {
    /// The batch ran to the end, but some repositories (or history points) could not be scanned; each is
    /// listed with its reason and stored as a failed record.
    case someFailed = 3
    /// The store could not be opened, read or written (or the report not written).
    case storeFailed = 4
    /// Stopped by Ctrl-C (SIGINT): results finished before it are in the store.
    case interrupted = 130
}
