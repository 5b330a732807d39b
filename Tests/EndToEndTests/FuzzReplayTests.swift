import Foundation
import Testing

/// Every seed of the fuzzing corpora and every past finding (Fuzz/regressions) run once through its
/// harness by `cdscan-fuzz`, built beside `cdscan`: a crash, a hang or a harness that went missing fails.
@Suite struct FuzzReplayTests {
    static let harnesses = ["object", "yaml", "groovy", "pipelines"]

    static let binary: URL = CDScanBinary.url.deletingLastPathComponent().appendingPathComponent("cdscan-fuzz")

    /// Runs `cdscan-fuzz arguments…`; output goes through files, so nothing blocks on a full pipe.
    static func replay(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        finished.wait()
        try out.close()
        try err.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
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
        #expect(run.stderr.contains("usage: cdscan-fuzz <groovy|object|pipelines|yaml>"))
    }
}
