import FixtureKit
import Foundation
import Testing

/// Hostile object databases through the binary (issue 13, recipes 1–4): a header that lies, truncated
/// and bit-flipped loose objects, trees cut mid-entry, trees of shared subtrees. Damage to HEAD's commit
/// or root tree ends the scan with exit 2 and one line naming the object; damage below the root is an
/// error finding naming object and path, with less coverage; nothing crashes (exit ≥ 128) or hangs.
@Suite struct HostileObjectTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs cdscan and checks what every hostile case must hold: no crash, no hang.
    private func run(_ arguments: [String]) throws -> CDScanBinary.Run {
        let started = Date()
        let run = try CDScanBinary.run(arguments)
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status < 128, "cdscan \(arguments.joined(separator: " ")) died: \(run.status)\n\(run.stderr)")
        #expect(seconds < 5, "cdscan \(arguments.first ?? "") took \(seconds) s")
        #expect(!run.stderr.contains("Fatal error"))
        return run
    }

    private func expectUnreadable(_ run: CDScanBinary.Run, naming words: [String]) {
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("cdscan: error: "))
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)") }
    }

    /// The JSON report's coverage and its error findings.
    private func report(_ run: CDScanBinary.Run) throws -> (coverage: Double, errors: [String]) {
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let assessment = try #require(document["assessment"] as? [String: Any])
        let coverage = try #require(assessment["coverage"] as? Double)
        let findings = try #require(document["findings"] as? [[String: Any]])
        let errors = findings.filter { $0["outcome"] as? String == "error" }.compactMap { $0["message"] as? String }
        return (coverage, errors)
    }

    private func healthyCoverage(in root: URL) throws -> Double {
        let directory = root.appendingPathComponent("healthy")
        try HostileObjects.healthy(at: directory)
        let healthy = try report(try run(["scan", directory.path, "--format", "json"]))
        #expect(healthy.errors.isEmpty, "\(healthy.errors)")
        return healthy.coverage
    }

    /// Damage below the root: the scan goes on, an error finding names the object and its path, and
    /// coverage drops below the healthy repository's.
    private func expectReportedDamage(at directory: URL, object: String, path: String, healthy: Double) throws {
        let damaged = try report(try run(["scan", directory.path, "--format", "json"]))
        let naming = damaged.errors.filter { $0.contains(String(object.prefix(7))) && $0.contains(path) }
        #expect(!naming.isEmpty, "no error finding names \(object) at \(path): \(damaged.errors)")
        #expect(damaged.coverage < healthy, "coverage \(damaged.coverage), healthy \(healthy)")
        // The text report lists findings with --verbose.
        let text = try run(["scan", directory.path, "--verbose"])
        #expect(text.status == 0)
        #expect(text.stdout.contains(String(object.prefix(7))), "the text report does not name \(object)")
    }

    /// A pack with one byte flipped, at a dozen places (headers, zlib streams, deltas, the trailer): the
    /// scan reads what is whole through cdscan's pack reader, leaves the rest to libgit2, and ends with a
    /// report or exit 2 and one line, never a crash or a hang.
    @Test func aDamagedPackIsReadOrReportedNeverACrash() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try HostileObjects.healthy(at: directory)
        _ = try Git.run(["repack", "-a", "-d", "-q"], in: directory)
        let packs = directory.appendingPathComponent(".git/objects/pack")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: packs.path).first { $0.hasSuffix(".pack") })
        let pack = packs.appendingPathComponent(name)
        let pristine = try Data(contentsOf: pack)
        var generator = SeededGenerator(seed: 2026_12_07)
        var outcomes: Set<Int32> = []
        for _ in 0..<12 {
            var damaged = pristine
            let position = Int(generator.next() % UInt64(pristine.count))
            damaged[position] ^= 0x5A
            try damaged.write(to: pack)
            let scan = try run(["scan", directory.path, "--format", "json"])
            #expect(scan.status == 0 || scan.status == 2, "byte \(position): \(scan.stderr)")
            if scan.status == 2 { expectUnreadable(scan, naming: []) }
            outcomes.insert(scan.status)
        }
        // Some of these places break HEAD's commit or root tree (exit 2), others a blob or nothing read.
        #expect(outcomes == [0, 2], "\(outcomes)")
    }

    @Test func aHeaderClaimingFewerBytesThanItsBodyIsReportedNotACrash() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let healthy = try healthyCoverage(in: root)
        let layout = try HostileObjects.headerClaimsFewerBytes(at: root.appendingPathComponent("lies"))
        try expectReportedDamage(at: layout.directory, object: layout.workflowBlob, path: HostileObjects.workflowPath, healthy: healthy)
    }

    @Test func truncatedHeadCommitOrRootTreeEndsTheScanWithExit2() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        for which in [HostileObjects.Truncated.headCommit, .rootTree] {
            let (layout, object) = try HostileObjects.truncated(which, at: root.appendingPathComponent(which.rawValue))
            expectUnreadable(try run(["scan", layout.directory.path]), naming: ["damaged", object, "truncated"])
            let history = try run(["history", layout.directory.path, "--db", root.appendingPathComponent("\(which).db").path])
            if which == .headCommit {
                // The first-parent chain starts at HEAD's commit: the repository cannot be read at all.
                expectUnreadable(history, naming: [object])
            } else {
                // The chain reads; the point at HEAD fails with its reason, the others are stored.
                #expect(history.status == 3, "\(history.stderr)")
                #expect(history.stderr.contains("failed") && history.stderr.contains(object), "\(history.stderr)")
            }
        }
    }

    @Test func aTruncatedCommitDeepInHistoryStopsTheWalkWithAClearMessage() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let (layout, object) = try HostileObjects.truncated(.middleCommit, at: root.appendingPathComponent("middle"))
        expectUnreadable(try run(["scan", layout.directory.path]), naming: ["damaged", object])
        expectUnreadable(try run(["history", layout.directory.path, "--db", root.appendingPathComponent("history.db").path]),
                         naming: [object])
    }

    @Test func aTruncatedWorkflowBlobIsReportedAndTheScanGoesOn() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let healthy = try healthyCoverage(in: root)
        let (layout, object) = try HostileObjects.truncated(.workflowBlob, at: root.appendingPathComponent("blob"))
        try expectReportedDamage(at: layout.directory, object: object, path: HostileObjects.workflowPath, healthy: healthy)
        // Every point of the history reads the same damaged blob, and still stores its row.
        let history = try run(["history", layout.directory.path, "--every", "1-days", "--db", root.appendingPathComponent("h.db").path])
        #expect(history.status == 0, "\(history.stderr)")
    }

    @Test func aRootTreeCutMidEntryIsNeverAnEmptyTree() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let (layout, tree) = try HostileObjects.treeCutMidEntry(root: true, at: root.appendingPathComponent("cut"))
        expectUnreadable(try run(["scan", layout.directory.path]), naming: ["damaged", tree, "cut short"])
    }

    @Test func aSubtreeCutMidEntryIsReportedWithItsPath() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let healthy = try healthyCoverage(in: root)
        let (layout, tree) = try HostileObjects.treeCutMidEntry(root: false, at: root.appendingPathComponent("cut"))
        try expectReportedDamage(at: layout.directory, object: tree, path: ".github/workflows/", healthy: healthy)
    }

    @Test func aWorkflowBlobWithFlippedBytesDoesNotSilentlyDisappear() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let healthy = try healthyCoverage(in: root)
        let layout = try HostileObjects.flippedWorkflowBytes(at: root.appendingPathComponent("flipped"))
        try expectReportedDamage(at: layout.directory, object: layout.workflowBlob, path: HostileObjects.workflowPath, healthy: healthy)
    }

    @Test func sharedSubtreesFortyLevelsDeepFinishWithAFinding() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = try HostileObjects.sharedSubtrees(levels: 40, at: root.appendingPathComponent("deep"))
        let scan = try report(try run(["scan", layout.directory.path, "--format", "json"]))
        #expect(scan.errors.contains { $0.contains("tree listing stopped after") && $0.contains("shared subtrees") }, "\(scan.errors)")
        let history = try run(["history", layout.directory.path, "--db", root.appendingPathComponent("h.db").path])
        #expect(history.status == 0, "\(history.stderr)")
    }
}
