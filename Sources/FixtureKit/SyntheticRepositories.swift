import Foundation

/// Many small, varied repositories made fast for batch tests: each is `git init` plus one `git fast-import`
/// stream (no work tree checkout), with fixed authors and dates, so the same index always gives the same
/// commits. Repository `i` has 3 + i % 7 commits a few days apart; every second one a GitHub Actions
/// workflow, every third one a `tests/` directory, every fourth one a release tag, every fifth one a
/// Dockerfile.
public enum SyntheticRepositories {
    /// What repository `index` holds.
    public struct Shape: Sendable, Equatable {
        public let commits: Int
        public let hasWorkflow: Bool
        public let hasTests: Bool
        public let hasTag: Bool
        public let hasDockerfile: Bool

        public init(index: Int) {
            commits = 3 + index % 7
            hasWorkflow = index % 2 == 0
            hasTests = index % 3 == 0
            hasTag = index % 4 == 0
            hasDockerfile = index % 5 == 0
        }
    }

    /// Makes `count` repositories `repo-000` … under `directory` (created as needed); returns their paths.
    @discardableResult
    public static func generate(count: Int, into directory: URL, prefix: String = "repo-") throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var urls: [URL] = []
        for index in 0..<count {
            let url = directory.appendingPathComponent(prefix + String(format: "%03d", index))
            try Git.run(["init", "-q", "-b", "main", url.path], in: directory)
            try Git.run(["fast-import", "--quiet"], in: url, input: Data(stream(index: index).utf8))
            urls.append(url)
        }
        return urls
    }

    /// The fast-import stream of repository `index`.
    public static func stream(index: Int) -> String {
        let shape = Shape(index: index)
        let authors = [("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"),
                       ("Linus Example", "linus@example.com")]
        let start: Int64 = 1_704_067_200 + Int64(index) * 3_600  // 2024-01-01, an hour apart per repository
        var out = ""
        func file(_ path: String, _ text: String) {
            out += "M 100644 inline \(path)\ndata \(text.utf8.count)\n\(text)\n"
        }
        for number in 0..<shape.commits {
            let (name, email) = authors[(index + number) % authors.count]
            let time = start + Int64(number) * 3 * 86_400
            let message = number == 0 ? "Initial commit" : "feat: change \(number) of repository \(index)"
            out += "commit refs/heads/main\nmark :\(number + 1)\n"
            out += "author \(name) <\(email)> \(time) +0000\ncommitter \(name) <\(email)> \(time) +0000\n"
            out += "data \(message.utf8.count)\n\(message)\n"
            if number > 0 { out += "from :\(number)\n" }
            file("README.md", "# Repository \(index)\n\nRevision \(number).\n")
            file("src/main.py", "print(\"hello \(index) \(number)\")\n")
            if number == 1 && shape.hasWorkflow {
                file(".github/workflows/ci.yml", """
                    name: CI
                    on: [push, pull_request]
                    jobs:
                      test:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v4
                          - run: make build
                          - run: make test

                    """)
            }
            if number == 1 && shape.hasTests {
                file("tests/test_main.py", "def test_main():\n    assert True\n")
            }
            if number == 2 && shape.hasDockerfile {
                file("Dockerfile", "FROM python:3.12-slim\nCOPY src /app\n")
            }
        }
        if shape.hasTag {
            let time = start + Int64(shape.commits - 1) * 3 * 86_400 + 60
            out += "tag v1.0.0\nfrom :\(shape.commits)\ntagger Ada Lovelace <ada@example.com> \(time) +0000\n"
            out += "data 14\nRelease 1.0.0\n\n"
        }
        return out
    }
}
