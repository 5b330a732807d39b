import Testing
import GitAccess
@testable import CDScanKit

/// The `trees` file of a history cache: every tree reads back as written, and any damage is refused.
@Suite struct KnownTreesArchiveTests {
    private func id(_ digit: Character) -> ObjectID { ObjectID(hex: String(repeating: digit, count: 40))! }

    private var sample: KnownTrees {
        KnownTrees([
            id("1"): [.init(name: "src", mode: 0o040000, object: id("2"), size: nil),
                      .init(name: "README.md", mode: 0o100644, object: id("3"), size: 120),
                      .init(name: "run.sh", mode: 0o100755, object: id("4"), size: 0),
                      .init(name: "vendor", mode: 0o160000, object: id("5"), size: nil)],
            id("2"): [.init(name: "naïve.swift", mode: 0o100644, object: id("6"), size: 3_000_000_000)],
            id("7"): [],
        ])
    }

    @Test func treesReadBackAsWritten() throws {
        let file = sample.archived().flatMap { $0 }
        #expect(try KnownTrees(archived: file).current == sample.current)
    }

    @Test func everyFlippedByteAndEveryCutIsRefused() {
        let file = sample.archived().flatMap { $0 }
        for index in file.indices {
            var damaged = file
            damaged[index] ^= 0x01
            #expect(throws: WalkMemoryArchiveError.self) { try KnownTrees(archived: damaged) }
        }
        for count in 0..<file.count {
            #expect(throws: WalkMemoryArchiveError.self) { try KnownTrees(archived: Array(file.prefix(count))) }
        }
    }
}
