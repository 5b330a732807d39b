import Foundation
import Testing

/// Every seed of the fuzzing corpora and every past finding (Fuzz/regressions) run once through its
/// harness by `cdscan-fuzz`, built beside `cdscan`: a crash, a hang or a harness that went missing fails.
@Suite struct FuzzReplayTests {
    static let harnesses = ["object", "pack", "yaml", "groovy", "pipelines", "cachetip", "outcomes", "tags", "trees"]

    static let binary: URL = CDScanBinary.url.deletingLastPathComponent().appendingPathComponent("cdscan-fuzz")

    /// Runs `cdscan-fuzz arguments…` the way the other end-to-end tests run `cdscan`.
    static func replay(_ arguments: [String]) throws -> CDScanBinary.Run {
        try CDScanBinary.run(arguments, executable: binary)
    }

    @Test(arguments: harnesses)
    func theCorpusAndEveryPastFindingReplayCleanly(harness: String) throws {
        let folders = ["Fuzz/corpus/\(harness)", "Fuzz/regressions/\(harness)"].map(ProjectFiles.url)
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folders[0].path)
        #expect(seeds.count >= 8, "the \(harness) corpus is nearly empty")
        let started = Date()
        let run = try Self.replay([harness] + folders.map(\.path))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("replayed through \(harness)"), "\(run.stdout.suffix(300))")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func anUnknownHarnessIsAUsageError() throws {
        let run = try Self.replay(["no-such-harness", "."])
        #expect(run.status == 2)
        #expect(run.stderr.contains("usage: cdscan-fuzz <cachetip|groovy|object|outcomes|pack|pipelines|tags|trees|yaml>"))
    }
}
