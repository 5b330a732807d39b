import Foundation
import GitAccess

/// The targets of the task-runner files (Makefiles, justfiles …) one history run has read, by blob: the
/// pipelines follow `make test` into them and the detectors list their names, point after point, and a
/// Makefile that changed is read once for both. Only texts are kept (a file that could not be read is
/// read again, so that each tree notes it). Bounded, and safe across threads.
final class RecipeMemo: @unchecked Sendable {
    static let limit = 20_000
    private let lock = NSLock()
    private var targets: [Key: [RunnerTarget]] = [:]

    private struct Key: Hashable {
        let blob: ObjectID
        let format: TaskRunnerFormat
        let file: String
    }

    /// The targets of `file` (blob `blob`) in `format`, read from `text` the first time; nil when `text`
    /// is nil (the file is not a text).
    func targets(of blob: ObjectID, format: TaskRunnerFormat, file: String, text: () -> String?) -> [RunnerTarget]? {
        let key = Key(blob: blob, format: format, file: file)
        lock.lock()
        let known = targets[key]
        lock.unlock()
        if let known { return known }
        guard let text = text() else { return nil }
        let read = TaskRunnerRecipes.read(text, format: format, file: file)
        lock.lock()
        if targets.count < Self.limit { targets[key] = read }
        lock.unlock()
        return read
    }
}
