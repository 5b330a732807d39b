/// `markdown`: a summary for a merge-request comment or a CI job summary (`AssessmentMarkdown`).
public struct MarkdownReportFormat: ReportFormat {
    public let name = "markdown"
    public let isForPeople = true
    public let purpose: String? = "a summary for a merge-request comment or CI job summary"

    public init() {}

    public func render(_ input: ReportInput) throws -> String {
        var markdown = AssessmentMarkdown(result: input.result)
        markdown.baseline = input.baseline
        return markdown.render()
    }
}
