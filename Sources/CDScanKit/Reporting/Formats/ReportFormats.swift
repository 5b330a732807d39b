/// Every report format of a scan, in the order the command line lists them.
public enum ReportFormats {
    public static let all: [any ReportFormat] = [
        TextReportFormat(),
        JSONReportFormat(),
        MarkdownReportFormat(),
        SarifReportFormat(),
        CodeQualityReportFormat(),
    ]

    /// The format with this name, if there is one.
    public static func named(_ name: String) -> (any ReportFormat)? {
        all.first { $0.name == name }
    }
}
