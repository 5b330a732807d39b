import Foundation

/// What the file detectors made of one repository's trees during one history run, kept from point to
/// point: neighbouring points share almost all their blobs, so a path naming a blob already seen is
/// not read or matched again. Kept apart per catalogue (the very catalogues a point loaded: a point
/// whose own rule packs change them has a part of its own) and file size cap. Made for one run of one
/// repository and dropped with it, so nothing passes from one repository to another. Safe across threads.
public final class FileEvidenceMemo: @unchecked Sendable {
    /// One catalogue's part.
    final class Part: Sendable {
        /// Kept so that its identity cannot be given to another catalogue while the part lives.
        let catalogue: DetectorCatalogue
        let detections = FileOutcomes()
        let recipes = RecipeMemo()
        let runnerCalls = RunnerCalls()
        let systemsByPath = SystemsByPath()

        init(catalogue: DetectorCatalogue) {
            self.catalogue = catalogue
        }
    }

    private struct PartKey: Hashable {
        let catalogue: ObjectIdentifier
        let sizeCap: Int
    }

    private let lock = NSLock()
    private var parts: [PartKey: Part] = [:]

    public init() {}

    /// The part for these catalogues and files read up to `sizeCap` bytes; nil when the detector
    /// catalogue did not load (nothing is then detected, there is nothing to keep).
    func part(for catalogues: LoadedCatalogues, sizeCap: Int) -> Part? {
        guard case .success(let catalogue) = catalogues.detectors else { return nil }
        let key = PartKey(catalogue: ObjectIdentifier(catalogue.identity), sizeCap: sizeCap)
        lock.lock()
        defer { lock.unlock() }
        if let part = parts[key] { return part }
        let part = Part(catalogue: catalogue)
        parts[key] = part
        return part
    }
}
