import Foundation
import Testing
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// Repository-controlled text in the org report: names, paths, errors and evidence that try to break out
/// of the page, the data block or a spreadsheet.
@Suite struct OrgReportSafetyTests {
    static let invalidUTF8 = String(decoding: [0x62, 0x61, 0x64, 0xFF, 0xFE, 0xC3, 0x28, 0x2D, 0x75, 0x74, 0x66, 0x38] as [UInt8], as: UTF8.self)
    static let hostileNames = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>'",
        "evil</script><script>alert(3)</script>",
        "&amp; \u{2028}line\u{2029}separators",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "ctrl\u{0}\u{1B}[31m\u{7}bell\r\nnext\u{7F}\u{85}",
        invalidUTF8,
    ]
    static let hostileEvidence = "<script>alert(4)</script></script><!-- \u{2028} & \u{1B}[2J"

    static func hostileInput() -> OrgReportInput {
        let base = OrgRecords.scanned[0]
        var latest: [ScanRecord] = []
        for (offset, name) in hostileNames.enumerated() {
            latest.append(OrgRecords.modified(base) { object in
                object["name"] = name
                object["repository"] = "/srv/\(offset)/\(name)"
                guard var report = object["report"] as? [String: Any],
                      var items = report["characteristics"] as? [[String: Any]] else { return }
                for index in items.indices where items[index]["outcome"] as? String == "met" {
                    items[index]["evidence"] = [["message": hostileEvidence, "path": "\"><svg onload=alert(5)>.yml", "line": 3]]
                    items[index]["explanation"] = "</script><script>alert(6)</script>"
                }
                report["characteristics"] = items
                if var steps = report["nextSteps"] as? [[String: Any]] {
                    for index in steps.indices { steps[index]["advice"] = "<b onclick=alert(7)>advice</b>" }
                    report["nextSteps"] = steps
                }
                object["report"] = report
            })
        }
        latest.append(ScanRecord(repository: "/srv/x/</script><!--", name: "</script><!--",
                                 failure: "=1+2 <script>alert(8)</script>\u{0}\n\"quoted\", commas", toolVersion: "0.1.0<script>"))
        return OrgReportInput(latest: latest, history: latest)
    }

    static func dataBlock(_ html: String) throws -> String {
        let open = "<script type=\"application/json\" id=\"data\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func hostileTextCannotBreakThePage() throws {
        let (directory, overview) = try OrgReportTests.write(Self.hostileInput())
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)

        // Exactly the page's own three script elements: the error trap, the data, the renderer.
        #expect(html.components(separatedBy: "<script").count - 1 == 3)
        #expect(html.components(separatedBy: "</script").count - 1 == 3)
        for raw in ["<script>alert", "<img", "<svg onload", "<!--", "<b onclick", "\u{1B}", "\u{0}", "\u{7}", "\u{7F}", "\u{85}"] {
            #expect(!html.contains(raw), "the page holds \(raw.debugDescription) raw")
        }
        #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
        #expect(html.contains("&amp;amp; "))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;"))
        #expect(html.contains("bad\u{FFFD}"))

        // The data block cannot be closed early and decodes to the cleaned names.
        let data = try Self.dataBlock(html)
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            #expect(!data.contains(forbidden), "the data block holds \(forbidden.debugDescription)")
        }
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        let names = try #require(decoded["repositories"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names == overview.repositories.map(\.name))
        #expect(names.contains("<script>alert(1)</script>"))
        #expect(names.contains("ctrl[31mbell  next"))
        // Line and paragraph separators in a name become spaces: a name stays on its line.
        #expect(names.contains("&amp;  line separators"))
    }

    @Test func hostileTextIsNeutralisedInTheCSVAndJSON() throws {
        let (directory, _) = try OrgReportTests.write(Self.hostileInput())
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try String(contentsOf: directory.appendingPathComponent("org.csv"), encoding: .utf8)
        let rows = parseCSV(csv)
        #expect(rows.count == Self.hostileNames.count + 2)
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        for row in rows.dropFirst() {
            for cell in row where !cell.isEmpty {
                #expect(!["=", "+", "-", "@"].contains(cell.first!), "a cell a spreadsheet would run: \(cell)")
            }
        }
        let names = rows.dropFirst().map { $0[0] }
        #expect(names.contains("'=HYPERLINK(\"http://evil.example\",\"click\")"))
        #expect(names.contains("'-2+3"))
        #expect(names.contains("'@SUM(A1:A2)"))
        #expect(names.contains("'+cmd|' /C calc'!A0"))
        let failed = try #require(rows.first { $0[1] == "failed" })
        #expect(failed[2] == "'=1+2 <script>alert(8)</script>\n\"quoted\", commas")
        #expect(!csv.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" })

        let json = try String(contentsOf: directory.appendingPathComponent("org.json"), encoding: .utf8)
        #expect(!json.contains("\\u0000") && !json.contains("\\u001b"))
        _ = try JSONDecoder().decode(OrgOverview.self, from: Data(json.utf8))
    }

    @Test func escapingFunctions() {
        #expect(HTMLEscaping.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("a\u{0}b\u{1B}c\td\ne") == "abc\td\ne")
        #expect(SafeText.line("gpj.\u{202E}exe\r\nx") == "gpj.exe  x")
        #expect(HTMLEscaping.scriptJSON("{\"a\":\"</script>&\u{2028}\"}") == "{\"a\":\"\\u003c/script\\u003e\\u0026\\u2028\"}")
        #expect(OrgReportCSV.field("=1+1") == "'=1+1")
        #expect(OrgReportCSV.field("a,b") == "\"a,b\"")
        #expect(OrgReportCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(OrgReportCSV.field("plain") == "plain")
    }
}
