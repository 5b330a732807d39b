import Foundation

/// What a detector catalogue's path tests say of one path. It depends on the path alone, so it is worked
/// out once per path and catalogue, however many trees hold the path.
struct PathVerdict: Sendable {
    /// Under an ignored path (vendored or generated code): not looked at.
    let isIgnored: Bool
    let testRole: TestInventory.Role?
    /// The entries (indexes into the catalogue's entries) whose globs accept the path, with the glob.
    let entries: [(index: Int, glob: PathGlob)]
    let ecosystem: DependencyEcosystem?
    /// CODEOWNERS should cover it as a pipeline (the catalogue's `codeowners-pipeline-paths`), ignored or not.
    let coveredAsPipeline: Bool
}

/// The verdicts of the paths a process has met, for one catalogue: the points of a history share most of
/// their paths, and so do many repositories of a batch. Bounded (past `limit` paths, verdicts are worked
/// out and not kept) and safe across threads (scans of a batch may share a catalogue).
final class PathVerdicts: @unchecked Sendable {
    static let limit = 500_000
    private let lock = NSLock()
    private var verdicts: [String: PathVerdict] = [:]

    /// The verdict already worked out (or taken) for `path`.
    func known(_ path: String) -> PathVerdict? {
        lock.lock()
        defer { lock.unlock() }
        return verdicts[path]
    }

    /// Takes the verdict an earlier scan with this very catalogue worked out (`--cache`, `KeptOutcomes`).
    func remember(_ verdict: PathVerdict, of path: String) {
        lock.lock()
        defer { lock.unlock() }
        if verdicts[path] == nil, verdicts.count < Self.limit { verdicts[path] = verdict }
    }

    func verdict(of path: String, _ make: () -> PathVerdict) -> PathVerdict {
        lock.lock()
        let known = verdicts[path]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        if verdicts.count < Self.limit { verdicts[path] = made }
        lock.unlock()
        return made
    }
}
