import GitAccess
import Testing
@testable import CDScanKit

/// The kind inference from a tree read into a `ProjectTree`: paths and manifest texts in, a profile out.
@Suite struct ProjectTreeTests {
    static func tree(_ files: [String: String]) -> (entries: [TreeEntry], read: (TreeEntry) -> String?) {
        let object = ObjectID(hex: String(repeating: "cd", count: 20))!
        let entries = files.keys.sorted().map { TreeEntry(path: $0, kind: .file, mode: 0o100644, object: object, size: files[$0]!.utf8.count) }
        return (entries, { files[$0.path] })
    }

    @Test func aManifestThatInstallsACommandIsACommandLineTool() {
        let (entries, read) = Self.tree(["package.json": "{\"bin\": {\"tool\": \"cli.js\"}}", "cli.js": "", "lib/index.js": ""])
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.manifests == ["package.json"])
        #expect(project.commandReasons == ["package.json installs a command (\"bin\")"])
        let profile = ProjectKindInference.infer(project, detections: [], findings: [])
        #expect(profile.kinds == [.cli])
    }

    @Test func aManifestForAMinorLanguageDescribesNothing() {
        // A Cargo.toml beside mostly C: the manifest does not describe the project.
        var files = ["Cargo.toml": "[package]\n", "src/lib.rs": ""]
        for index in 0..<5 { files["c/file\(index).c"] = "" }
        let (entries, read) = Self.tree(files)
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.manifests.isEmpty)
        #expect(project.code == 6)
        #expect(ProjectKindInference.infer(project, detections: [], findings: []).kinds == [.application])
    }

    @Test func mostlyProseIsDocumentation() {
        let (entries, read) = Self.tree(Dictionary(uniqueKeysWithValues: (0..<6).map { ("docs/page\($0).md", "") }))
        let profile = ProjectKindInference.infer(ProjectTree(tree: entries, read: read), detections: [], findings: [])
        #expect(profile.kinds == [.documentation])
        #expect(profile.evidence == ["documentation: 6 of 6 files are prose, 0 are source code, and nothing is packaged"])
    }

    /// A history run keeps what the inference made of each path (`ProjectPaths`): tree after tree, the
    /// project read with it is the one read without.
    @Test func pathsKeptFromEarlierTreesGiveTheSameProject() {
        let trees: [[String: String]] = [
            ["package.json": "{\"bin\": {\"tool\": \"cli.js\"}}", "cli.js": "", "lib/index.js": "", "docs/a.md": "", "infra/main.tf": ""],
            ["package.json": "{}", "cli.js": "", "lib/index.js": "", "Procfile": "web: x", "go.work": "", "cmd/tool/main.go": ""],
            ["Cargo.toml": "[package]\n", "src/main.rs": "", "x.gemspec": "", "packer/a.pkr.hcl": "", "examples/go.mod": "", "run.sh": ""],
            ["main.go": "", "cmd/tool/main.go": "", ".goreleaser.yml": "", "docs/a.md": "", "docs/b.rst": "", "Procfile": "web: x"],
        ]
        let paths = ProjectPaths()
        for files in trees {
            let (entries, read) = Self.tree(files)
            #expect(ProjectTree(tree: entries, paths: paths, read: read) == ProjectTree(tree: entries, read: read), "\(files.keys.sorted())")
        }
    }
}
