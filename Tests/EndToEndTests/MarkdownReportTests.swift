import Foundation
import Testing
import FixtureKit

@Suite struct MarkdownReportTests {
    @Test func theSummaryHasTheLevelTheGridAndTheNextSteps() throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--format", "markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "### CD maturity: L3 Continuous Flow")
        #expect(run.stdout.contains("People L3 Continuous Flow · Process L3 Continuous Flow · Tech L3 Continuous Flow"))
        #expect(lines.filter { $0.hasPrefix("| L1 ") || $0.hasPrefix("| L2 ") || $0.hasPrefix("| L3 ") || $0.hasPrefix("| L4 ") || $0.hasPrefix("| L5 ") }.count == 5, "one grid row per level")
        #expect(run.stdout.contains("**Next steps**"))
        #expect(run.stdout.contains("1. **"))
    }

    @Test func twoRunsGiveTheSameMarkdown() throws {
        let path = try Fixtures.path("library").path
        let first = try CDScanBinary.run(["scan", path, "--format", "markdown"])
        let second = try CDScanBinary.run(["scan", path, "--format", "markdown"])
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }
}
