import Testing
@testable import CDScanKit

/// An ASCII character found among the bytes of an ASCII text, and among the characters of any other.
@Suite struct ASCIISearchTests {
    @Test func anAsciiTextIsSearchedAmongItsBytes() {
        let text = "a/b/c.d"
        #expect(ASCIISearch.firstIndex(of: UInt8(ascii: "/"), in: text) == text.firstIndex(of: "/"))
        #expect(ASCIISearch.lastIndex(of: UInt8(ascii: "/"), in: text) == text.lastIndex(of: "/"))
        #expect(ASCIISearch.lastIndex(of: UInt8(ascii: "x"), in: text) == nil)
        let slice = text.dropFirst(2)
        #expect(ASCIISearch.firstIndex(of: UInt8(ascii: "/"), in: slice) == slice.firstIndex(of: "/"))
        #expect(slice[ASCIISearch.firstIndex(of: UInt8(ascii: "/"), in: slice)!...] == "/c.d")
    }

    @Test func anyOtherTextIsSearchedAmongItsCharacters() {
        let text = "{ü}/\u{301}x/y"
        #expect(ASCIISearch.firstIndex(of: UInt8(ascii: "}"), in: text) == text.firstIndex(of: "}"))
        // The slash joined by a combining mark is not a slash: the last one is the one before "y".
        #expect(ASCIISearch.lastIndex(of: UInt8(ascii: "/"), in: text) == text.lastIndex(of: "/"))
        #expect(ASCIISearch.firstIndex(of: UInt8(ascii: "/"), in: text) == text.firstIndex(of: "/"))
        #expect(text[ASCIISearch.firstIndex(of: UInt8(ascii: "/"), in: text)!...] == "/y")
    }
}
