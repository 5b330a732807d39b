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

        @Flag(name: .customLong("catalogues"), help: "List the catalogue entries instead: kind, id, where each came from and what it replaced.")
        var catalogues = false

        func run() throws {
            if catalogues {
                Console.output(try RuleLoading.catalogueListing(packs: packs))
                return
            }
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
            abstract: "Check rule packs: rule files (keys, probes, values, ids, levels, examples) and catalogue files.",
            discussion: """
                Exit codes: 0 valid; 64 a rule or catalogue file cannot be used (broken YAML, an unknown key or \
                file, a bad pattern …), each problem printed as file:line:col: message; 1 the files load but a \
                rule's examples fail.
                """)

        @Argument(help: "Rule pack directories (default: only the built-in rules and catalogues).")
        var directories: [String] = []

        func run() throws {
            let checked = RuleLoading.check(packs: directories)
            guard checked.errors.isEmpty else {
                for error in checked.errors { Console.error(TerminalText.sanitize(error)) }
                throw ExitCode(64)
            }
            let failures = RuleLoading.failingExamples(checked.rules)
            guard failures.isEmpty else {
                for failure in failures { Console.error(TerminalText.sanitize(failure)) }
                throw ExitCode(1)
            }
            let from = directories.isEmpty ? "built in" : directories.map(TerminalText.sanitize).joined(separator: ", ")
            Console.output("\(checked.rules.count) rules and \(checked.catalogueFiles) catalogue files valid (\(from); \(checked.packCatalogueFiles) catalogue files from packs)\n")
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
                try pack.checkCatalogues()
                packs += pack.rules
            }
            return try RuleSet.load(packs: packs + extraPacks, parameterOverrides: parameterOverrides)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// What `rules validate` found: every problem of the packs' rule and catalogue files (each one
    /// `file:line:col: message`), and what loaded.
    struct Checked {
        var errors: [String] = []
        var rules: [Rule] = []
        var catalogueFiles = 0
        var packCatalogueFiles = 0
    }

    static func check(packs directories: [String]) -> Checked {
        var checked = Checked()
        var ruleFiles: [RuleSourceFile] = []
        var layers: [[RuleSourceFile]] = [BuiltInRules.files(under: "catalogues/")]
        for directory in directories {
            do {
                let pack = try RulePack.load(directory: directory)
                ruleFiles += pack.rules
                if !pack.catalogues.isEmpty { layers.append(pack.catalogues) }
            } catch {
                checked.errors += error.errors.map(\.description)
            }
        }
        // Each pack over the built-in catalogues, then all of them together (they may clash).
        var seen: Set<String> = []
        for layer in layers.dropFirst() {
            for error in LoadedCatalogues(CatalogueStack(layers: [layers[0], layer])).errors where seen.insert(error.description).inserted {
                checked.errors.append(error.description)
            }
        }
        let all = LoadedCatalogues(CatalogueStack(layers: layers))
        for error in all.errors where seen.insert(error.description).inserted {
            checked.errors.append(error.description)
        }
        checked.catalogueFiles = all.stack.fileCount
        checked.packCatalogueFiles = layers.dropFirst().reduce(0) { $0 + $1.count }
        do {
            checked.rules = try RuleSet.load(packs: ruleFiles).rules
        } catch {
            checked.errors += error.errors.map(\.description)
        }
        return checked
    }

    /// `rules list --catalogues`: every merged catalogue entry with its kind, id and origin.
    static func catalogueListing(packs directories: [String]) throws -> String {
        var layers: [[RuleSourceFile]] = [BuiltInRules.files(under: "catalogues/")]
        do {
            for directory in directories {
                let pack = try RulePack.load(directory: directory)
                try pack.checkCatalogues()
                if !pack.catalogues.isEmpty { layers.append(pack.catalogues) }
            }
        } catch {
            throw ValidationError("\(error)")
        }
        let stack = CatalogueStack(layers: layers)
        let items = stack.allItems
        var out = ""
        for item in items {
            let id = item.displayKey.isEmpty ? "" : " " + TerminalText.sanitize(item.displayKey)
            var line = "\(item.kind.rawValue) \(item.section)\(id) — \(origin(item))"
            if let replaced = item.replaced { line += " (replaces \(origin(replaced)))" }
            out += line + "\n"
        }
        let fromPacks = items.filter { $0.origin != .builtIn }
        out += "\(items.count) catalogue entries from \(stack.fileCount) files; \(fromPacks.count) from packs, \(fromPacks.filter { $0.replaced != nil }.count) of them replacing an entry below\n"
        return out
    }

    /// `built in catalogues/iac.yml:12`, or a pack's `path:line:col`.
    private static func origin(_ item: CatalogueItem) -> String {
        switch item.origin {
        case .builtIn: return "built in \(item.file):\(item.mark.line)"
        case .pack, .config: return "pack \(TerminalText.sanitize(item.location))"
        }
    }

    /// Examples that do not give their stated outcome, or that show a rule to be contradictory.
    static func failingExamples(_ rules: [Rule]) -> [String] {
        rules.flatMap { $0.exampleProblems() }
    }
}
