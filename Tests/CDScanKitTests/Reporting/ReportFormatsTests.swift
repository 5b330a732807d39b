import Testing
@testable import CDScanKit

@Suite struct ReportFormatsTests {
    @Test func everyFormatHasOneNameInTheCommandLinesOrder() {
        #expect(ReportFormats.all.map(\.name) == ["text", "json", "markdown", "sarif", "codequality"])
    }

    @Test func formatsAreFoundByName() {
        for format in ReportFormats.all {
            #expect(ReportFormats.named(format.name)?.name == format.name)
        }
        #expect(ReportFormats.named("xml") == nil)
        #expect(ReportFormats.named("JSON") == nil)
    }

    @Test func onlyTextAndMarkdownAreForPeople() {
        #expect(ReportFormats.all.filter(\.isForPeople).map(\.name) == ["text", "markdown"])
    }
}
