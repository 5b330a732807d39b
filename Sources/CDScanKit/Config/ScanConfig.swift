import YAMLReader

/// A repository's own settings for cdscan: `.cdscan.yml` at the root of its HEAD tree (read from the
/// object database, like every file), or a file named with `--config`.
///
/// ```yaml
/// exclude: [vendor/, examples/, "testdata/**"]     # paths the file detectors skip (PathGlob: as .gitignore)
/// thresholds:                                     # rule parameters, per rule id
///   L2.people.managed-backlog: {minIssueReferenceShare: 0.1}
/// rules: [tools/cdscan-rules/]                    # rule packs inside the repository
/// declared:                                       # answers the repository cannot show
///   L4.people.mentors-guilds: {answer: met, because: "Platform guild meets fortnightly"}
/// policy:                                         # the exit-code policy for CI
///   fail-under: 3
///   fail-under-dimension: {tech: 3}
/// kind: library                                   # or a list: [service, library]; overrides the inference
/// not-applicable:                                 # characteristics that do not fit this project
///   L4.tech.automated-rollbacks: "nothing is deployed from here"
/// suppress:                                       # ticks or findings the team disputes, with a reason
///   - {characteristic: L2.tech.painful-repeatable-releases, because: "releases are cut by the platform", expires: 2027-03-31}
///   - {finding: hasFeatureFlags, because: "FF_ names are build switches here"}
/// ```
public struct ScanConfig: Sendable {
    public let file: String
    public let exclude: [PathGlob]
    public let thresholds: [String: [String: Double]]
    public let rulePacks: [String]
    public let declared: [String: DeclaredAnswer]
    public let policy: Policy
    /// `kind:`: the kinds of project, replacing the inferred ones; nil when not set.
    public var kinds: [ProjectKind]? = nil
    /// `not-applicable:`: characteristic id → why it does not fit.
    public var notApplicable: [String: String] = [:]
    /// `suppress:`, in the order written.
    public var suppressions: [Suppression] = []

    public struct Policy: Sendable, Hashable {
        public let failUnder: Int?
        public let failUnderDimension: [Dimension: Int]

        public static let none = Policy(failUnder: nil, failUnderDimension: [:])
    }

    public static let fileName = ".cdscan.yml"
    static let keys: Set<String> = ["exclude", "thresholds", "rules", "declared", "policy", "kind", "not-applicable", "suppress"]

