import ArgumentParser
import CDScanKit
import Foundation

/// `cdscan explain ID [PATH]`: what a rule checks, what it found in a scan, and the advice.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a characteristic's rule, and what it found in a repository if given one."
    )

    @Argument(help: "A characteristic id, e.g. L3.tech.infrastructure-as-code.")
    var id: String

    @Argument(help: "A repository to scan (optional).")
    var path: String?

    @Option(name: .customLong("rules"), help: "A rule pack directory laid over the built-in rules (repeatable).")
    var packs: [String] = []

    func run() throws {
        let rules = try RuleLoading.ruleSet(packs: packs)
        guard let rule = rules.rule(id) else {
            let close = rules.rules.map(\.id).filter { $0.contains(id) || id.contains($0) }
            throw ValidationError("no rule \(id)\(close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"); `cdscan rules list` shows them all")
        }
        var out = "\(rule.id) — \(rule.title)\n"
        out += "Level \(rule.level) (\(MaturityLevel.name(rule.level))), \(rule.dimension.title), \(rule.kind.rawValue)"
        out += rule.isDefining ? ", a defining practice of its level" : ""
        out += ", weight \(FindingValue.format(rule.weight)); from \(rule.source.origin) (\(rule.source.file))\n\n"
        if let metWhen = rule.metWhen {
            out += "Met when:      \(metWhen)\n"
            out += "Not met when:  \(rule.notMetWhen.map(\.description) ?? "the above does not hold")\n"
            if let practiced = rule.practicedWhen { out += "Practised when: \(practiced) (otherwise it counts half)\n" }
        } else {
            out += "A repository cannot show this: it is unknown unless the team declares it in .cdscan.yml.\n"
        }
        if let kinds = rule.appliesTo {
            out += "Applies to:    \(kinds.sorted().map(\.title).joined(separator: ", ")) (not applicable to other kinds of project)\n"
        }
        if !rule.parameters.isEmpty {
            out += "Parameters:    " + rule.parameters.sorted { $0.key < $1.key }.map { "\($0.key) = \(FindingValue.format($0.value))" }.joined(separator: ", ") + "\n"
        }
        out += "\nAdvice: \(rule.advice)\n"
        if let path {
            let result = try ScanRunner.run(path: path, packs: packs)
            if let found = result.assessment.result(rule.id) {
                out += "\nIn \(TerminalText.sanitize(path)): \(found.outcome.rawValue)\(found.source == .declared ? " (declared)" : "")\n"
                out += "  \(TerminalText.sanitize(found.explanation))\n"
                // One bullet per distinct message, its locations listed together.
                for group in EvidenceItem.grouped(found.evidence) {
                    let places = group.locations.isEmpty ? "" : " — " + EvidenceItem.describe(group.locations)
                    out += "  • \(TerminalText.sanitize(group.message))\(TerminalText.sanitize(places))\n"
                }
            }
        }
        Console.output(out)
    }
}
