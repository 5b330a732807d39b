/// `codequality`: GitLab's Code Quality report (`CodeQualityReport`).
public struct CodeQualityReportFormat: ReportFormat {
    public let name = "codequality"
    public let isForPeople = false
    public let purpose: String? = "GitLab's Code Quality report"

    public init() {}

    public func render(_ input: ReportInput) throws -> String {
        try JSONOutput.encode(CodeQualityReport(input.result, scope: input.scope).issues())
    }
}
