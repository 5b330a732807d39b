/// The assessment as a compact Markdown summary for a merge-request comment or a CI job summary: a level
/// line, the grid (levels × People/Process/Tech), and the next steps. Repository-controlled text is
/// escaped so it cannot inject Markdown or HTML.
public struct AssessmentMarkdown {
    public let result: ScanResult
    /// With `scan --baseline FILE`: a section on what got worse and better since the baseline.
    public var baseline: BaselineComparison? = nil

    public init(result: ScanResult) {
        self.result = result
    }

    public func render() -> String {
        let assessment = result.assessment
        let snapshot = result.evidence.snapshot
        var lines: [String] = []
        lines.append("### CD maturity: \(level(assessment.overall))")
        lines.append("")
        let dimensions = Dimension.allCases.map { "\($0.title) \(level(assessment.dimensions[$0]!))" }.joined(separator: " · ")
        lines.append("\(dimensions) — coverage \(percent(assessment.overall.coverage)), confidence \(percent(assessment.overall.confidence))")
        lines.append("")
        lines.append("`\(snapshot.head.commit.short)` as of \(Timestamp.day(snapshot.asOf))\(snapshot.isShallow ? " (shallow clone: history is incomplete)" : "")")
        if let dormant = result.dormancy.sentence {
            lines.append("")
            lines.append("**Dormant:** \(dormant)")
        }
        if let sentence = result.workTree?.sentence(head: snapshot.head.commit, shown: Self.escape) {
            lines.append("")
            lines.append("> " + sentence.replacingOccurrences(of: "--worktree", with: "`--worktree`"))
        }
        lines += baselineLines()
        lines.append("")
        lines.append("| Level | People | Process | Tech |")
        lines.append("|---|---|---|---|")
        for level in MaturityLevel.all.reversed() {
            var cells: [String] = ["L\(level) \(MaturityLevel.name(level))"]
            for dimension in Dimension.allCases {
                let here = assessment.results.filter { $0.rule.level == level && $0.rule.dimension == dimension }
                cells.append(here.map { "\(mark($0)) \(Self.escape($0.rule.title))" }.joined(separator: "<br>"))
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        let leftOut = [(RuleOutcome.notApplicable, " · 🚫 not applicable"), (.suppressed, " · 🔕 suppressed"), (.skipped, " · ⏭️ skipped")]
            .filter { !assessment.results($0.0).isEmpty }.map(\.1).joined()
        lines.append("✅ met · ☑️ met by files only · ⬜ not met · ❔ unknown · 📝 declared\(leftOut) · deficits: 🚩 present, ➖ absent")
        lines.append("")
        lines.append("**Why**")
        lines.append("")
        lines.append("- \(Self.escape(assessment.because.sentence))")
        for dimension in Dimension.allCases {
            if let because = assessment.dimensionsBecause[dimension] { lines.append("- \(Self.escape(because.sentence))") }
        }
        lines += projectLines()
        if !assessment.nextSteps.isEmpty {
            lines.append("")
            lines.append("**Next steps**")
            lines.append("")
            for (index, step) in assessment.nextSteps.prefix(5).enumerated() {
                lines.append("\(index + 1). **\(Self.escape(step.title))** (L\(step.level) \(step.dimension.title)) — \(Self.escape(step.advice))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A capability met is good news and a deficit met is bad news, so deficits get marks of their own:
    /// 🚩 present, ➖ absent.
    private func mark(_ result: CharacteristicResult) -> String {
        let declared = result.source == .declared ? "📝" : ""
        if result.rule.kind == .deficit {
            switch result.outcome {
            case .met: return declared + "🚩"
            case .notMet: return declared + "➖"
            case .unknown: return "❔"
            case .notApplicable, .suppressed, .skipped: return Self.outOfScopeMark(result.outcome)
            }
        }
        switch result.outcome {
        case .met: return declared + (result.practiced || result.source == .declared ? "✅" : "☑️")
        case .notMet: return declared + "⬜"
        case .unknown: return "❔"
        case .notApplicable, .suppressed, .skipped: return Self.outOfScopeMark(result.outcome)
        }
    }

    /// Marks of the characteristics the verdict leaves out: not applicable, suppressed, skipped.
    static func outOfScopeMark(_ outcome: RuleOutcome) -> String {
        switch outcome {
        case .notApplicable: return "🚫"
        case .suppressed: return "🔕"
        default: return "⏭️"
        }
    }

    /// What got worse, what got better and what the team left out since the baseline report.
    private func baselineLines() -> [String] {
        guard let baseline else { return [] }
        let commit = baseline.shortHead.map { " (commit `\(Self.escape($0))`)" } ?? ""
        var lines = ["", "**Against the baseline\(commit)**", ""]
        // One bullet per change: 🔻 worse, 🔺 better, ⏭️ left out by the team since (not counted).
        var bullets: [String] = []
        for (mark, changes) in [("🔻", baseline.regressions), ("🔺", baseline.improvements), ("⏭️", baseline.leftOut)] {
            bullets += changes.map { "- \(mark) \(Self.escape($0.message))" }
        }
        if baseline.regressions.isEmpty { lines += bullets.isEmpty ? ["Nothing got worse."] : ["Nothing got worse.", ""] }
        return lines + bullets
    }

    /// The kind of project, and the suppressions with their state.
    private func projectLines() -> [String] {
        let assessment = result.assessment
        let profile = assessment.profile
        var lines = ["", "**Project:** \(Self.escape(profile.summary)) (\(profile.source == .configured ? "set in the configuration" : "inferred"): \(Self.escape(profile.evidence.first ?? "")))"]
        let notApplicable = assessment.results(.notApplicable).count
        if notApplicable > 0 { lines[1] += " — \(notApplicable) characteristics do not apply and are left out of the levels." }
        let skipped = assessment.results(.skipped)
        if !skipped.isEmpty {
            lines += ["", "Computed without \(skipped.count) skipped characteristics (`\(Self.escape(assessment.selection.description))`)."]
        }
        if !assessment.suppressions.isEmpty {
            lines += ["", "**Suppressions**", ""]
            for status in assessment.suppressions {
                let until = status.suppression.expires.map { " until \($0)" } ?? ""
                let state: String
                switch status.state {
                case .inForce: state = "in force\(until)"
                case .unused: state = "in force\(until), nothing it names is ticked"
                case .expired: state = "**expired** on \(status.suppression.expires ?? "?"), no longer applied"
                }
                lines.append("- \(Self.escape(status.suppression.targetDescription)) — \(state): \(Self.escape(status.suppression.because))")
            }
        }
        return lines
    }

    private func level(_ fit: BestFit) -> String {
        fit.level.map { "L\($0) \(MaturityLevel.name($0))" } ?? "no level"
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// Escapes what Markdown or HTML would read as markup (`<`, `|`, `*`, `_`, backticks, brackets …), drops
    /// control and bidirectional characters and makes line separators spaces, so rule and repository text
    /// shows as written.
    static func escape(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return escapeASCII(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|", "*", "_", "`", "[", "]", "\\", "#": out += "\\" + String(scalar)
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            default:
                // Controls, bidirectional overrides and marks are dropped: they could make a line read
                // backwards or hide what it says.
                guard TerminalText.isPlain(scalar) else { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `escape` for an ASCII text, byte by byte into one buffer: the rules' long texts are escaped for
    /// every report, and appending to a string scalar by scalar cost tens of thousands of instructions each.
    static func escapeASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: "#"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): out.append(UInt8(ascii: " "))
            case 0x20..<0x7F: out.append(byte)
            default: continue  // the other controls are dropped, as `TerminalText.isPlain` says
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
