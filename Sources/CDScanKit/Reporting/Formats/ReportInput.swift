/// What a report is rendered from: one scan's result and the choices the command line made about it.
public struct ReportInput: Sendable {
    public let result: ScanResult
    /// With `scan --baseline FILE`: what got worse and better since the baseline.
    public let baseline: BaselineComparison?
    /// Colour for the text report (plain for a file).
    public let style: TerminalStyle
    /// Every finding and more evidence in the text report.
    public let verbose: Bool
    /// Which characteristics become SARIF results and Code Quality issues.
    public let scope: SarifScope
    public let toolVersion: String

    public init(result: ScanResult, baseline: BaselineComparison? = nil, style: TerminalStyle = .plain,
                verbose: Bool = false, scope: SarifScope = .next, toolVersion: String = CDScanVersion.current) {
        self.result = result
        self.baseline = baseline
        self.style = style
        self.verbose = verbose
        self.scope = scope
        self.toolVersion = toolVersion
    }
}
