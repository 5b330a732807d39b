import Foundation
import GitAccess

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
