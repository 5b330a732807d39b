import Foundation

/// What an org report is made from: the newest record of every repository (failed ones included) and
/// every stored record, for the trends.
public struct OrgReportInput: Sendable {
    /// One record per repository: its newest scan, or the error that stopped it.
    public let latest: [ScanRecord]
    /// Every stored record (older scans and `cdscan history` points included), oldest first.
    public let history: [ScanRecord]

    public init(latest: [ScanRecord], history: [ScanRecord]) {
        self.latest = latest
        self.history = history
    }
}

/// Writes the org report into a directory. (The HTML dashboard and the CSV are being built; today it
/// writes the records as JSON.)
public enum OrgReportWriter {
    /// Writes the report files and returns their URLs.
    @discardableResult
    public static func write(_ input: OrgReportInput, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let json = directory.appendingPathComponent("org.json")
        try Data(JSONOutput.encode(input.latest).utf8).write(to: json)
        return [json]
    }
}
