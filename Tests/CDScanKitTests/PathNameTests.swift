import Testing
@testable import CDScanKit

/// A path's last component and extension, searched among the bytes of an ASCII path and among the
/// characters of any other.
@Suite struct PathNameTests {
    @Test func anAsciiPathIsSplitAtItsLastSlashAndDot() {
        #expect(ProjectKindInference.lastComponent("cmd/Tool/Main.GO") == "main.go")
        #expect(ProjectKindInference.lastComponent("Makefile") == "makefile")
        #expect(ProjectKindInference.lastComponent("docs/") == "")
        #expect(ProjectKindInference.fileExtension("archive.tar.gz") == "gz")
        #expect(ProjectKindInference.fileExtension(".gitignore") == "")
        #expect(ProjectKindInference.fileExtension("README") == "")
    }

    @Test func anyOtherPathIsSplitAtItsLastSlashCharacter() {
        #expect(ProjectKindInference.lastComponent("docs/Résumé/Été.MD") == "été.md")
        #expect(ProjectKindInference.fileExtension("été.md") == "md")
        // A combining mark after a slash makes one character of the two: it is not the slash, so the
        // name starts after the slash before it, as the character search has always read it.
        #expect(ProjectKindInference.lastComponent("a/b/\u{301}c") == "b/\u{301}c")
        #expect(ProjectKindInference.fileExtension("x.\u{301}y") == "")
    }
}
