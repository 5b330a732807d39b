/// `json`: the whole report as data (`ReportDocument`, described by docs/schema).
public struct JSONReportFormat: ReportFormat {
    public let name = "json"
    public let isForPeople = false
    public let purpose: String? = nil

    public init() {}

    public func render(_ input: ReportInput) throws -> String {
        var document = ReportDocument(input.result, toolVersion: input.toolVersion)
        document.baseline = input.baseline.map(ReportDocument.BaselinePart.init)
        return try JSONOutput.encode(document)
    }
}
