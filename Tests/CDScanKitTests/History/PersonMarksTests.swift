import Testing
@testable import CDScanKit

/// Distinct people counted by index marks, and the ASCII readings of names that replace character ones.
@Suite struct PersonMarksTests {
    @Test func eachPersonCountsOnce() {
        var marks = PersonMarks(count: 4)
        #expect(marks.count == 0)
        for person: Int32 in [2, 0, 2, 3, 0, 2] { marks.insert(person) }
        #expect(marks.count == 3)
    }

    @Test func aTagVersionReadsTheSameFromBytesAndFromCharacters() {
        #expect(ReleaseTag.version(of: "v1.2.3") == [1, 2, 3])
        #expect(ReleaseTag.version(of: "release-2024.10.07-rc.1") == [2024, 10, 7])
        #expect(ReleaseTag.version(of: "v12") == [12])
        #expect(ReleaseTag.version(of: "latest") == [])
        // Not ASCII: read by character, where a mark makes a digit a character that is not a digit.
        #expect(ReleaseTag.version(of: "v1.2\u{301}.3") == [1])
        #expect(ReleaseTag.version(of: "版本1.4") == [1, 4])
    }

    @Test func anIdentityNameIsSplitIntoWordsAtSpacesAndTabs() {
        let ascii = PersonIdentities.keys(of: Identity(name: "Ada  LOVELACE\tKing", email: "Ada@Example.org"))
        #expect(ascii == PersonIdentities.Keys(email: "ada@example.org", name: "ada lovelace king"))
        let other = PersonIdentities.keys(of: Identity(name: "José Ramírez", email: "j@x.org"))
        #expect(other == PersonIdentities.Keys(email: "j@x.org", name: "josé ramírez"))
        #expect(PersonIdentities.keys(of: Identity(name: "root", email: "root@localhost")) == PersonIdentities.Keys(email: "root@localhost"))
        let noreply = PersonIdentities.keys(of: Identity(name: "ada", email: "123+Ada@users.noreply.github.com"))
        #expect(noreply == PersonIdentities.Keys(email: "123+ada@users.noreply.github.com", login: "ada"))
    }
}
