import GitAccess

/// The targets of the task-runner files (Makefiles, justfiles …) one history run has read, by blob: the
/// pipelines follow `make test` into them and the detectors list their names, point after point, and a
/// Makefile that changed is read once for both. Only texts are kept (a file that could not be read is
/// read again, so that each tree notes it). Bounded by the bytes of the targets kept (recipes are as
/// large as their files), and safe across threads.
final class RecipeMemo: Sendable {
    static let byteLimit = 64 << 20
    private let memo = BoundedMemo<Key, [RunnerTarget]>(budget: byteLimit)
    /// The lines of the shell scripts the pipelines run, by blob.
    private let scripts = BoundedMemo<ObjectID, [String]>(budget: byteLimit / 4)

    private struct Key: Hashable {
        let blob: ObjectID
        let format: TaskRunnerFormat
        let file: String
    }

    /// The targets of `file` (blob `blob`) in `format`, read from `text` the first time; nil when `text`
    /// is nil (the file is not a text).
    func targets(of blob: ObjectID, format: TaskRunnerFormat, file: String, text: () -> String?) -> [RunnerTarget]? {
        let key = Key(blob: blob, format: format, file: file)
        if let known = memo.value(for: key) { return known }
        guard let text = text() else { return nil }
        let read = TaskRunnerRecipes.read(text, format: format, file: file)
        let size = read.reduce(0) { total, target in
            total + target.name.utf8.count + target.dependencies.reduce(0) { $0 + $1.utf8.count } + target.lines.reduce(0) { $0 + $1.utf8.count }
        }
        memo.keep(read, for: key, cost: size)
        return read
    }

    /// A script's command lines, made by `read` the first time; nil when the script is not a text.
    func scriptLines(of blob: ObjectID, text read: () -> [String]?) -> [String]? {
        if let known = scripts.value(for: blob) { return known }
        guard let lines = read() else { return nil }
        scripts.keep(lines, for: blob, cost: lines.reduce(16) { $0 + $1.utf8.count + 16 })
        return lines
    }
}
