import Foundation
import Testing
import FixtureKit

/// Files built to make a scan's work explode (issue 13, recipe 4 but for shared subtrees): each scan ends
/// in well under five seconds with a true report, and says when it stopped reading.
@Suite(.serialized) struct HostileFileTests {
    #if DEBUG
    /// The tests run the debug binary, whose glob matching costs about 2 ms a tree path (the release
    /// binary's 0.05 ms): a bound that still fails a quadratic blow-up, not the debug build's constant.
    static let timeLimit = 20.0
    #else
    static let timeLimit = 5.0
    #endif

    private struct TimedScan {
        let run: CDScanBinary.Run
        let seconds: Double
        let finding: [String: Any]
    }

    /// Scans `directory` as JSON and returns the run, its wall-clock time and the hasCIConfiguration finding.
    private func scan(_ directory: URL, _ extra: [String] = []) throws -> TimedScan {
        let started = Date()
        let run = try CDScanBinary.run(["scan", directory.path, "--format", "json"] + extra)
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status < 128, "killed by a signal: \(run.stderr)")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let finding = try #require(findings.first { $0["probe"] as? String == "hasCIConfiguration" })
        return TimedScan(run: run, seconds: seconds, finding: finding)
    }

    private func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    private func values(_ finding: [String: Any]) -> [String: Any] { finding["values"] as? [String: Any] ?? [:] }

    /// Five thousand paths here, two and a half times the file budget, so that the stop shows; the recipe's
    /// full 100,000 paths are timed by hand on the release binary (linear: the detectors' per-path glob
    /// matching is what remains).
    @Test func manyPathsOfOneWorkflowBlobAreListedAndTheBudgetSaysWhereParsingStopped() throws {
        try withDirectory { directory in
            try HostileFiles.sharedWorkflowBlob(at: directory, count: 5_000)
            let scan = try scan(directory)
            #expect(scan.seconds < Self.timeLimit, "took \(scan.seconds) s")
            let values = values(scan.finding)
            #expect((values["files"] as? [String])?.count == 5_000)
            #expect(values["systems"] as? [String] == ["github-actions"])
            // 2,000 pipelines of one job each are in the model; the rest are listed, unparsed, and said.
            #expect(values["jobs"] as? Int == 2_000)
            let stopped = try #require(values["parsingStopped"] as? String)
            #expect(stopped.contains("2000 pipeline files"), "\(stopped)")
            #expect(stopped.contains("3000 further pipeline files"), "\(stopped)")
            #expect((scan.finding["message"] as? String)?.contains("pipeline parsing stopped") == true)
        }
    }

    @Test func twentyThousandNestedJenkinsStagesParseInLinearTime() throws {
        try withDirectory { directory in
            try HostileFiles.nestedJenkinsStages(at: directory, depth: 20_000)
            let scan = try scan(directory)
            #expect(scan.seconds < Self.timeLimit, "took \(scan.seconds) s")
            let values = values(scan.finding)
            #expect(values["systems"] as? [String] == ["jenkins"])
            #expect(values["jobs"] as? Int == 20_000)
            #expect(values["parsingStopped"] == nil)
        }
    }

    @Test func ninetyCopiesOfALargeBuildspecAreParsedOnceAndStopAtTheStepBudget() throws {
        try withDirectory { directory in
            try HostileFiles.repeatedBuildspec(at: directory, copies: 90, size: 690 * 1024)
            let scan = try scan(directory)
            #expect(scan.seconds < Self.timeLimit, "took \(scan.seconds) s")
            let values = values(scan.finding)
            #expect((values["files"] as? [String])?.count == 90)
            #expect(values["systems"] as? [String] == ["aws-codebuild"])
            // About 20,000 commands a copy: five copies fit the 100,000-step budget, the other 85 are listed.
            let stopped = try #require(values["parsingStopped"] as? String)
            #expect(stopped.contains("100000 steps"), "\(stopped)")
            #expect(stopped.contains("85 further pipeline files"), "\(stopped)")
        }
    }

    /// A 200 MB CI file: asking to read it is refused in one line, and at the largest allowed cap it is
    /// listed unread, with the reason in the finding.
    @Test func aPipelineFileOverTheHardCapIsListedUnreadAndALargerCapIsRefused() throws {
        try withDirectory { directory in
            try HostileFiles.oversizedPipelineFile(at: directory, bytes: 200_000_000)
            let refused = try CDScanBinary.run(["scan", directory.path, "--max-file-size", "300000000"])
            #expect(refused.status == 64, "an argument error: \(refused.stderr)")
            #expect(refused.stderr.contains("--max-file-size 300000000 is over the limit of 67108864 bytes"), "\(refused.stderr)")

            let scan = try scan(directory, ["--max-file-size", "67108864"])
            #expect(scan.seconds < Self.timeLimit, "took \(scan.seconds) s")
            let values = values(scan.finding)
            #expect(values["files"] as? [String] == [".gitlab-ci.yml"])
            #expect(values["jobs"] as? Int == 0)
            #expect(values["skipped"] as? [String] == [".gitlab-ci.yml: skipped, 200000000 bytes is over the 67108864-byte cap"])
            #expect((scan.finding["message"] as? String)?.contains("over the 67108864-byte cap") == true)
        }
    }

    @Test func aBillionLaughsWorkflowIsAProblemNotAnExpansion() throws {
        try withDirectory { directory in
            try HostileFiles.billionLaughsWorkflow(at: directory)
            let scan = try scan(directory)
            #expect(scan.seconds < Self.timeLimit, "took \(scan.seconds) s")
            #expect(scan.finding["outcome"] as? String == "error")
            let message = try #require(scan.finding["message"] as? String)
            #expect(message.contains(".github/workflows/laughs.yml:"), "\(message)")
            #expect(message.contains("alias expansion"), "\(message)")
        }
    }
}
