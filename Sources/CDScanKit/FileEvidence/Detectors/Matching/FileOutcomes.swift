import GitAccess

/// What the detectors made of one path naming one blob: how the blob read, what each content search of
/// the path's entries found and cost, and everything the file added to the scan's result. It depends on
/// the path, the blob's text and the catalogue alone, so another tree holding the same blob at the same
/// path gets it again without reading the blob.
struct FileOutcome: Sendable {
    enum Read: Sendable {
        case text
        case skipped
    }

    let read: Read
    /// By entry id, for the path's entries with `contains` patterns: every search ran to its end.
    let searches: [String: ContentMatches.Search]
    let detections: [Detection]
    let problems: [DetectionProblem]
    let notes: [String]
    let codeowners: [CodeownersFile]
    let badges: [StatusBadge]
    let buildTargets: [String]
    let images: [ImageReference]
}

/// The outcomes of the paths and blobs one history run has met with one catalogue (and one file size
/// cap): neighbouring points share almost all their blobs. Made per run, so nothing passes from one
/// repository to another; bounded (an outcome holds what the catalogue's extractors took from the file,
/// far less than the file), and safe across threads.
final class FileOutcomes: Sendable {
    static let limit = 100_000
    private let memo = BoundedMemo<PathBlob, FileOutcome>(budget: limit)

    private struct PathBlob: Hashable {
        let path: String
        let blob: ObjectID
    }

    func outcome(of path: String, blob: ObjectID) -> FileOutcome? {
        memo.value(for: PathBlob(path: path, blob: blob))
    }

    func remember(_ outcome: FileOutcome, of path: String, blob: ObjectID) {
        memo.keep(outcome, for: PathBlob(path: path, blob: blob), cost: 1)
    }

    var count: Int { memo.count }
}
