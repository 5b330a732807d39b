/// The assessment for a person at a terminal: the banner, the whitepaper's grid, the evidence behind each
/// tick, the deficits and the next steps. Repository-controlled text is made safe for the terminal.
public struct AssessmentText {
    public let result: ScanResult
    public let verbose: Bool

    public init(result: ScanResult, verbose: Bool = false) {
        self.result = result
        self.verbose = verbose
    }

    public func render() -> String {
        let assessment = result.assessment
        let snapshot = result.evidence.snapshot
        var lines: [String] = []
        let where_ = TerminalText.sanitize(snapshot.location.workingDirectory ?? snapshot.location.gitDirectory)
        lines.append("cdscan \(CDScanVersion.current) — \(where_) at \(snapshot.head.commit.short), as of \(Timestamp.day(snapshot.asOf))")
        lines.append("")
        lines.append("Best fit: \(describe(assessment.overall))")
        for dimension in Dimension.allCases {
            lines.append("  \(dimension.title.padding(toLength: 8))\(describe(assessment.dimensions[dimension]!))")
        }
        if snapshot.isShallow { lines.append("  (shallow clone: history-based characteristics are unknown or incomplete)") }
        lines.append("")
        lines.append("Grid   [x] met  [~] met by files only  [ ] not met  [?] unknown  [d] declared")
        for level in MaturityLevel.all.reversed() {
            lines.append("L\(level) \(MaturityLevel.name(level))")
            for result in assessment.results where result.rule.level == level {
                let deficit = result.rule.kind == .deficit ? " (deficit)" : ""
                lines.append("  \(mark(result)) \(result.rule.dimension.title.padding(toLength: 8))\(result.rule.title)\(deficit)")
            }
        }
        let met = assessment.results.filter { $0.outcome == .met && $0.rule.kind == .capability }
        if !met.isEmpty {
            lines.append("")
            lines.append("Evidence")
            for result in met {
                lines.append("  \(result.rule.id): \(TerminalText.sanitize(result.explanation))")
                if verbose {
                    for item in result.evidence.prefix(3) {
                        lines.append("      \(TerminalText.sanitize(item.path ?? "")) \(TerminalText.sanitize(item.message))")
                    }
                }
            }
        }
        let deficits = assessment.deficitsPresent
        if !deficits.isEmpty {
            lines.append("")
            lines.append("Deficits present")
            for result in deficits { lines.append("  \(result.rule.id): \(TerminalText.sanitize(result.explanation))") }
        }
        if !assessment.nextSteps.isEmpty {
            lines.append("")
            lines.append("Next steps")
            for (index, step) in assessment.nextSteps.enumerated() {
                lines.append("  \(index + 1). \(step.title) (L\(step.level) \(step.dimension.title), \(step.reason.rawValue))")
                lines.append("     \(step.advice)")
            }
        }
        if verbose {
            lines.append("")
            lines.append("Findings")
            for finding in result.findings {
                lines.append("  \(finding.probe) = \(finding.outcome.rawValue): \(TerminalText.sanitize(finding.message))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ fit: BestFit) -> String {
        guard let level = fit.level else { return "no level (too little evidence; coverage \(percent(fit.coverage)))" }
        return "L\(level) \(MaturityLevel.name(level)) — coverage \(percent(fit.coverage)), confidence \(percent(fit.confidence))"
    }

    private func mark(_ result: CharacteristicResult) -> String {
        if result.source == .declared { return "[d]" }
        switch result.outcome {
        case .met: return result.practiced ? "[x]" : "[~]"
        case .notMet: return "[ ]"
        case .unknown: return "[?]"
        }
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
