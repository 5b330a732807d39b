/// `text`: the assessment for a person at a terminal (`AssessmentText`).
public struct TextReportFormat: ReportFormat {
    public let name = "text"
    public let isForPeople = true
    public let purpose: String? = nil

    public init() {}

    public func render(_ input: ReportInput) throws -> String {
        var text = AssessmentText(result: input.result, verbose: input.verbose, style: input.style)
        text.baseline = input.baseline
        return text.render()
    }
}
