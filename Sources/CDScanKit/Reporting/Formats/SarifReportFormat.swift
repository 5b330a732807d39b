/// `sarif`: a SARIF 2.1.0 log for GitHub code scanning (`SarifReport`).
public struct SarifReportFormat: ReportFormat {
    public let name = "sarif"
    public let isForPeople = false
    public let purpose: String? = "for GitHub code scanning"

    public init() {}

    public func render(_ input: ReportInput) throws -> String {
        var report = SarifReport(input.result, scope: input.scope, toolVersion: input.toolVersion)
        report.baseline = input.baseline
        return try JSONOutput.encode(report.log())
    }
}
