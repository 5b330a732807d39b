import Foundation
import GitAccess

/// What a detector catalogue's path tests say of one path. It depends on the path alone, so it is worked
/// out once per path and catalogue, however many trees hold the path.
struct PathVerdict: Sendable {
    /// Under an ignored path (vendored or generated code): not looked at.
    let isIgnored: Bool
    let testRole: TestInventory.Role?
    /// The entries (indexes into the catalogue's entries) whose globs accept the path, with the glob.
    let entries: [(index: Int, glob: PathGlob)]
    let ecosystem: DependencyEcosystem?
}

/// The verdicts of the paths a process has met, for one catalogue: the points of a history share most of
/// their paths, and so do many repositories of a batch. Bounded (past `limit` paths, verdicts are worked
/// out and not kept) and safe across threads (scans of a batch may share a catalogue).
final class PathVerdicts: @unchecked Sendable {
    static let limit = 500_000
    private let lock = NSLock()
    private var verdicts: [String: PathVerdict] = [:]

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

/// The first line each entry's content patterns matched in a blob, and the pattern steps it took, for
/// the blobs a process has met with one catalogue: a blob is the same text in every tree that holds it.
/// A remembered search is taken only while the scan's step budget could still pay for it, so a scan
/// spends its budget exactly as if it had searched again. Bounded, and safe across threads.
final class ContentMatches: @unchecked Sendable {
    struct Search: Sendable {
        let line: Int?
        let steps: Int
    }

    static let limit = 200_000
    private let lock = NSLock()
    private var searches: [BlobEntry: Search] = [:]

    private struct BlobEntry: Hashable {
        let blob: ObjectID
        let entry: String
    }

    func search(of entry: String, in blob: ObjectID) -> Search? {
        lock.lock()
        defer { lock.unlock() }
        return searches[BlobEntry(blob: blob, entry: entry)]
    }

    func remember(_ search: Search, of entry: String, in blob: ObjectID) {
        lock.lock()
        defer { lock.unlock() }
        if searches.count < Self.limit { searches[BlobEntry(blob: blob, entry: entry)] = search }
    }
}
