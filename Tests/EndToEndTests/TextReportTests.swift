import Foundation
import Testing
import FixtureKit

/// The text report as a person sees it: 80 columns, colour only on request or on a terminal, and the
/// other formats written beside it with `--output`.
@Suite struct TextReportTests {
    static let fixtures = ((try? Fixtures.names()) ?? []).filter { $0 != "empty" }

    @Test(arguments: fixtures)
    func everyLineFitsEightyColumns(fixture: String) throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path(fixture).path, "--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count > 50)
        for line in lines where line.count > 80 {
            // Only a single word longer than the line (a long path) may overflow: it is kept whole.
            #expect(!line.drop(while: { $0 == " " }).contains(" "), "\(fixture): \(line.count) columns: \(line)")
        }
    }

    @Test func pipedOutputHasNoColourAndAlwaysHasColour() throws {
        let path = try Fixtures.path("service").path
        let piped = try CDScanBinary.run(["scan", path])
        #expect(!piped.stdout.contains("\u{1B}["))
        let always = try CDScanBinary.run(["scan", path, "--color", "always"])
        #expect(always.stdout.contains("\u{1B}[32m[x]\u{1B}[0m"), "met capabilities are green")
        #expect(always.stdout.contains("\u{1B}[1;36mL3 Continuous Flow\u{1B}[0m"))
        // The command line wins over NO_COLOR; NO_COLOR wins over auto.
        let forced = try CDScanBinary.run(["scan", path, "--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(forced.stdout.contains("\u{1B}["))
        let never = try CDScanBinary.run(["scan", path, "--color", "never"])
        #expect(never.stdout == piped.stdout)
        // Without the escapes, the coloured report is the plain one.
        let stripped = always.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == piped.stdout)
    }

    @Test func outputWritesSeveralFormatsInOneScan() throws {
        let path = try Fixtures.path("library").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("report.json").path
        let markdown = directory.appendingPathComponent("summary.md").path
        let run = try CDScanBinary.run(["scan", path, "--output", "json=\(json)", "--output", "markdown=\(markdown)", "--color", "always"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("cdscan "), "standard output keeps the --format report (text)")
        let alone = try CDScanBinary.run(["scan", path, "--format", "json"])
        #expect(try String(contentsOfFile: json, encoding: .utf8) == alone.stdout)
        let summary = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(summary == (try CDScanBinary.run(["scan", path, "--format", "markdown"])).stdout)
        #expect(!summary.contains("\u{1B}["), "files never get colour")
    }

    @Test func badOutputOptionsAreUsageErrors() throws {
        let path = try Fixtures.path("library").path
        let unknown = try CDScanBinary.run(["scan", path, "--output", "pdf=report.pdf"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--output takes FORMAT=PATH"))
        let unwritable = try CDScanBinary.run(["scan", path, "--output", "json=/nonexistent-dir/report.json"])
        #expect(unwritable.status == 64)
        #expect(unwritable.stderr.contains("cannot write json report to /nonexistent-dir/report.json"))
        let badColour = try CDScanBinary.run(["scan", path, "--color", "sometimes"])
        #expect(badColour.status == 64)
    }
}
