import Foundation
import Testing
import FixtureKit

/// `--fail-under` and the config's `policy:` gate a pipeline with exit code 1, distinct from a failed
/// scan (2) and from a usage error (64).
@Suite struct PolicyTests {
    @Test func meetingThePolicyExitsZero() throws {
        let path = try Fixtures.path("service").path
        let run = try CDScanBinary.run(["scan", path, "--fail-under", "3", "--fail-under-dimension", "tech=3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Best fit"))
    }

    @Test func fallingShortExitsOneAndSaysWhy() throws {
        let path = try Fixtures.path("service").path
        let overall = try CDScanBinary.run(["scan", path, "--fail-under", "4"])
        #expect(overall.status == 1)
        #expect(overall.stdout.contains("Best fit"), "the report is still printed")
        #expect(overall.stderr.contains("below policy: the best fit is level 3, below the required level 4"))
        let dimension = try CDScanBinary.run(["scan", path, "--format", "json", "--fail-under-dimension", "people=5"])
        #expect(dimension.status == 1)
        #expect(dimension.stderr.contains("People is at level 3, below the required level 5"))
        #expect((try? JSONSerialization.jsonObject(with: Data(dimension.stdout.utf8))) != nil)
    }

    @Test func thePolicyCanLiveInTheConfiguration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("cdscan.yml")
        try Data("policy:\n  fail-under: 5\n".utf8).write(to: config)
        let path = try Fixtures.path("hobby").path
        let run = try CDScanBinary.run(["scan", path, "--config", config.path])
        #expect(run.status == 1)
        let overridden = try CDScanBinary.run(["scan", path, "--config", config.path, "--fail-under", "1"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
    }

    @Test func badPolicyValuesAreUsageErrors() throws {
        for arguments in [["--fail-under", "9"], ["--fail-under-dimension", "culture=3"], ["--fail-under-dimension", "tech"]] {
            let run = try CDScanBinary.run(["scan", "."] + arguments)
            #expect(run.status == 64, "\(arguments)")
        }
    }
}
