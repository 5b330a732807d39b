import Foundation

/// Repositories whose files are built to make a scan do far more work than their size suggests: the same
/// blob under a hundred thousand paths, twenty thousand nested Jenkins stages, ninety copies of a large
/// buildspec, a CI file of hundreds of megabytes, a YAML "billion laughs". Trees are made with `git mktree`
/// and `git update-index --index-info`, never by writing the files out, so each builds in about a second.
public enum HostileFiles {
    /// A small GitHub Actions workflow that runs the tests.
    public static let workflow = """
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make test

        """

    /// `count` paths `.github/workflows/wN.yml`, all naming one workflow blob.
    public static func sharedWorkflowBlob(at directory: URL, count: Int = 100_000) throws {
        try initialise(directory)
        let blob = try hashObject(Data(workflow.utf8), in: directory)
        let listing = (0..<count).map { "100644 blob \(blob)\tw\($0).yml\n" }.joined()
        let workflows = try makeTree(listing, in: directory)
        let github = try makeTree("040000 tree \(workflows)\tworkflows\n", in: directory)
        let root = try makeTree("040000 tree \(github)\t.github\n", in: directory)
        try commit(tree: root, message: "\(count) workflow paths, one blob", in: directory)
    }

    /// A declarative Jenkinsfile of `depth` stages, each nested in the one before (`stage('x') { ` repeated).
    public static func nestedJenkinsStages(at directory: URL, depth: Int = 20_000) throws {
        let text = "pipeline {\n  agent any\n  stages {\n" + String(repeating: "stage('x') { ", count: depth)
            + "sh 'make test'\n" + String(repeating: "}", count: depth) + "\n  }\n}\n"
        try commitFiles(["Jenkinsfile": Data(text.utf8)], message: "\(depth) nested stages", in: directory)
    }

    /// An AWS CodeBuild buildspec of about `size` bytes (one command per line) under `copies` folders.
    public static func repeatedBuildspec(at directory: URL, copies: Int = 90, size: Int = 690 * 1024) throws {
        var text = "version: 0.2\nphases:\n  build:\n    commands:\n"
        var index = 0
        while text.utf8.count < size {
            text += "      - echo step \(index) && make test\n"
            index += 1
        }
        let files = Dictionary(uniqueKeysWithValues: (1...copies).map { (String(format: "service%02d/buildspec.yml", $0), Data(text.utf8)) })
        try commitFiles(files, message: "\(copies) copies of one buildspec", in: directory)
    }

    /// A `.gitlab-ci.yml` of `bytes` bytes (a job whose script is one long list), streamed into the object
    /// database at low compression so that a few hundred megabytes take about a second.
    public static func oversizedPipelineFile(at directory: URL, bytes: Int) throws {
        let head = "stages: [build]\nbuild:\n  stage: build\n  script:\n"
        let line = "    - echo this line pads a hostile pipeline file to its size\n"
        var data = Data(capacity: bytes)
        data.append(contentsOf: Array(head.utf8))
        let lineBytes = Array(line.utf8)
        while data.count + lineBytes.count <= bytes { data.append(contentsOf: lineBytes) }
        data.append(contentsOf: Array(repeating: UInt8(ascii: "\n"), count: bytes - data.count))
        try commitFiles([".gitlab-ci.yml": data], message: "a \(bytes)-byte pipeline file", in: directory)
    }

    /// A workflow whose `env:` is ten levels of nine aliases each: 9^10 (3.4 billion) nodes once expanded.
    public static func billionLaughsWorkflow(at directory: URL, levels: Int = 10) throws {
        var lines = ["on: push", "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<levels {
            lines.append("x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines += ["jobs:", "  test:", "    runs-on: ubuntu-latest", "    env: *x\(levels - 1)", "    steps:", "      - run: make test"]
        let text = lines.joined(separator: "\n") + "\n"
        try commitFiles([".github/workflows/laughs.yml": Data(text.utf8)], message: "billion laughs", in: directory)
    }

    // MARK: - Plumbing

    /// Fixed people and times, so the same recipe makes the same commit.
    private static let identity = [
        "GIT_AUTHOR_NAME": "Hostile Fixture", "GIT_AUTHOR_EMAIL": "hostile@example.com",
        "GIT_COMMITTER_NAME": "Hostile Fixture", "GIT_COMMITTER_EMAIL": "hostile@example.com",
        "GIT_AUTHOR_DATE": "2024-03-01T12:00:00Z", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00Z",
    ]

    private static func initialise(_ directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Git.run(["init", "-q", "-b", "main"], in: directory)
    }

    private static func hashObject(_ data: Data, in directory: URL) throws -> String {
        try Git.run(["-c", "core.compression=1", "hash-object", "-w", "--stdin"], in: directory, input: data)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func makeTree(_ listing: String, in directory: URL) throws -> String {
        try Git.run(["mktree"], in: directory, input: Data(listing.utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Commits files (path → content) through the index, one blob per distinct content.
    private static func commitFiles(_ files: [String: Data], message: String, in directory: URL) throws {
        try initialise(directory)
        var blobs: [Data: String] = [:]
        var listing = ""
        for path in files.keys.sorted() {
            let content = files[path]!
            let blob = try blobs[content] ?? hashObject(content, in: directory)
            blobs[content] = blob
            listing += "100644 \(blob) 0\t\(path)\n"
        }
        try Git.run(["update-index", "--index-info"], in: directory, input: Data(listing.utf8))
        let tree = try Git.run(["write-tree"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        try commit(tree: tree, message: message, in: directory)
    }

    private static func commit(tree: String, message: String, in directory: URL) throws {
        let commit = try Git.run(["commit-tree", "-m", message, tree], in: directory, environment: identity)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try Git.run(["update-ref", "refs/heads/main", commit], in: directory)
    }
}
