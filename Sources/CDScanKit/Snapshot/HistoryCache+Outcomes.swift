import Foundation

/// The file detectors' outcomes of the last scanned tree, in the repository's cache folder beside the
/// history (`outcomes`, see `KeptOutcomes`): replaced whole by each scan that changed them.
extension HistoryCache {
    private static let outcomesName = "outcomes"

    /// The kept outcomes' file as it lies; nil when there is none.
    func loadOutcomes() throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path(Self.outcomesName)) else { return nil }
        return try withLock(shared: true) { try CacheFile.read(path(Self.outcomesName)) }
    }

    /// Replaces the kept outcomes; returns the bytes written.
    func saveOutcomes(_ parts: [[UInt8]]) throws -> Int {
        try createFolder()
        try withLock(shared: false) { try write(parts, to: Self.outcomesName) }
        return parts.reduce(0) { $0 + $1.count }
    }
}
