import Foundation

/// Repositories whose own configuration or rule pack carries patterns meant to make a matcher that
/// backtracks run for minutes (issue 13, recipe 5). Each is one commit with fixed author and dates.
public enum HostilePatterns {
    /// `exclude:` with this many `**` levels before the final name.
    public static let excludeLevels = 12

    /// A tree `depth` folders deep with `filesPerLevel` files at every level (`depth × filesPerLevel` paths),
    /// and a `.cdscan.yml` whose one exclude pattern is `**/**/…/**/zz` (`excludeLevels` times `**`): a
    /// matcher that tries every split of the path between the `**` takes exponential time on the deep paths.
    public static func deepTreeWithStarredExclude(at directory: URL, depth: Int = 30, filesPerLevel: Int = 100) throws {
        var folder = directory
        for level in 0..<depth {
            folder.appendPathComponent("level\(level)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for index in 0..<filesPerLevel {
                try Data("level \(level) file \(index)\n".utf8).write(to: folder.appendingPathComponent("f\(index).txt"))
            }
        }
        let pattern = Array(repeating: "**", count: excludeLevels).joined(separator: "/") + "/zz"
        try write(["README.md": "# Deep\n", ".cdscan.yml": "exclude: [\"\(pattern)\"]\n"], in: directory)
        try commitAll(in: directory, message: "A deep tree with a starred exclude")
    }

    /// The pattern of the in-repository pack: nested quantifiers over the same letter, which a
    /// backtracking engine explores in exponential time when no `y` follows.
    public static let nestedQuantifierPattern = "(x+x+)+y"

    /// A repository declaring its own rule pack (`rules: [pack/]`) whose detector catalogue has one entry
    /// that reads `*.txt` files for `nestedQuantifierPattern`, and `data/xs.txt` holding 5,000 `x`
    /// (followed by a `y` when `endsWithY`, so that the entry matches).
    public static func packWithNestedQuantifier(at directory: URL, endsWithY: Bool = false) throws {
        try write([
            "README.md": "# Pack\n",
            ".cdscan.yml": "rules: [pack/]\n",
            "pack/catalogues/hostile.yml": catalogue(contains: nestedQuantifierPattern, feeds: "hasBuildScripts"),
            "data/xs.txt": String(repeating: "x", count: 5_000) + (endsWithY ? "y" : "") + "\n",
        ], in: directory)
        try commitAll(in: directory, message: "A pack with a nested quantifier")
    }

    /// The same shape with a pack catalogue that must not load: a backreference (`(x)\1`, outside the
    /// linear-time subset) or a `feeds:` name no probe reads.
    public static func packThatDoesNotLoad(at directory: URL, contains pattern: String = "x+", feeds: String = "hasBuildScripts") throws {
        try write([
            "README.md": "# Pack\n",
            ".cdscan.yml": "rules: [pack/]\n",
            "pack/catalogues/hostile.yml": catalogue(contains: pattern, feeds: feeds),
            "data/xs.txt": "xxxx\n",
        ], in: directory)
        try commitAll(in: directory, message: "A pack that does not load")
    }

    /// A repository declaring its own rule pack (`rules: [pack/]`) with these catalogue files (names under
    /// `pack/catalogues/`) and one commit by "Hostile".
    public static func repositoryWithPack(at directory: URL, catalogues: [String: String]) throws {
        var files = ["README.md": "# Pack\n", ".cdscan.yml": "rules: [pack/]\n", "data/xs.txt": "xxxx\n"]
        for (name, text) in catalogues { files["pack/catalogues/\(name)"] = text }
        try write(files, in: directory)
        try commitAll(in: directory, message: "A repository with its own catalogues")
    }

    /// The catalogue's text; the pattern sits on line 7, column 16 (the opening quote).
    static func catalogue(contains pattern: String, feeds: String) -> String {
        """
        kind: detectors
        entries:
          - id: hostile-pattern
            tool: Hostile
            feeds: [\(feeds)]
            paths: ["*.txt"]
            contains: ['\(pattern.replacingOccurrences(of: "'", with: "''"))']

        """
    }

    private static func write(_ files: [String: String], in directory: URL) throws {
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    private static func commitAll(in directory: URL, message: String) throws {
        let date = "2024-03-01T12:00:00+00:00"
        try Git.run(["init", "-q", "-b", "main"], in: directory)
        try Git.run(["add", "."], in: directory)
        try Git.run(["-c", "user.name=Hostile", "-c", "user.email=hostile@example.com", "commit", "-q", "-m", message], in: directory,
                    environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }
}
