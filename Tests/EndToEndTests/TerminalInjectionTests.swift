import Foundation
import Testing
import FixtureKit

/// Text from rule packs and repositories that tries to drive the terminal (clear the screen, write the
/// clipboard with OSC 52, ring the bell, reverse a line with U+202E, break a line with U+2028) reaches
/// every printed line escaped, never raw.
@Suite struct TerminalInjectionTests {
    /// Clear screen, an OSC 52 clipboard write ended by BEL, a right-to-left override, a line separator.
    static let hostile = "Evil\u{1B}[2J\u{1B}]52;c;cm0gLXJmIC8=\u{07}\u{202E}txt.exe\u{2028}more"

    /// What no printed text may contain (cdscan's own colours are off in these runs).
    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { [0x1B, 0x07, 0x202E, 0x2028, 0x2029, 0x9B].contains($0.value) }
    }

    private func pack(title: String) throws -> URL {
        let pack = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-inject-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        // A new characteristic of the org's own: its title is the pack's to choose.
        let rule = RulesCommandTests.packRule
            .replacingOccurrences(of: "id: L3.tech.infrastructure-as-code", with: "id: L3.tech.org-hosted-modules\nnew: true")
            .replacingOccurrences(of: "title: Infrastructure as code", with: "title: \"\(Self.yamlEscaped(title))\"")
        try Data(rule.utf8).write(to: pack.appendingPathComponent("iac.yml"))
        return pack
    }

    /// The title as a double-quoted YAML scalar (YAML's own escapes carry the control characters).
    static func yamlEscaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value > 0x7E ? String(format: "\\u%04X", scalar.value) : String(scalar)
        }.joined()
    }

    @Test func aPackTitleIsEscapedInTheGridTheRulesListAndMarkdown() throws {
        let pack = try pack(title: Self.hostile)
        defer { try? FileManager.default.removeItem(at: pack) }
        let list = try CDScanBinary.run(["rules", "list", "--rules", pack.path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(Self.isClean(list.stdout))
        #expect(list.stdout.contains("Evil\\u{1b}[2J\\u{1b}]52;c;cm0gLXJmIC8=\\u{7}\\u{202e}txt.exe\\u{2028}more"))

        let service = try Fixtures.path("service").path
        let text = try CDScanBinary.run(["scan", service, "--rules", pack.path, "--color", "always"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("\u{1B}[2J") && !text.stdout.contains("\u{1B}]52"))
        #expect(!text.stdout.unicodeScalars.contains { [0x07, 0x202E, 0x2028].contains($0.value) })
        #expect(text.stdout.contains("Evil\\u{1b}[2J"), "the pack's characteristic is in the grid, escaped")
        #expect(text.stdout.contains("\u{1B}["), "cdscan's own colours stay")

        let markdown = try CDScanBinary.run(["scan", service, "--rules", pack.path, "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(Self.isClean(markdown.stdout))
        #expect(markdown.stdout.contains("Evil"))
    }

    @Test func aPathInAnErrorLineIsEscaped() throws {
        let run = try CDScanBinary.run(["scan", "/nonexistent/\u{1B}]52;c;AAAA\u{07}\u{202E}x"])
        #expect(run.status == 2)
        #expect(Self.isClean(run.stderr), "\(run.stderr.debugDescription)")
        #expect(run.stderr.hasPrefix("cdscan: error: "))
    }

    @Test func machineFormatsStayByteForByte() throws {
        let pack = try pack(title: "Title \u{202E}reversed")
        defer { try? FileManager.default.removeItem(at: pack) }
        let json = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--rules", pack.path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        // JSON keeps the title as the pack wrote it: its readers decide how to show it.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let characteristics = try #require(report["characteristics"] as? [[String: Any]])
        #expect(characteristics.contains { ($0["title"] as? String) == "Title \u{202E}reversed" })
    }
}
