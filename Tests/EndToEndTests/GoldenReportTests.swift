import Foundation
import Testing
import FixtureKit

/// Every report format of a few fixtures against golden files in Tests/Golden/. The
/// fixture's temporary path is written as `<repo>`. JSON and SARIF are compared as parsed values, text and
/// Markdown as text. SARIF with the default scope (Tests/Golden/service.sarif,
/// with `--sarif-scope all`, belongs to SarifReportTests). After a deliberate change, rerun with `CDSCAN_UPDATE_GOLDEN=1` and review the diff.
@Suite struct GoldenReportTests {
    static let fixtures = ["service", "hobby", "cloud-native", "gitflow"]
    static let formats = ["text", "markdown", "json", "sarif", "codequality"]
    static let updating = ProcessInfo.processInfo.environment["CDSCAN_UPDATE_GOLDEN"] == "1"

    static var cases: [(String, String)] { fixtures.flatMap { fixture in formats.map { (fixture, $0) } } }

    @Test(arguments: cases)
    func theReportMatchesItsGoldenFile(fixture: String, format: String) throws {
        let path = try Fixtures.path(fixture).path
        let run = try CDScanBinary.run(["scan", path, "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        let actual = run.stdout.replacingOccurrences(of: path, with: "<repo>")
        let golden = ProjectFiles.url("Tests/Golden/\(fixture)\(format == "sarif" ? ".next" : "").\(Self.fileExtension(format))")
        if Self.updating {
            try Data(actual.utf8).write(to: golden)
            return
        }
        let expected = try #require(try? String(contentsOf: golden, encoding: .utf8),
                                    "no golden file \(golden.lastPathComponent): run with CDSCAN_UPDATE_GOLDEN=1")
        if !["text", "markdown"].contains(format) {
            let actualValue = try JSONSerialization.jsonObject(with: Data(actual.utf8)) as? NSObject
            let expectedValue = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSObject
            #expect(actualValue != nil)
            #expect(actualValue == expectedValue, "\(fixture) JSON differs from \(golden.lastPathComponent)")
        } else {
            #expect(actual == expected, "\(fixture) \(format) differs from \(golden.lastPathComponent):\n\(Self.firstDifference(actual, expected))")
        }
    }

    static func fileExtension(_ format: String) -> String {
        switch format {
        case "text": return "txt"
        case "markdown": return "md"
        case "codequality": return "codequality.json"
        default: return format
        }
    }

    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let left = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let right = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? String(left[index]) : "<end>"
            let b = index < right.count ? String(right[index]) : "<end>"
            if a != b { return "line \(index + 1):\n  actual:   \(a)\n  expected: \(b)" }
        }
        return "(same lines)"
    }
}
