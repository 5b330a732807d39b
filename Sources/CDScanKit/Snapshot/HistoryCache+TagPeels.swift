import Foundation
import GitAccess

/// The tag references' peels, in the repository's cache folder beside the history (`tags`, see
/// `TagPeels`): replaced whole when a scan learnt a peel or a tag went away.
extension HistoryCache {
    private static let tagsName = "tags"

    /// The peels kept by the last scan; none when there are none or they cannot be read (every tag is
    /// then peeled again, and the file written anew).
    func loadTagPeels() -> TagPeels {
        guard FileManager.default.fileExists(atPath: path(Self.tagsName)),
              let bytes = try? withLock(shared: true, { try CacheFile.read(path(Self.tagsName)) }),
              let peels = try? TagPeels(archived: bytes) else { return TagPeels() }
        return peels
    }

    /// Keeps the peels of the tags listed now, when they differ from those loaded. Best effort: a folder
    /// that cannot be written only costs the next scan its reads.
    func saveTagPeels(_ peels: TagPeels) {
        guard peels.changed else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? withLock(shared: false) { try write(peels.archived(), to: Self.tagsName) }
    }
}
