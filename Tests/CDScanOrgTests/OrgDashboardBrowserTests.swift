import Foundation
import Testing
@testable import CDScanKit
@testable import CDScanOrg
@testable import CDScanStore

/// Runs a real headless Chromium over the written dashboard: the page's script must run without an
/// error and render the figures `org.json` holds. Chromium comes from Debian (`scripts/setup` installs
/// it); without it these tests fail rather than skip.
@Suite(.serialized) struct OrgDashboardBrowserTests {
    struct ChromiumMissing: Error, CustomStringConvertible {
        var description: String { "chromium is not installed: run scripts/setup (apt-get install chromium)" }
    }

    /// `CDSCAN_CHROMIUM` when set (nothing else then), or `chromium` / `chromium-browser` / `google-chrome`
    /// on PATH.
    static func chromium() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CDSCAN_CHROMIUM"] { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Runs Chromium headless on a file and returns its standard output (written to a file, so a large
    /// DOM cannot fill a pipe), killing it after `timeout` seconds.
    static func runChromium(_ arguments: [String], page: URL, timeout: TimeInterval = 120) throws -> String {
        guard let executable = chromium() else { throw ChromiumMissing() }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cdscan-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--hide-scrollbars", "--user-data-dir=\(work.appendingPathComponent("profile").path)"]
            + arguments + [page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("chromium did not finish in \(Int(timeout)) s")
        }
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// The text of the first element carrying `attribute` (optionally with a value) in a dumped DOM.
    static func text(_ dom: String, _ attribute: String, value: String? = nil) -> String? {
        let needle = value.map { "\(attribute)=\"\($0)\"" } ?? attribute
        guard let range = dom.range(of: needle) else { return nil }
        guard let close = dom.range(of: ">", range: range.upperBound..<dom.endIndex),
              let end = dom.range(of: "<", range: close.upperBound..<dom.endIndex) else { return nil }
        return String(dom[close.upperBound..<end.lowerBound])
    }

    static func checkRendered(_ dom: String) {
        #expect(dom.contains("data-rendered=\"true\""), "the page's script did not finish rendering")
        if let start = dom.range(of: "data-script-errors=\"") {
            Issue.record("script errors: \(dom[start.upperBound...].prefix(400))")
        }
    }

    @Test func theScriptRendersTheFiguresOfOrgJSON() throws {
        let input = OrgRecords.demo()
        let (directory, overview) = try OrgReportTests.write(input)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dom = try Self.runChromium(["--dump-dom"], page: directory.appendingPathComponent("index.html"))
        Self.checkRendered(dom)

        // The figures computed here from the records, org.json's, and the page's must agree.
        let scanned = input.latest.filter { $0.status == .scanned }
        let levels = scanned.compactMap(\.level)
        #expect(Self.text(dom, "data-total-repositories").flatMap { Int($0) } == input.latest.count)
        #expect(Self.text(dom, "data-total-scanned").flatMap { Int($0) } == scanned.count)
        #expect(Self.text(dom, "data-total-failed").flatMap { Int($0) } == input.latest.count - scanned.count)
        #expect(Self.text(dom, "data-median-level").flatMap { Double($0) } == testMedian(levels))
        #expect(Self.text(dom, "data-median-level").flatMap { Double($0) } == overview.totals.medianLevel)
        #expect(Self.text(dom, "data-mean-level").flatMap { Double($0) } == overview.totals.meanLevel)
        #expect(overview.totals.repositories == input.latest.count)
        for level in 1...5 {
            let expected = scanned.filter { $0.level == level }.count
            #expect(Self.text(dom, "data-level-count", value: String(level)).flatMap { Int($0) } == expected, "L\(level)")
            #expect(overview.levels.levels[String(level)] == expected)
            for dimension in ["people", "process", "tech"] {
                #expect(Self.text(dom, "data-dimension-count", value: "\(dimension):\(level)").flatMap { Int($0) }
                        == overview.dimensions[dimension]?.levels[String(level)], "\(dimension) L\(level)")
            }
        }
        #expect(Self.text(dom, "data-level-count", value: "none").flatMap { Int($0) } == scanned.filter { $0.level == nil }.count)
        // One table row per repository, one heat-map cell per characteristic in each scanned row.
        #expect(dom.components(separatedBy: "data-repo-row=\"").count - 1 == input.latest.count)
        #expect(dom.components(separatedBy: "class=\"cell ").count - 1 >= scanned.count * 42)
        #expect(dom.components(separatedBy: "data-characteristic=\"").count - 1 == 42)
        // Column heads carry the characteristic's title for hovering.
        #expect(dom.contains("title=\"Infrastructure as code\nL3.tech.infrastructure-as-code"))
        #expect(Self.text(dom, "data-visible-count").map { $0.contains("\(input.latest.count)") } == true)
        // A drill-down per repository, written statically.
        #expect(dom.components(separatedBy: "<details class=\"repo\"").count - 1 == input.latest.count)
    }

