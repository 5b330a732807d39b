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
        if let node = root["exclude"] {
            if !node.isSequence { errors.append(.wrongType("exclude", node, expected: "a list of path patterns", file: file)) }
            for item in node.items ?? [] {
                guard let text = item.string else { fail(item.mark, "a path pattern must be text"); continue }
                if let problem = PathGlob.problem(in: text) {
                    fail(item.mark, problem)
                } else {
                    exclude.append(PathGlob(text))
                }
            }
        }

        var thresholds: [String: [String: Double]] = [:]
        if let node = root["thresholds"] {
            if !node.isMapping { errors.append(.wrongType("thresholds", node, expected: "a mapping of rule ids to {parameter: number}", file: file)) }
            for pair in node.pairs ?? [] {
                guard let id = pair.key.string, let parameters = pair.value.pairs else {
                    fail(pair.value.mark, "thresholds for a rule are a mapping {parameter: number}")
                    continue
                }
                var values: [String: Double] = [:]
                for parameter in parameters {
                    guard let name = parameter.key.string, let value = parameter.value.double else {
                        fail(parameter.value.mark, "threshold '\(parameter.key.string ?? "?")' of \(id) must be a number")
                        continue
                    }
                    values[name] = value
                }
                thresholds[id] = values
            }
        }

        var packs: [String] = []
        if let node = root["rules"] {
            if !node.isSequence { errors.append(.wrongType("rules", node, expected: "a list of rule-pack directories", file: file)) }
            for item in node.items ?? [] {
                guard let path = item.string, !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                    fail(item.mark, "a rule pack is a directory inside the repository (relative, without ..)")
                    continue
                }
                packs.append(path.hasSuffix("/") ? path : path + "/")
            }
        }

        var declared: [String: DeclaredAnswer] = [:]
        if let node = root["declared"] {
            if !node.isMapping { errors.append(.wrongType("declared", node, expected: "a mapping of characteristic ids to {answer: met|not-met, because: …}", file: file)) }
            for pair in node.pairs ?? [] {
                guard let id = pair.key.string else { continue }
                if CharacteristicModel.builtIn.entry(id) == nil {
                    fail(pair.key.mark, "'\(id)' is not a characteristic of the model")
                    continue
                }
                let answerNode = pair.value.isMapping ? pair.value["answer"] : pair.value
                if var answerMap = try? YAMLMapReader(pair.value, file: file, context: "a declared answer") {
                    answerMap.allow("answer", "because")
                    errors += answerMap.unknownKeyErrors()
                }
                guard let answerText = answerNode?.string, let answer = RuleOutcome(rawValue: answerText), [.met, .notMet].contains(answer) else {
                    fail(answerNode?.mark ?? pair.value.mark, "a declared answer is met or not-met")
                    continue
                }
                let because = pair.value["because"]?.string ?? ""
                if because.isEmpty { fail(pair.value.mark, "say why with 'because:' — a declared answer is shown with its reason") }
                declared[id] = DeclaredAnswer(outcome: answer, because: because, file: file)
            }
        }

        var policy = Policy.none
        if let node = root["policy"] {
            if var policyMap = try? YAMLMapReader(node, file: file, context: "policy") {
                policyMap.allow("fail-under", "fail-under-dimension")
                errors += policyMap.unknownKeyErrors()
            } else {
                errors.append(.wrongType("policy", node, expected: "a mapping", file: file))
            }
            var failUnder: Int?
            if let value = node["fail-under"] {
                if let level = value.int, MaturityLevel.all.contains(level) {
                    failUnder = level
                } else {
                    errors.append(.wrongType("fail-under", value, expected: "a level from 1 to 5", file: file))
                }
            }
            var perDimension: [Dimension: Int] = [:]
            for pair in node["fail-under-dimension"]?.pairs ?? [] {
                guard let dimension = pair.key.string.flatMap(Dimension.init(rawValue:)) else {
                    fail(pair.key.mark, "a dimension is people, process or tech")
                    continue
                }
                guard let level = pair.value.int, MaturityLevel.all.contains(level) else {
                    fail(pair.value.mark, "fail-under-dimension takes levels from 1 to 5")
                    continue
                }
                perDimension[dimension] = level
            }
            policy = Policy(failUnder: failUnder, failUnderDimension: perDimension)
        }

        var tailoring = TailoringKeys(file: file)
        let kinds = tailoring.kinds(root["kind"])
        let notApplicable = tailoring.notApplicable(root["not-applicable"], declared: declared)
        let suppressions = tailoring.suppressions(root["suppress"])
        errors += tailoring.errors

        guard errors.isEmpty else { throw RuleErrors(errors: errors) }
        var config = ScanConfig(file: file, exclude: exclude, thresholds: thresholds, rulePacks: packs, declared: declared, policy: policy)
        config.kinds = kinds
        config.notApplicable = notApplicable
        config.suppressions = suppressions
        return config
    }

    /// Whether the file detectors should skip a path.
    public func excludes(_ path: String) -> Bool {
        let path = GlobPath(path)
        return exclude.contains { $0.matches(path) }
    }
}
