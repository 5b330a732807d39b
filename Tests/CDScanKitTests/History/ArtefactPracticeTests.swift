import Foundation
import Testing
@testable import CDScanKit

/// `practice(of:)` against `git log -- <paths>`.
@Suite struct ArtefactPracticeTests {
    static let cases: [(fixture: String, paths: [String])] = [
        ("service", [".github/workflows/"]),
        ("service", ["infra/"]),
        ("cloud-native", ["slo/"]),
        ("cloud-native", ["deploy/helm/checkout/templates/pdb.yaml", "chaos/"]),
        ("library", [".github/workflows/ci.yml"]),
    ]

    @Test(arguments: 0..<cases.count)
    func practiceMatchesGitLog(index: Int) throws {
        let (fixture, paths) = Self.cases[index]
        // Full diffs for no commit at all: the tracked prefixes alone must carry the figures back.
        for options in [ScanOptions(changedPaths: .all), ScanOptions()] {
            let result = try HistoryScan.scan(fixture, options: options, trackedPaths: paths)
            let git = try GitFigures(result.url, range: ["HEAD", "--"] + paths)
            let practice = result.history.practice(of: paths)
            #expect(practice.commits == git.commits.filter { !$0.isMerge }.count, "\(fixture) \(paths)")
            #expect(practice.authors == Set(git.commits.filter { !$0.isBot }.map { $0.authorEmail.lowercased() }).count)
            #expect(practice.firstSeen == git.commits.map(\.authorTime).min())
            #expect(practice.lastTouched == git.commits.map(\.authorTime).max())
            #expect(practice.complete)
        }
    }

    @Test func untrackedPathsAndShallowClonesAreIncomplete() throws {
        let service = try HistoryScan.scan("service", trackedPaths: ["infra/"])
        #expect(!service.history.practice(of: ["docs/"]).complete)
        #expect(service.history.practice(of: ["docs/"]).commits == 0)
        // A file inside a followed prefix is answered from the prefix's history.
        let git = try GitFigures(service.url, range: ["HEAD", "--", "infra/main.tf"])
        #expect(service.history.practice(of: ["infra/main.tf"]).commits == git.commits.count)
        let shallow = try HistoryScan.scan("shallow", trackedPaths: ["README.md"])
        #expect(!shallow.history.practice(of: ["README.md"]).complete)
    }
}
