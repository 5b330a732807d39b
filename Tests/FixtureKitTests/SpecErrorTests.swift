import Foundation
import Testing
@testable import FixtureKit

/// Mistakes in a repo.yml are reported with the file, line and column of the offending node.
@Suite struct SpecErrorTests {
    static let header = """
    authors:
      alice: {name: Alice, email: alice@example.com, tz: "+0100"}
      bob: {name: Bob, email: bob@example.com}
    steps:
      - commit: {at: "2024-01-01T10:00:00", author: alice, message: first, write: {a.txt: "a\\n"}}

    """

    /// Parses (and, if parsing passes, builds) `text` and returns the error.
    func error(_ text: String) throws -> FixtureError {
        let directory = try temporaryDirectory("spec-error")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let spec = try FixtureSpec.parse(text, file: "test.yml", name: "test")
            try FixtureBuilder().build(spec: spec, into: directory.appendingPathComponent("repo"))
        } catch let error as FixtureError {
            return error
        }
        Issue.record("no error for:\n\(text)")
        return FixtureError("none")
    }

    @Test func unknownStep() throws {
        let error = try error(Self.header + "  - rebase: main\n")
        #expect(error.description.hasPrefix("test.yml:6:5: unknown step 'rebase'"), "\(error)")
        #expect(error.file == "test.yml")
        #expect(error.line == 6)
        #expect(error.column == 5)
    }

    @Test func unknownAuthor() throws {
        let error = try error(Self.header + "  - commit: {at: \"2024-01-02T10:00:00\", author: carol, message: x}\n")
        #expect(error.description.hasPrefix("test.yml:6:49: unknown author 'carol'"), "\(error)")
    }

    @Test func unknownAuthorInRepeatList() throws {
        let error = try error(Self.header + """
          - repeat: {count: 2, every: 1h, from: "2024-01-02T10:00:00", author: [alice, zed], message: x}

        """)
        #expect(error.description.hasPrefix("test.yml:6:80: unknown author 'zed'"), "\(error)")
    }

    @Test func mergeOfUnknownBranch() throws {
        let error = try error(Self.header + """
          - merge: feature/nope
            at: "2024-01-02T10:00:00"
            author: bob

        """)
        #expect(error.description.hasPrefix("test.yml:6:12: merge: unknown branch 'feature/nope'"), "\(error)")
    }

    @Test func badDate() throws {
        let error = try error(Self.header + "  - commit: {at: \"2024-02-30T10:00:00\", author: bob, message: x}\n")
        #expect(error.description.hasPrefix("test.yml:6:18: bad date '2024-02-30T10:00:00'"), "\(error)")
    }

    @Test func badDateShape() throws {
        let error = try error(Self.header + "  - commit: {at: yesterday, author: bob, message: x}\n")
        #expect(error.description.hasPrefix("test.yml:6:18: bad date 'yesterday'"), "\(error)")
    }

    @Test func badTimeZone() throws {
        let error = try error("authors:\n  a: {name: A, email: a@x, tz: \"+25:00\"}\nsteps: []\n")
        #expect(error.description.hasPrefix("test.yml:2:32: bad time zone '+25:00'"), "\(error)")
    }

    @Test func unknownKeyInCommit() throws {
        let error = try error(Self.header + "  - commit: {at: \"2024-01-02T10:00:00\", author: bob, mesage: x}\n")
        #expect(error.description.hasPrefix("test.yml:6:54: unknown key 'mesage' in commit"), "\(error)")
    }

    @Test func unknownTopLevelKey() throws {
        let error = try error("kind: history\nstep: []\n")
        #expect(error.description.hasPrefix("test.yml:2:1: unknown key 'step'"), "\(error)")
    }

    @Test func unknownKind() throws {
        let error = try error("kind: clone\n")
        #expect(error.description.hasPrefix("test.yml:1:7: unknown kind 'clone'"), "\(error)")
    }

    @Test func deleteOfMissingFile() throws {
        let error = try error(Self.header + "  - commit: {at: \"2024-01-02T10:00:00\", message: x, author: bob, delete: [b.txt]}\n")
        #expect(error.description.hasPrefix("test.yml:6:75: delete: no file or directory 'b.txt'"), "\(error)")
    }

    @Test func switchToUnknownBranch() throws {
        let error = try error(Self.header + "  - switch: develop\n")
        #expect(error.description.hasPrefix("test.yml:6:13: switch: unknown branch 'develop'"), "\(error)")
    }

    @Test func mergeOfAlreadyMergedBranch() throws {
        let error = try error(Self.header + """
          - branch: topic
          - switch: main
          - merge: topic
            at: "2024-01-02T10:00:00"
            author: bob

        """)
        #expect(error.description.hasPrefix("test.yml:8:12: merge: 'topic' is already merged into 'main'"), "\(error)")
    }

    @Test func fastForwardThatIsNot() throws {
        let error = try error(Self.header + """
          - branch: topic
          - commit: {at: "2024-01-02T10:00:00", author: bob, message: t, write: {t.txt: t}}
          - switch: main
          - commit: {at: "2024-01-02T11:00:00", author: bob, message: m, write: {m.txt: m}}
          - fast-forward: topic

        """)
        #expect(error.description.hasPrefix("test.yml:10:19: fast-forward: 'main' is not an ancestor of 'topic'"), "\(error)")
    }

    @Test func duplicateTag() throws {
        let error = try error(Self.header + "  - tag: v1\n  - tag: v1\n")
        #expect(error.description.hasPrefix("test.yml:7:10: tag 'v1' already exists"), "\(error)")
    }

    @Test func fileAndDirectoryClash() throws {
        let error = try error(Self.header + "  - commit: {at: \"2024-01-02T10:00:00\", author: bob, message: x, write: {a.txt/b: x}}\n")
        #expect(error.description.contains("'a.txt' would be both a file and the directory"), "\(error)")
        #expect(error.line == 6)
    }

    @Test func badPath() throws {
        let error = try error(Self.header + "  - commit: {at: \"2024-01-02T10:00:00\", author: bob, message: x, write: {../x: x}}\n")
        #expect(error.description.hasPrefix("test.yml:6:74: bad path '../x'"), "\(error)")
    }

    @Test func invalidYAML() throws {
        let error = try error("steps: [\n")
        #expect(error.file == "test.yml")
        #expect(error.line != nil)
    }

    @Test func mirrorWithSteps() throws {
        let error = try error("kind: mirror\nsource: service\nsteps: []\n")
        #expect(error.description.hasPrefix("test.yml:3:8: 'steps' is not allowed here"), "\(error)")
    }

    @Test func finalHeadOnUnknownBranch() throws {
        let error = try error(Self.header + "final: {head: develop}\n")
        #expect(error.description.hasPrefix("test.yml:6:8: final head: unknown branch 'develop'"), "\(error)")
    }
}