    public static func parse(_ text: String, file: String) throws(RuleErrors) -> ScanConfig {
        var errors: [RuleError] = []
        func fail(_ mark: YAMLMark?, _ message: String) { errors.append(RuleError(file: file, mark: mark, message: message)) }
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text, file: file)
        } catch {
            throw RuleErrors(errors: [error])
        }
        guard let root else {
            return ScanConfig(file: file, exclude: [], thresholds: [:], rulePacks: [], declared: [:], policy: .none)
        }
        var map: YAMLMapReader
        do {
            map = try YAMLMapReader(root, file: file, context: "the configuration")
        } catch {
            throw RuleErrors(errors: [error])
        }
        for key in keys { map.allow(key) }
        errors += map.unknownKeyErrors()

        var exclude: [PathGlob] = []
        for item in errors.collect({ () throws(YAMLError) in try map.list("exclude", of: "path patterns") }) ?? [] {
            guard let text = errors.collect({ () throws(YAMLError) in try YAMLMapReader.string(item, named: "exclude", file: file) }) else { continue }
            if let problem = PathGlob.problem(in: text) {
                fail(item.mark, problem)
            } else {
                exclude.append(PathGlob(text))
            }
        }

        var thresholds: [String: [String: Double]] = [:]
        if var byRule = errors.collect({ () throws(YAMLError) in try map.map("thresholds", context: "thresholds") }) {
            for id in byRule.keys {
                guard var parameters = errors.collect({ () throws(YAMLError) in try byRule.requiredMap(id, context: "the thresholds of \(id)") }) else {
                    continue
                }
                var values: [String: Double] = [:]
                for name in parameters.keys {
                    if let value = errors.collect({ () throws(YAMLError) in try parameters.requiredDouble(name) }) { values[name] = value }
                }
                thresholds[id] = values
            }
        }

        var packs: [String] = []
        for item in errors.collect({ () throws(YAMLError) in try map.list("rules", of: "rule-pack directories") }) ?? [] {
            guard let path = errors.collect({ () throws(YAMLError) in try YAMLMapReader.string(item, named: "rules", file: file) }) else { continue }
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                fail(item.mark, "a rule pack is a directory inside the repository (relative, without ..)")
                continue
            }
            packs.append(path.hasSuffix("/") ? path : path + "/")
        }

        var declared: [String: DeclaredAnswer] = [:]
        if var answers = errors.collect({ () throws(YAMLError) in try map.map("declared", context: "declared") }) {
            for id in answers.keys {
                if CharacteristicModel.builtIn.entry(id) == nil {
                    fail(answers.keyMark(id), "'\(id)' is not a characteristic of the model")
                    continue
                }
                if let answer = parseDeclaredAnswer(&answers, id: id, errors: &errors) { declared[id] = answer }
            }
        }

        var policy = Policy.none
        if var policyMap = errors.collect({ () throws(YAMLError) in try map.map("policy", context: "policy") }) {
            let failUnder = errors.collect { () throws(YAMLError) in try policyMap.int("fail-under") }
            if let failUnder, !MaturityLevel.all.contains(failUnder), let node = policyMap.node("fail-under") {
                errors.append(.wrongType("fail-under", node, expected: "a level from 1 to 5", file: file))
            }
            var perDimension: [Dimension: Int] = [:]
            if var levels = errors.collect({ () throws(YAMLError) in try policyMap.map("fail-under-dimension", context: "'fail-under-dimension'") }) {
                for name in levels.keys {
                    guard let dimension = Dimension(rawValue: name) else {
                        fail(levels.keyMark(name), "a dimension is people, process or tech")
                        continue
                    }
                    guard let level = errors.collect({ () throws(YAMLError) in try levels.requiredInt(name) }) else { continue }
                    guard MaturityLevel.all.contains(level) else {
                        errors.append(.wrongType(name, levels.node(name) ?? levels.node, expected: "a level from 1 to 5", file: file))
                        continue
                    }
                    perDimension[dimension] = level
                }
            }
            errors += policyMap.unknownKeyErrors()
            policy = Policy(failUnder: failUnder.flatMap { MaturityLevel.all.contains($0) ? $0 : nil }, failUnderDimension: perDimension)
        }

        var tailoring = TailoringKeys(file: file)
        let kinds = tailoring.kinds(&map)
        let notApplicable = tailoring.notApplicable(&map, declared: declared)
        let suppressions = tailoring.suppressions(&map)
        errors += tailoring.errors

        guard errors.isEmpty else { throw RuleErrors(errors: errors) }
        var config = ScanConfig(file: file, exclude: exclude, thresholds: thresholds, rulePacks: packs, declared: declared, policy: policy)
        config.kinds = kinds
        config.notApplicable = notApplicable
        config.suppressions = suppressions
        return config
    }

    /// `{answer: met|not-met, because: …}` for one characteristic of `declared:`.
    private static func parseDeclaredAnswer(_ answers: inout YAMLMapReader, id: String, errors: inout [RuleError]) -> DeclaredAnswer? {
        let file = answers.file
        guard let value = errors.collect({ () throws(YAMLError) in try answers.requiredNode(id) }) else { return nil }
        guard var answerMap = errors.collect({ () throws(YAMLError) in try YAMLMapReader(value, file: file, context: "a declared answer") }) else {
            return nil
        }
        let outcome = errors.collect { () throws(YAMLError) in
            try answerMap.requiredWord("answer", as: RuleOutcome.self, expected: "met or not-met")
        }
        if let outcome, ![.met, .notMet].contains(outcome), let node = answerMap.node("answer") {
            errors.append(.wrongType("answer", node, expected: "met or not-met", file: file))
        }
        let before = errors.count
        let because = errors.collect { () throws(YAMLError) in try answerMap.string("because") }
        if because == nil && errors.count == before {
            errors.append(RuleError(file: file, mark: value.mark, message: "say why with 'because:' — a declared answer is shown with its reason"))
        }
        errors += answerMap.unknownKeyErrors()
        guard let outcome, [.met, .notMet].contains(outcome), let because else { return nil }
        return DeclaredAnswer(outcome: outcome, because: because, file: file)
    }

    /// Whether the file detectors should skip a path.
    public func excludes(_ path: String) -> Bool {
        let path = GlobPath(path)
        return exclude.contains { $0.matches(path) }
    }
}
