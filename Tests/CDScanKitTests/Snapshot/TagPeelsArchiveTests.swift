import Testing
import GitAccess
@testable import CDScanKit

/// The `tags` file of a history cache: every peel reads back as written, and any damage (a flipped
/// byte, a cut) is refused with an error rather than read as other peels.
@Suite struct TagPeelsArchiveTests {
    private func id(_ digit: Character) -> ObjectID { ObjectID(hex: String(repeating: digit, count: 40))! }

    private var sample: TagPeels {
        let signature = Signature(name: "Ålice", email: "alice@example.com", time: GitTime(seconds: 1_700_000_000, offsetMinutes: 60))
        return TagPeels([
            id("1"): .init(target: id("a"), isAnnotated: true, tagger: signature, message: "release 1.0",
                           date: GitTime(seconds: 1_700_000_000, offsetMinutes: 60)),
            id("2"): .init(target: id("b"), isAnnotated: false, tagger: nil, message: nil,
                           date: GitTime(seconds: 1_600_000_000, offsetMinutes: -300)),
            id("3"): .init(target: id("c"), isAnnotated: true, tagger: nil, message: "", date: nil),
        ])
    }

    @Test func peelsReadBackAsWritten() throws {
        let file = sample.archived().flatMap { $0 }
        #expect(try TagPeels(archived: file).all == sample.all)
        #expect(try TagPeels(archived: TagPeels().archived().flatMap { $0 }).all.isEmpty)
    }

    @Test func everyFlippedByteAndEveryCutIsRefused() {
        let file = sample.archived().flatMap { $0 }
        for index in file.indices {
            var damaged = file
            damaged[index] ^= 0x01
            #expect(throws: WalkMemoryArchiveError.self) { try TagPeels(archived: damaged) }
        }
        for count in 0..<file.count {
            #expect(throws: WalkMemoryArchiveError.self) { try TagPeels(archived: Array(file.prefix(count))) }
        }
    }
}
