import ArgumentParser
import CDScanKit

/// A report format as the command line names it (`--format`, `--output FORMAT=PATH`): one of
/// `ReportFormats.all`, so a format added there is known here too.
struct OutputFormat: RawRepresentable, ExpressibleByArgument, CaseIterable, Hashable, Sendable {
    static let text = OutputFormat(TextReportFormat())

    static var allCases: [OutputFormat] { ReportFormats.all.map(OutputFormat.init) }

    /// `--format`'s help: every format, with what it is for where its name does not say.
    static var help: String {
        let names = ReportFormats.all.map { format in format.purpose.map { "\(format.name) (\($0))" } ?? format.name }
        return "Output format: \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")."
    }

    let report: any ReportFormat

    var rawValue: String { report.name }

    init(_ report: any ReportFormat) {
        self.report = report
    }

    init?(rawValue: String) {
        guard let report = ReportFormats.named(rawValue) else { return nil }
        self.init(report)
    }

    static func == (left: OutputFormat, right: OutputFormat) -> Bool { left.rawValue == right.rawValue }

    func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
