import Foundation
import Testing
import GitAccess
@testable import CDScanKit

/// The cache's `tip` file: what is written is read back as it was, and a damaged or cut file is refused
/// with an error, never read as other facts and never a crash.
@Suite struct ReplayTipArchiveTests {
    static func id(_ digit: Character) -> ObjectID { ObjectID(hex: String(repeating: digit, count: 40))! }

    static func sample() -> ReplayTip {
        var parents = ParentTable()
        parents.append([1, 2])
        parents.append([2])
        parents.append([])
        var merge = CommitClassification()
        merge.traits = [.mergeRequestMerge]
        merge.forge = "github"
        merge.mergedBranch = "feature/ü"
        var revert = CommitClassification()
        revert.traits = [.revert]
        revert.reverted = id("f")
        let people = [Identity(name: "Ada", email: "ada@example.com"), Identity(name: "Björn", email: "b@example.com")]
        func record(_ id: ObjectID, time: Int64, author: Int32, parents: UInt8) -> CommitRecord {
            CommitRecord(id: id, authorTime: time - 5, committerTime: time, authorOffsetMinutes: 60,
                         committerOffsetMinutes: -300, author: author, committer: 0, parentCount: parents)
        }
        let records: [CommitRecord] = [record(id("a"), time: 300, author: 0, parents: 2), record(id("b"), time: 200, author: 1, parents: 1),
                                       record(id("c"), time: 100, author: 0, parents: 0)]
        return ReplayTip(key: ReplayTip.Key(catalogueKey: "digest", prefixes: [], trackedPrefixes: [".github/", "Dockerfile"]),
                         ids: records.map { $0.id }, parents: parents, records: records, identities: people,
                         classifications: [merge, revert, CommitClassification()], areas: [0, 0b101, 0], commitLimit: 1, trackedLimit: .max,
                         fullPaths: [1: ["src/a.c", "Dockerfile"], 2: nil], trackedPaths: [2: ["Dockerfile"]])
    }

    @Test func aTipIsReadBackAsItWasWritten() throws {
        let tip = Self.sample()
        let read = try ReplayTip(archived: tip.archived().flatMap { $0 })
        #expect(read.key == tip.key)
        #expect(read.ids == tip.ids)
        #expect(read.parents == tip.parents)
        #expect(read.records == tip.records)
        #expect(read.identities == tip.identities)
        #expect(read.classifications == tip.classifications)
        #expect(read.areas == [0, 0b101, 0])
        #expect(read.commitLimit == 1 && read.trackedLimit == .max)
        #expect(read.fullPaths.count == 2 && read.fullPaths[1] == ["src/a.c", "Dockerfile"])
        #expect(read.fullPaths.index(forKey: 2) != nil && read.fullPaths[2]! == nil, "an unreadable commit stays unreadable")
        #expect(read.trackedPaths[2] == ["Dockerfile"])
        #expect(read.archived() == tip.archived())
    }

    /// The same history gives the same bytes, whatever order its path lists were gathered in.
    @Test func theSameTipIsTheSameBytes() throws {
        let tip = Self.sample()
        var lists: [(Int32, [String]?)] = (0..<3).map { index in (Int32(index), (0..<30).map { "dir\(index)/file\($0)" }) }
        var forwards = tip, backwards = tip
        forwards.fullPaths = [:]
        backwards.fullPaths = [:]
        for (index, list) in lists { forwards.fullPaths.updateValue(list, forKey: index) }
        lists.reverse()
        for (index, list) in lists { backwards.fullPaths.updateValue(list, forKey: index) }
        #expect(forwards.archived() == backwards.archived())
        let read = try ReplayTip(archived: forwards.archived().flatMap { $0 })
        #expect(read.archived() == forwards.archived())
    }

    @Test func everyDamagedOrCutFileIsRefused() throws {
        let bytes = Self.sample().archived().flatMap { $0 }
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x41
            #expect(throws: WalkMemoryArchiveError.self, "byte \(position) flipped") { try ReplayTip(archived: damaged) }
        }
        for length in 0..<bytes.count {
            #expect(throws: WalkMemoryArchiveError.self, "cut at \(length)") { try ReplayTip(archived: Array(bytes.prefix(length))) }
        }
    }

    @Test func theWalkItKeepsIsTheWalkAReplayMakes() throws {
        // The scopes follow from the limits: the merge is not diffed, the next commit in full (limit 1),
        // the root below the followed artefacts.
        let tip = Self.sample()
        #expect(tip.scopes(count: 3) == [nil, .full, .tracked])
        #expect(WalkOrder.order(from: 0, committerTimes: tip.records.map(\.committerTime), parents: tip.parents) == [0, 1, 2])
    }
}
