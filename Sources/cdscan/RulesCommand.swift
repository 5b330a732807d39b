import ArgumentParser
import CDScanKit
import Foundation

/// `cdscan rules list|validate|test`: the rules a platform team reads, changes and extends.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, validate and test the characteristic rules.",
        subcommands: [List.self, Validate.self, Test.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rules in force and where each came from.")

        @Option(name: .customLong("rules"), help: "A rule pack directory laid over the built-in rules (repeatable).")
        var packs: [String] = []

        func run() throws {
            let rules = try RuleLoading.ruleSet(packs: packs)
            var out = ""
            for rule in rules.rules {
                let marks = [rule.isDefining ? "defining" : nil, rule.metWhen == nil ? "unobservable" : nil].compactMap { $0 }
                var origin = rule.source.origin.description
                if let replaced = rule.source.overrides { origin += " (overrides \(replaced))" }
                out += "\(TerminalText.sanitize(rule.id))\n"
                out += "    L\(rule.level) \(rule.dimension.title) \(rule.kind.rawValue)\(marks.isEmpty ? "" : ", " + marks.joined(separator: ", ")), weight \(FindingValue.format(rule.weight)) — \(TerminalText.sanitize(origin))\n"
                out += "    \(TerminalText.sanitize(rule.title))\n"
            }
            out += "\(rules.rules.count) rules, digest \(rules.digest.prefix(12))\n"
            Console.output(out)
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check rule packs: keys, probes, values, ids, levels, and their examples.",
            discussion: "Exit codes: 0 valid, 1 invalid (each problem printed as file:line:col: message).")

        @Argument(help: "Rule pack directories (default: only the built-in rules).")
        var directories: [String] = []

        func run() throws {
            do {
                let rules = try RuleLoading.ruleSet(packs: directories)
                let failures = RuleLoading.failingExamples(rules.rules)
                guard failures.isEmpty else {
                    for failure in failures { Console.error(failure) }
                    throw ExitCode(1)
                }
                Console.output("\(rules.rules.count) rules valid (\(directories.isEmpty ? "built in" : directories.joined(separator: ", ")))\n")
            } catch let error as ValidationError {
                Console.error(error.message)
                throw ExitCode(1)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples (the built-in rules, or those of a pack).",
            discussion: "Exit codes: 0 every example gives its stated outcome, 1 otherwise.")

        @Argument(help: "A rule pack directory (default: the built-in rules).")
        var directory: String?

        func run() throws {
            let rules: [Rule]
            do {
                if let directory {
                    let pack = try RulePack.load(directory: directory)
                    rules = try RuleSet.load(builtIn: [], packs: pack.rules, requireCompleteModel: false).rules
                } else {
                    rules = try RuleSet.load().rules
                }
            } catch {
                Console.error(error.description)
                throw ExitCode(1)
            }
            let problems = rules.flatMap { $0.exampleProblems() }
            let total = rules.reduce(0) { $0 + $1.examples.count }
            var out = problems.map { "FAIL \($0)\n" }.joined()
            out += "\(total - problems.count) passed, \(problems.count) failed\n"
            let failed = problems.count
            Console.output(out)
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

/// Loading rules for the commands, with every error shown as file:line:col.
enum RuleLoading {
    static func ruleSet(packs directories: [String], parameterOverrides: [String: [String: Double]] = [:],
                        extraPacks: [RuleSourceFile] = []) throws -> RuleSet {
        do {
            var packs: [RuleSourceFile] = []
            for directory in directories {
                let pack = try RulePack.load(directory: directory)
                try pack.checkCatalogues(shownUnder: directory)
                packs += pack.rules
            }
            return try RuleSet.load(packs: packs + extraPacks, parameterOverrides: parameterOverrides)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Examples that do not give their stated outcome, or that show a rule to be contradictory.
    static func failingExamples(_ rules: [Rule]) -> [String] {
        rules.flatMap { $0.exampleProblems() }
    }
}