    /// A harness page loads the dashboard in a frame, filters, sorts and opens a drill-down through the
    /// page's own controls, and writes what it saw onto its `<body>`.
    static let harness = #"""
    <!doctype html><html><body><iframe id="page" src="index.html" style="width:1280px;height:900px"></iframe>
    <script>
    document.getElementById('page').addEventListener('load', function () {
      var out = document.body;
      function put(key, value) { out.setAttribute('data-' + key, String(value)); }
      try {
        var d = this.contentDocument;
        function visible() { return Array.prototype.filter.call(d.querySelectorAll('tr[data-repo-row]'), function (tr) { return !tr.hidden; }); }
        function levels() { return visible().map(function (tr) { return tr.children[1].textContent || '-'; }).join(','); }
        var level = d.getElementById('filter-level');
        level.value = '2'; level.dispatchEvent(new Event('change'));
        put('level2-rows', visible().length);
        level.value = 'failed'; level.dispatchEvent(new Event('change'));
        put('failed-rows', visible().length);
        level.value = 'all'; level.dispatchEvent(new Event('change'));
        var text = d.getElementById('filter-text');
        text.value = 'SERVICE'; text.dispatchEvent(new Event('input'));
        put('text-rows', visible().map(function (tr) { return tr.querySelector('td.name a').textContent; }).join('|'));
        text.value = ''; text.dispatchEvent(new Event('input'));
        put('all-rows', visible().length);
        var sort = d.querySelector('button[data-sort="level"]');
        sort.click();
        put('levels-descending', levels());
        sort.click();
        put('levels-ascending', levels());
        d.querySelector('button[data-sort="name"]').click();
        var first = d.querySelector('tr[data-repo-row] td.name a');
        put('first-name', first.textContent);
        first.click();
        put('opened', d.getElementById(first.getAttribute('href').slice(1)).open);
        // The trend views switch through their radio buttons and CSS alone.
        function shown(view) { return d.defaultView.getComputedStyle(d.querySelector('.trend-view.' + view)).display; }
        put('trend-before', shown('cohort') + ',' + shown('all'));
        d.querySelector('label[for="trend-all"]').click();
        put('trend-after', shown('cohort') + ',' + shown('all'));
        put('page-errors', d.documentElement.getAttribute('data-script-errors') || '');
        put('done', 'true');
      } catch (error) {
        put('harness-error', error.message);
      }
    });
    </script></body></html>
    """#

    @Test func sortingFilteringAndDrillDownWorkInTheBrowser() throws {
        let input = OrgRecords.demo()
        let (directory, overview) = try OrgReportTests.write(input)
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = directory.appendingPathComponent("harness.html")
        try Data(Self.harness.utf8).write(to: harness)
        let dom = try Self.runChromium(["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom"], page: harness)
        let body = try #require(dom.range(of: "<body").map { String(dom[$0.lowerBound...].prefix(while: { $0 != ">" })) })
        func value(_ key: String) -> String? {
            guard let range = body.range(of: "data-\(key)=\"") else { return nil }
            return String(body[range.upperBound...].prefix(while: { $0 != "\"" }))
        }
        #expect(value("harness-error") == nil, "\(value("harness-error") ?? "")")
        #expect(value("done") == "true")
        #expect(value("page-errors") == "")
        let scanned = input.latest.filter { $0.status == .scanned }
        #expect(value("level2-rows").flatMap { Int($0) } == scanned.filter { $0.level == 2 }.count)
        #expect(value("failed-rows").flatMap { Int($0) } == input.latest.count - scanned.count)
        #expect(value("all-rows").flatMap { Int($0) } == input.latest.count)
        #expect(value("text-rows") == "acme/service")
        let byLevel = input.latest.map { $0.level.map { "L\($0)" } ?? "-" }
        let descending = try #require(value("levels-descending")).split(separator: ",").map(String.init)
        let ascending = try #require(value("levels-ascending")).split(separator: ",").map(String.init)
        #expect(descending.sorted() == byLevel.sorted())
        #expect(descending == byLevel.sorted { ($0 == "-" ? "" : $0) > ($1 == "-" ? "" : $1) })
        #expect(ascending == Array(descending.reversed()) || ascending == byLevel.sorted { ($0 == "-" ? "" : $0) < ($1 == "-" ? "" : $1) })
        #expect(value("first-name") == overview.repositories.first?.name)
        #expect(value("opened") == "true")
        #expect(value("trend-before") == "block,none")
        #expect(value("trend-after") == "none,block")
    }

    @Test func anEmptyOrgRendersWithoutErrors() throws {
        let (directory, _) = try OrgReportTests.write(OrgReportInput(latest: [], history: []))
        defer { try? FileManager.default.removeItem(at: directory) }
        let dom = try Self.runChromium(["--dump-dom"], page: directory.appendingPathComponent("index.html"))
        Self.checkRendered(dom)
        #expect(Self.text(dom, "data-total-repositories") == "0")
        #expect(Self.text(dom, "data-median-level") == "—")
    }

    @Test func hostileTextStaysTextInTheBrowser() throws {
        let (directory, overview) = try OrgReportTests.write(OrgReportSafetyTests.hostileInput())
        defer { try? FileManager.default.removeItem(at: directory) }
        let dom = try Self.runChromium(["--dump-dom"], page: directory.appendingPathComponent("index.html"))
        Self.checkRendered(dom)
        #expect(dom.components(separatedBy: "<script").count - 1 == 3)
        for raw in ["<img", "<svg onload", "<b onclick", "<script>alert"] {
            #expect(!dom.contains(raw), "the rendered page holds an element from data: \(raw)")
        }
        #expect(dom.components(separatedBy: "data-repo-row=\"").count - 1 == overview.repositories.count)
        #expect(Self.text(dom, "data-total-repositories").flatMap { Int($0) } == overview.repositories.count)
    }

    @Test func screenshotAt1280() throws {
        let (directory, _) = try OrgReportTests.write(OrgRecords.demo())
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = ProcessInfo.processInfo.environment["CDSCAN_DASHBOARD_SCREENSHOT"]
            .map { URL(fileURLWithPath: $0) } ?? directory.appendingPathComponent("dashboard.png")
        _ = try Self.runChromium(["--screenshot=\(target.path)", "--window-size=1280,2000"],
                                 page: directory.appendingPathComponent("index.html"))
        let png = try Data(contentsOf: target)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "the screenshot is nearly empty")
        if let out = ProcessInfo.processInfo.environment["CDSCAN_ORG_REPORT_OUT"] {
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.copyItem(atPath: directory.path, toPath: out)
        }
    }
}
