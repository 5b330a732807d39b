/// The file formats of the task runners (`Rules/catalogues/ci-runners.yml`, and the detectors' extractors).
enum TaskRunnerFormat: String, CaseIterable, Sendable {
    case makefile, taskfile, justfile
    case npmScripts = "npm-scripts"
    case preCommit = "pre-commit"
}

/// A target of a Makefile, Taskfile, justfile or package.json: what it runs and what it runs first.
struct RunnerTarget: Sendable, Hashable {
    let name: String
    let dependencies: [String]
    let lines: [String]
}
