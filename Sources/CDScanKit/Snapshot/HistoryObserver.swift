import GitAccess

/// Something that watches the single history walk, commit by commit, newest first. Observers are how
/// history metrics are computed without a second pass. Created after the HEAD tree is read, so they can
/// be told which paths matter (the artefacts the file detectors found).
public protocol HistoryObserver: AnyObject {
    /// Path prefixes whose changes the observer wants for every commit, beyond the `--changed-paths`
    /// limit of full diffs (the artefacts the file detectors found: `.github/workflows/ci.yml`, `infra/`).
    var trackedPrefixes: [String] { get }
    /// Tells an observer made before its tracked prefixes were known what they are (on the thread that
    /// observes, once); `trackedPrefixes` is then those.
    func follow(trackedPrefixes: [String])
    func observe(_ commit: CommitInfo)
    /// Reads what the observer needs of a message into a few bytes that a cached walk remembers instead
    /// of the message; nil when the observer reads messages itself every time.
    var annotator: WalkAnnotator? { get }
}

extension HistoryObserver {
    public var annotator: WalkAnnotator? { nil }
}

/// What is known before the history walk starts: enough to decide what the walk should watch.
public struct RepositoryLayout: Sendable {
    public let head: HeadState
    public let tree: [TreeEntry]
    public let branches: [Branch]
    public let tags: [Tag]
    public let defaultBranch: String?
    public let isShallow: Bool
    public let files: RepositoryFiles
    /// What the HEAD tree listing could not list (damaged objects, a budget that ran out).
    public let treeProblems: [TreeProblem]
}

extension RepositoryLayout {
    /// The same layout with some paths left out of the tree (a configuration's `exclude`).
    public func excluding(_ isExcluded: (String) -> Bool) -> RepositoryLayout {
        RepositoryLayout(head: head, tree: tree.filter { !isExcluded($0.path) }, branches: branches, tags: tags,
                         defaultBranch: defaultBranch, isShallow: isShallow, files: files, treeProblems: treeProblems)
    }
}
