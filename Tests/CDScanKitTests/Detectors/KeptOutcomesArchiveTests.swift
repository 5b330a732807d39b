import Foundation
import Testing
import GitAccess
@testable import CDScanKit

/// The cache's `outcomes` file (`KeptOutcomes`): the outcomes written are read back as they were — a scan
/// seeded with them reads nothing and gives what reading gives — and a damaged, cut or foreign file is
/// refused with an error, never read as other outcomes and never a crash.
@Suite struct KeptOutcomesArchiveTests {
    static let key = KeptOutcomes.Key(version: CDScanVersion.current, catalogueDigest: .blobID(of: Array("catalogues".utf8)),
                                      sizeCap: 1 << 20)

    /// The outcomes of `FileOutcomesTests`' files (every kind of work a file gets), as a scan keeps them.
    /// With the path tests' verdicts of the same files, and of a test file and an ignored one.
    static func sample() throws -> KeptOutcomes {
        let catalogue = try FileOutcomesTests.builtIn
        let outcomes = FileOutcomes()
        let files = FileOutcomesTests.files + [CandidateFile(path: "src/app_test.go", size: 1), CandidateFile(path: "vendor/x/y.go", size: 1)]
        _ = DetectionScanner(catalogue: catalogue, outcomes: outcomes).scan(files) { FileOutcomesTests.read($0) }
        let sorted = files.sorted { $0.path < $1.path }
        let kept = sorted.compactMap { file -> KeptOutcomes.Kept? in
            guard let blob = file.blob, let outcome = outcomes.outcome(of: file.path, blob: blob) else { return nil }
            return KeptOutcomes.Kept(path: file.path, blob: blob, outcome: outcome)
        }
        let verdicts = sorted.compactMap { file in
            catalogue.pathVerdicts.known(file.path).flatMap { KeptVerdict($0, of: file.path, in: catalogue) }
        }
        return KeptOutcomes(key: key, outcomes: kept, verdicts: verdicts)
    }

    /// A verdict as comparable text.
    static func describe(_ verdict: PathVerdict) -> String {
        "\(verdict.isIgnored) \(verdict.coveredAsPipeline) \(String(describing: verdict.testRole)) \(String(describing: verdict.ecosystem)) "
            + verdict.entries.map { "\($0.index):\($0.glob.pattern)" }.joined(separator: ",")
    }

    static func bytes(_ kept: KeptOutcomes) -> [UInt8] {
        kept.archived().flatMap { $0 }
    }

    @Test func keptOutcomesAreReadBackAndGiveWhatReadingGives() throws {
        let kept = try Self.sample()
        #expect(kept.outcomes.count == FileOutcomesTests.texts.count, "every file's outcome is kept")
        let read = try KeptOutcomes(archived: Self.bytes(kept))
        #expect(read.key == kept.key)
        #expect(read.outcomes.map(\.path) == kept.outcomes.map(\.path))
        #expect(read.outcomes.map(\.blob) == kept.outcomes.map(\.blob))
        #expect(Self.bytes(read) == Self.bytes(kept), "what is read back writes the same bytes")
        let catalogue = try FileOutcomesTests.builtIn
        #expect(read.verdicts.count == FileOutcomesTests.texts.count + 2, "every path's verdict is kept")
        #expect(read.verdicts.contains { $0.testRole?.isTest == true } && read.verdicts.contains { $0.isIgnored })
        #expect(read.verdicts.contains { !$0.entries.isEmpty } && read.verdicts.contains { $0.ecosystem != nil })
        for verdict in read.verdicts {
            let made = try #require(verdict.verdict(in: catalogue))
            let original = try #require(catalogue.pathVerdicts.known(verdict.path))
            #expect(Self.describe(made) == Self.describe(original), "\(verdict.path)")
        }

        let alone = FileOutcomesTests.scan(catalogue, outcomes: nil)
        let seeded = FileOutcomes()
        for outcome in read.outcomes { seeded.remember(outcome.outcome, of: outcome.path, blob: outcome.blob) }
        let warm = FileOutcomesTests.scan(catalogue, outcomes: seeded)
        #expect(warm.reads == 0)
        #expect(FileOutcomesTests.summary(warm.result) == FileOutcomesTests.summary(alone.result))
    }

    @Test func anotherKeyStopsBeforeTheOutcomes() throws {
        let kept = try Self.sample()
        let other = KeptOutcomes.Key(version: Self.key.version, catalogueDigest: Self.key.catalogueDigest, sizeCap: 5)
        let read = try KeptOutcomes(archived: Self.bytes(kept), expecting: other)
        #expect(read.key == Self.key && read.key != other)
        #expect(read.outcomes.isEmpty)
    }

    @Test func everyDamagedOrCutFileIsRefused() throws {
        let bytes = Self.bytes(try Self.sample())
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x41
            #expect(throws: WalkMemoryArchiveError.self, "byte \(position) flipped") { try KeptOutcomes(archived: damaged) }
        }
        for length in 0..<bytes.count {
            #expect(throws: WalkMemoryArchiveError.self, "cut at \(length)") { try KeptOutcomes(archived: Array(bytes.prefix(length))) }
        }
        #expect(throws: WalkMemoryArchiveError.self) { try KeptOutcomes(archived: bytes + [0]) }
    }

    /// Past the frame (a file crafted with a right checksum): any flipped or cut payload is an error or
    /// some outcomes, never a crash.
    @Test func aCraftedPayloadNeverCrashes() throws {
        let kept = try Self.sample()
        let payload = kept.archived()[1]
        for position in payload.indices {
            var damaged = payload
            damaged[position] ^= 0xFF
            _ = try? KeptOutcomes(payload: damaged[...])
            FuzzEntryPoints.fileOutcomes(damaged)
        }
        for length in 0..<payload.count {
            #expect(throws: WalkMemoryArchiveError.self, "cut at \(length)") { try KeptOutcomes(payload: payload.prefix(length)) }
        }
    }
}
