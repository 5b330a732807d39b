import Foundation

/// Repositories broken on purpose, for the tests of what a scan does with damaged input.
public enum DamagedRepositories {
    /// Makes a three-commit repository at `directory` (created if needed) and deletes the loose object of
    /// its middle commit; returns that commit's id. `then`, when not empty, is committed on top (path: text).
    @discardableResult
    public static func missingMiddleCommit(at directory: URL, then files: [String: String] = [:]) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Git.run(["init", "-q", "-b", "main"], in: directory)
        for index in 1...3 {
            try Data("\(index)\n".utf8).write(to: directory.appendingPathComponent("f\(index)"))
            try Git.run(["add", "."], in: directory)
            try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "c\(index)"], in: directory)
        }
        let middle = try Git.run(["rev-parse", "HEAD~1"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(at: directory.appendingPathComponent(".git/objects/\(middle.prefix(2))/\(middle.dropFirst(2))"))
        guard !files.isEmpty else { return middle }
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Git.run(["add", "."], in: directory)
        try Git.run(["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "c4"], in: directory)
        return middle
    }
}
