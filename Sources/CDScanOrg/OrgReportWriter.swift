import CDScanKit
import CDScanStore
import Foundation

/// What an org report is made from: the newest record of every repository (failed ones included) and
/// every stored record, for the trends.
public struct OrgReportInput: Sendable {
    /// One record per repository: its newest scan, or the error that stopped it.
    public let latest: [ScanRecord]
    /// Every stored record (older scans and `cdscan history` points included), oldest first.
    public let history: [ScanRecord]
    /// Days without a commit before the org's reference time that make a repository dormant.
    public let dormantAfterDays: Int

    public init(latest: [ScanRecord], history: [ScanRecord], dormantAfterDays: Int = Dormancy.defaultThresholdDays) {
        self.latest = latest
        self.history = history
        self.dormantAfterDays = dormantAfterDays
    }
}

/// Writes the org report into a directory: `index.html` (the dashboard, one self-contained page),
/// `org.json` (the overview as data) and `org.csv` (one row per repository). The same input gives
/// byte-identical files.
public enum OrgReportWriter {
    /// Writes the report files and returns their URLs.
    @discardableResult
    public static func write(_ input: OrgReportInput, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let overview = OrgOverview(input)
        let html = try OrgReportHTML(overview: overview, records: OrgOverview.sorted(input.latest)).render()
        let files: [(String, String)] = [
            ("index.html", html),
            ("org.json", try JSONOutput.encode(overview)),
            ("org.csv", OrgReportCSV.render(overview)),
        ]
        var urls: [URL] = []
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url, options: .atomic)
            urls.append(url)
        }
        return urls
    }
}
