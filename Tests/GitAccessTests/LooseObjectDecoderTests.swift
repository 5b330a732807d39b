import FixtureKit
import Foundation
import Testing
@testable import GitAccess

@Suite struct LooseObjectDecoderTests {
    private let body = Array(HostileObjects.workflow.utf8)

    private func decode(_ bytes: [UInt8], expected: ObjectID? = nil, limit: Int = 1 << 20) -> Result<DecodedObject, LooseObjectError> {
        bytes.withUnsafeBytes { raw in
            Result { () throws(LooseObjectError) in try LooseObjectDecoder.decode(raw, expected: expected, maximumSize: limit) }
        }
    }

    private func failure(_ bytes: [UInt8], expected: ObjectID? = nil, limit: Int = 1 << 20) -> LooseObjectError? {
        if case .failure(let error) = decode(bytes, expected: expected, limit: limit) { return error }
        return nil
    }

    @Test func decodesAWellFormedObjectAndChecksItsId() throws {
        let id = ObjectID.blobID(of: body)
        let object = try decode(HostileObjects.looseObject(type: "blob", body: body), expected: id).get()
        #expect(object.type == .blob)
        #expect(object.body == body)
        let empty = try decode(HostileObjects.looseObject(type: "tree", body: [])).get()
        #expect(empty.type == .tree)
        #expect(empty.body.isEmpty)
    }

    @Test func refusesABodyThatDoesNotHashToTheId() {
        let other = ObjectID.blobID(of: Array("something else".utf8))
        guard case .hashMismatch(let actual)? = failure(HostileObjects.looseObject(type: "blob", body: body), expected: other) else {
            Issue.record("expected a hash mismatch")
            return
        }
        #expect(actual == ObjectID.blobID(of: body))
    }

    @Test func refusesHeadersThatLieAboutTheSize() {
        #expect(failure(HostileObjects.looseObject(type: "blob", body: body, claimedSize: 12)) == .longerThanClaimed(claimed: 12))
        // Longer than the header's scratch buffer too: the excess is found while inflating the body.
        let long = [UInt8](repeating: 0x61, count: 5000)
        #expect(failure(HostileObjects.looseObject(type: "blob", body: long, claimedSize: 4000)) == .longerThanClaimed(claimed: 4000))
        #expect(failure(HostileObjects.looseObject(type: "blob", body: body, claimedSize: body.count + 50))
            == .shorterThanClaimed(claimed: body.count + 50, actual: body.count))
        #expect(failure(HostileObjects.looseObject(type: "blob", body: body, claimedSize: 1 << 40), limit: 1 << 20)
            == .overLimit(claimed: 1 << 40, limit: 1 << 20))
    }

    @Test func refusesEveryTruncationWithoutHanging() {
        let whole = HostileObjects.looseObject(type: "blob", body: body)
        for length in 0..<whole.count {
            let error = failure(Array(whole.prefix(length)))
            #expect(error != nil, "a prefix of \(length) of \(whole.count) bytes was accepted")
        }
        #expect(failure(Array(whole.prefix(whole.count / 2))) .map { if case .truncated = $0 { true } else { false } } == true)
    }

    @Test func refusesFlippedBytesAndTrailingBytes() {
        let whole = HostileObjects.looseObject(type: "blob", body: body)
        var flipped = whole
        for offset in (whole.count / 2)..<(whole.count / 2 + 4) { flipped[offset] ^= 0x5A }
        #expect(failure(flipped, expected: ObjectID.blobID(of: body)) != nil)
        #expect(failure(whole + [1, 2, 3]) == .trailingBytes(3))
        #expect(failure(Array("not zlib at all".utf8)).map { if case .compression = $0 { true } else { false } } == true)
    }

    @Test func refusesMalformedHeaders() {
        func header(_ text: String) -> LooseObjectError? { failure(HostileObjects.compress(Array(text.utf8))) }
        #expect(header("blob12\0abc").map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(header("blob 012\0").map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(header("blob 1x\0a").map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(header("blob \0").map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(header("blub 3\0abc") == .unknownType("blub"))
        #expect(header("blob 3").map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(header("blob " + String(repeating: "1", count: 80) + "\0").map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(header("blob 99999999999999999999\0") == .overLimit(claimed: .max, limit: 1 << 20))
    }

    @Test func readsAHeaderFromTheStartOfAStreamAlone() throws {
        let long = [UInt8]((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        let whole = HostileObjects.looseObject(type: "blob", body: long)
        let header = try Array(whole.prefix(64)).withUnsafeBytes { raw in
            Result { () throws(LooseObjectError) in try LooseObjectDecoder.decodeHeader(raw, maximumSize: .max) }
        }.get()
        #expect(header.type == .blob)
        #expect(header.size == long.count)
    }
}
