import Testing
@testable import GitAccess

@Suite struct CommitParserTests {
    private func parse(_ text: String) throws -> CommitInfo {
        let id = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        return try Array(text.utf8).withUnsafeBytes { try CommitParser.parse(id: id, bytes: $0) }
    }

    @Test func readsHeadersSignaturesAndMessage() throws {
        let commit = try parse("""
        tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
        parent 1111111111111111111111111111111111111111
        parent 2222222222222222222222222222222222222222
        author Ada Lovelace <ada@example.com> 1700000000 +0130
        committer GitHub <noreply@github.com> 1700000100 -0800
        gpgsig -----BEGIN PGP SIGNATURE-----
         abc
         -----END PGP SIGNATURE-----

        Merge pull request #12 from ada/feature

        Adds the feature.

        Co-authored-by: Bob <bob@example.com>
        Signed-off-by: Ada Lovelace <ada@example.com>

        """)
        #expect(commit.tree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        #expect(commit.parents.map(\.hex) == [String(repeating: "1", count: 40), String(repeating: "2", count: 40)])
        #expect(commit.isMerge)
        #expect(commit.author == Signature(name: "Ada Lovelace", email: "ada@example.com",
                                           time: GitTime(seconds: 1_700_000_000, offsetMinutes: 90)))
        #expect(commit.committer.time == GitTime(seconds: 1_700_000_100, offsetMinutes: -480))
        #expect(commit.committer.time.offsetMinutes == -480)
        #expect(commit.summary == "Merge pull request #12 from ada/feature")
        #expect(commit.trailers == [
            Trailer(key: "Co-authored-by", value: "Bob <bob@example.com>"),
            Trailer(key: "Signed-off-by", value: "Ada Lovelace <ada@example.com>"),
        ])
    }

    @Test func subjectJoinsTheFirstParagraphLikeGitLogPercentS() throws {
        let commit = try parse("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nline one\nline two\n\nbody\n")
        #expect(commit.summary == "line one line two")
        #expect(commit.body == "body\n")
        #expect(commit.trailers.isEmpty)
    }

    @Test func aLastParagraphWithProseIsNotTrailers() throws {
        let commit = try parse("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nfix\n\nNote: this is prose\nand more prose\n")
        #expect(commit.trailers.isEmpty)
    }

    @Test func latin1MessagesAreDecodedByTheirDeclaredEncoding() throws {
        var bytes = Array("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\nencoding ISO-8859-1\n\ncaf".utf8)
        bytes.append(0xE9)  // é in Latin-1, invalid as UTF-8
        let id = try #require(ObjectID(hex: String(repeating: "cd", count: 20)))
        let commit = try bytes.withUnsafeBytes { try CommitParser.parse(id: id, bytes: $0) }
        #expect(commit.summary == "café")
    }

    @Test func invalidUTF8IsRepairedNotFatal() throws {
        var bytes = Array("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A\u{FF} <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nbad ".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        let id = try #require(ObjectID(hex: String(repeating: "cd", count: 20)))
        let commit = try bytes.withUnsafeBytes { try CommitParser.parse(id: id, bytes: $0) }
        #expect(commit.summary.hasPrefix("bad "))
        #expect(commit.summary.unicodeScalars.contains("\u{FFFD}"))
    }

    @Test func malformedSignaturesDoNotCrash() throws {
        let commit = try parse("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor nobody\ncommitter <> notanumber +99999\n\nx")
        #expect(commit.author.name == "nobody")
        #expect(commit.author.time.seconds == 0)
        #expect(commit.committer.email == "")
        #expect(commit.committer.time == GitTime(seconds: 0, offsetMinutes: 0))
    }

    @Test func aCommitWithoutTreeIsCorrupt() {
        #expect(throws: GitError.self) { _ = try parse("author A <a@x> 1 +0000\n\nx") }
    }
}

@Suite struct ObjectIDTests {
    @Test func hexRoundTripsAndOrdersLikeItsText() throws {
        let a = try #require(ObjectID(hex: "0123456789abcdef0123456789abcdef01234567"))
        let b = try #require(ObjectID(hex: "0123456789ABCDEF0123456789abcdef01234568"))
        #expect(a.hex == "0123456789abcdef0123456789abcdef01234567")
        #expect(a < b)
        #expect(a.short == "0123456")
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
        #expect(ObjectID(a.gitOID) == a)
    }
}

@Suite struct CanonicalModeTests {
    @Test func oldGroupWritableModesReadAsGitReadsThem() {
        #expect(RawTree.canonical(0o100664) == 0o100644)
        #expect(RawTree.canonical(0o100775) == 0o100755)
        #expect(RawTree.canonical(0o100644) == 0o100644)
        #expect(RawTree.canonical(0o120000) == 0o120000)
        #expect(RawTree.canonical(0o40000) == 0o40000)
        #expect(RawTree.canonical(0o160000) == 0o160000)
    }

    @Test func aLatin1AuthorNameReadsAsItsLetters() throws {
        var bytes = Array("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor Ren".utf8)
        bytes.append(0xE9)  // é in Latin-1
        bytes += Array(" <r@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nx".utf8)
        let id = try #require(ObjectID(hex: String(repeating: "ef", count: 20)))
        let commit = try bytes.withUnsafeBytes { try CommitParser.parse(id: id, bytes: $0) }
        #expect(commit.author.name == "René")
    }
}
