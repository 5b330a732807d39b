/// The assessment for a person at a terminal: the banner, the whitepaper's grid, the evidence behind each
/// tick, the deficits and the next steps, wrapped to 80 columns. Repository-controlled text is made safe
/// for the terminal; colour only when the caller says so.
public struct AssessmentText {
    public let result: ScanResult
    public let verbose: Bool
    public let style: TerminalStyle
    public let width: Int
    /// With `scan --baseline FILE`: a section on what got worse and better since the baseline.
    public var baseline: BaselineComparison? = nil

    public init(result: ScanResult, verbose: Bool = false, style: TerminalStyle = .plain, width: Int = TextLayout.defaultWidth) {
        self.result = result
        self.verbose = verbose
        self.style = style
        self.width = max(40, width)
    }

    public func render() -> String {
        var lines: [String] = []
        banner(into: &lines)
        againstBaseline(into: &lines)
        grid(into: &lines)
        evidence(into: &lines)
        deficits(into: &lines)
        suppressions(into: &lines)
        nextSteps(into: &lines)
        if verbose { findings(into: &lines) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func banner(into lines: inout [String]) {
        let assessment = result.assessment
        let snapshot = result.evidence.snapshot
        let location = TerminalText.sanitize(snapshot.location.workingDirectory ?? snapshot.location.gitDirectory)
        // The path stands alone on its line (never wrapped), so its length cannot move the rest.
        lines.append("cdscan \(CDScanVersion.current) — \(location)")
        let branch = snapshot.head.branch.map { " on \(TerminalText.sanitize($0))" } ?? ""
        lines += wrap("Commit \(snapshot.head.commit.short)\(branch), as of \(Timestamp.day(snapshot.asOf))", lead: "", indent: "  ")
        if let sentence = result.workTree?.sentence(head: snapshot.head.commit, shown: TerminalText.sanitize) {
            lines += wrap("(\(sentence))", lead: "", indent: "  ")
        }
        if let dormant = result.dormancy.sentence {
            lines += wrap("Dormant: " + dormant, lead: "", indent: "  ").map(style.partial)
        }
        lines.append("")
        lines.append("Best fit: " + style.accent(levelName(assessment.overall)) + figures(assessment.overall))
        lines += wrap(TerminalText.sanitize(assessment.because.sentence), lead: "  ", indent: "  ").map(style.dim)
        for dimension in Dimension.allCases {
            let fit = assessment.dimensions[dimension]!
            lines.append("  \(dimension.title.padding(toLength: 8))" + style.bold(levelName(fit)) + figures(fit))
            if let because = assessment.dimensionsBecause[dimension] {
                lines += wrap(TerminalText.sanitize(because.sentence), lead: "          ", indent: "          ").map(style.dim)
            }
        }
        if snapshot.isShallow {
            lines += wrap("(shallow clone: history-based characteristics are unknown or incomplete)", lead: "  ", indent: "  ")
        }
        lines += project()
    }

    /// What kind of project the verdict was fitted to, and what it left out.
    private func project() -> [String] {
        let assessment = result.assessment
        let profile = assessment.profile
        let how = profile.source == .configured ? "set in the configuration" : "inferred"
        var out = wrap("Project: \(profile.summary) (\(how))", lead: "", indent: "  ")
        if verbose || profile.source == .inferred {
            for line in profile.evidence.prefix(verbose ? 8 : 2) {
                out += wrap(TerminalText.sanitize(line), lead: "  ", indent: "    ").map(style.dim)
            }
        }
        let notApplicable = assessment.results(.notApplicable).count
        if notApplicable > 0 {
            out += wrap("\(notApplicable) characteristic\(notApplicable == 1 ? " does" : "s do") not apply and are left out of the levels; `kind:` or `not-applicable:` in .cdscan.yml corrects this.", lead: "  ", indent: "  ")
        }
        let skipped = assessment.results(.skipped).count
        if skipped > 0 {
            out += wrap("Computed without \(skipped) skipped characteristic\(skipped == 1 ? "" : "s") (\(TerminalText.sanitize(assessment.selection.description))).", lead: "  ", indent: "  ")
        }
        return out
    }

    private func grid(into lines: inout [String]) {
        lines.append("")
        lines.append(style.bold("Grid") + "  [x] met  [~] met by files only  [ ] not met  [?] unknown  [d] declared")
        let leftOut = [(RuleOutcome.notApplicable, "[-] not applicable"), (.suppressed, "[s] suppressed"), (.skipped, "[.] skipped")]
            .filter { !result.assessment.results($0.0).isEmpty }.map(\.1)
        if !leftOut.isEmpty { lines.append("      " + leftOut.joined(separator: "  ")) }
        lines.append("      A ticked deficit is bad news: it is marked " + style.bad("!"))
        for level in MaturityLevel.all.reversed() {
            lines.append(style.bold("L\(level) \(MaturityLevel.name(level))"))
            for result in result.assessment.results where result.rule.level == level {
                let isDeficit = result.rule.kind == .deficit
                let flag = isDeficit && result.outcome == .met ? "!" : " "
                let lead = "  \(flag)\(mark(result)) \(result.rule.dimension.title.padding(toLength: 8))"
                let id = verbose ? " " + TerminalText.sanitize(result.rule.id) : ""
                let wrapped = wrap(TerminalText.sanitize(result.rule.title) + (isDeficit ? " (deficit)" : "") + id, lead: lead, indent: String(repeating: " ", count: lead.count))
                // The id (verbose) is dimmed: it is there to copy into `cdscan explain ID`.
                let shown = wrapped.map { line in
                    guard !id.isEmpty, style.enabled, line.hasSuffix(id.dropFirst()) else { return line }
                    return String(line.dropLast(id.count - 1)) + style.dim(String(id.dropFirst()))
                }
                lines.append(colourMark(shown[0], result))
                lines += shown.dropFirst()
            }
        }
    }

    private func evidence(into lines: inout [String]) {
        let met = result.assessment.results.filter { $0.outcome == .met && $0.rule.kind == .capability }
        guard !met.isEmpty else { return }
        lines.append("")
        lines.append(style.bold("Evidence"))
        for result in met {
            lines.append("  " + style.good(result.rule.id) + (result.source == .declared ? " (declared)" : ""))
            lines += wrap(TerminalText.sanitize(result.explanation), lead: "    ", indent: "    ")
            let shown = result.evidence.compactMap(\.path).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let limit = verbose ? 10 : 3
            if !shown.isEmpty {
                let paths = shown.prefix(limit).map(TerminalText.sanitize).joined(separator: ", ")
                let more = shown.count > limit ? " and \(shown.count - limit) more" : ""
                lines += wrap("files: \(paths)\(more)", lead: "    ", indent: "      ").map(style.dim)
            }
        }
    }

    /// What got worse, what got better and what the team left out since the baseline report.
    private func againstBaseline(into lines: inout [String]) {
        guard let baseline else { return }
        lines.append("")
        lines.append(style.bold("Against the baseline" + (baseline.shortHead.map { " (commit \($0))" } ?? "")))
        if baseline.regressions.isEmpty { lines.append("  " + style.good("Nothing got worse.")) }
        for (title, changes, tone) in [("Worse", baseline.regressions, Tone.bad), ("Better", baseline.improvements, .good),
                                       ("Left out now (not counted)", baseline.leftOut, .dim)] where !changes.isEmpty {
            lines.append("  \(title):")
            for change in changes {
                lines += wrap(TerminalText.sanitize(change.message), lead: "    ", indent: "      ").map { paint($0, tone) }
            }
        }
    }

    private func deficits(into lines: inout [String]) {
        let deficits = result.assessment.deficitsPresent
        guard !deficits.isEmpty else { return }
        lines.append("")
        lines.append(style.bold("Deficits present"))
        for result in deficits {
            lines.append("  " + style.bad(result.rule.id))
            lines += wrap(TerminalText.sanitize(result.explanation), lead: "    ", indent: "    ")
        }
    }

    /// Every suppression of the configuration, with its state: an expired one is no longer applied, and
    /// one that suppresses nothing is probably stale.
    private func suppressions(into lines: inout [String]) {
        let statuses = result.assessment.suppressions
        guard !statuses.isEmpty else { return }
        lines.append("")
        lines.append(style.bold("Suppressions"))
        for status in statuses {
            let suppression = status.suppression
            let until = suppression.expires.map { " until \($0)" } ?? ""
            let state: String
            switch status.state {
            case .inForce: state = "in force\(until)"
            case .unused: state = "in force\(until), but nothing it names is ticked"
            case .expired: state = style.bad("expired on \(suppression.expires ?? "?")") + ": no longer applied"
            }
            lines += wrap("\(TerminalText.sanitize(suppression.targetDescription)) — \(state)", lead: "  ", indent: "    ")
            lines += wrap(TerminalText.sanitize(suppression.because), lead: "    ", indent: "    ").map(style.dim)
        }
    }

    private func nextSteps(into lines: inout [String]) {
        let steps = result.assessment.nextSteps
        guard !steps.isEmpty else { return }
        lines.append("")
        lines.append(style.bold("Next steps"))
        for (index, step) in steps.enumerated() {
            let number = "  \(index + 1). "
            let indent = String(repeating: " ", count: number.count)
            lines += wrap("\(TerminalText.sanitize(step.title)) (L\(step.level) \(step.dimension.title), \(step.reason.rawValue))", lead: number, indent: indent)
            lines += wrap(step.advice, lead: indent, indent: indent).map(style.dim)
        }
    }

    private func findings(into lines: inout [String]) {
        lines.append("")
        lines.append(style.bold("Findings"))
        for finding in result.findings {
            lines += wrap("\(finding.probe) = \(finding.outcome.rawValue): \(TerminalText.sanitize(finding.message))", lead: "  ", indent: "      ")
            for location in finding.locations.prefix(5) {
                let line = location.line.map { ":\($0)" } ?? ""
                lines += wrap(TerminalText.sanitize(location.path) + line, lead: "      ", indent: "        ").map(style.dim)
            }
        }
    }

    private func wrap(_ text: String, lead: String, indent: String) -> [String] {
        TextLayout.wrap(text, lead: lead, indent: indent, width: width)
    }

    private func levelName(_ fit: BestFit) -> String {
        guard let level = fit.level else { return "no level" }
        return "L\(level) \(MaturityLevel.name(level))"
    }

    private func figures(_ fit: BestFit) -> String {
        guard fit.level != nil else { return " (too little evidence; coverage \(percent(fit.coverage)))" }
        return " — coverage \(percent(fit.coverage)), confidence \(percent(fit.confidence))"
    }

    private func mark(_ result: CharacteristicResult) -> String {
        if result.source == .declared { return "[d]" }
        switch result.outcome {
        case .met: return result.practiced ? "[x]" : "[~]"
        case .notMet: return "[ ]"
        case .unknown: return "[?]"
        case .notApplicable: return "[-]"
        case .suppressed: return "[s]"
        case .skipped: return "[.]"
        }
    }

    /// Colours the mark of a grid line: green for good news, red for bad, yellow for files alone.
    private func colourMark(_ line: String, _ result: CharacteristicResult) -> String {
        guard style.enabled else { return line }
        let isDeficit = result.rule.kind == .deficit
        let tone: Tone
        switch (result.outcome, isDeficit) {
        case (.met, false): tone = result.practiced || result.source == .declared ? .good : .partial
        case (.met, true), (.notMet, false): tone = .bad
        case (.notMet, true): tone = .good
        case (.unknown, _), (.notApplicable, _), (.suppressed, _), (.skipped, _): tone = .dim
        }
        let markText = mark(result)
        guard let range = line.range(of: markText) else { return line }
        return line.replacingCharacters(in: range, with: paint(markText, tone))
    }

    private enum Tone { case good, bad, partial, dim }

    private func paint(_ text: String, _ tone: Tone) -> String {
        switch tone {
        case .good: return style.good(text)
        case .bad: return style.bad(text)
        case .partial: return style.partial(text)
        case .dim: return style.dim(text)
        }
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
