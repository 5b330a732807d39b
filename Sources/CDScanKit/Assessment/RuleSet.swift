import YAMLReader

/// The rules in force for a scan: the built-in ones, with rule packs laid over them by id.
public struct RuleSet: Sendable {
    /// Sorted by level, dimension and id: the order of the whitepaper's grid.
    public let rules: [Rule]
    /// A digest of every rule file's text, so results can say which rules produced them.
    public let digest: String

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Loads the built-in rules, then each pack's `*.yml` rule files in order. A pack rule replaces the
    /// built-in rule with the same id (reported as an override); an id the model does not know is an
    /// error unless the rule says `new: true`. Every problem is reported, each with file:line:col.
    public static func load(
        builtIn: [RuleSourceFile] = BuiltInRules.files(under: "characteristics/"),
        packs: [RuleSourceFile] = [],
        parameterOverrides: [String: [String: Double]] = [:],
        registry: ProbeRegistry = .builtIn,
        model: CharacteristicModel = .builtIn,
        requireCompleteModel: Bool = true
    ) throws(RuleErrors) -> RuleSet {
        var errors: [RuleError] = []
        var byId: [String: Rule] = [:]
        var seenIn: [String: String] = [:]

        for file in builtIn + packs {
            let root: YAMLNode?
            do {
                root = try YAMLParser.parse(file.text, file: file.path)
            } catch {
                errors.append(error)
                continue
            }
            guard let root else {
                errors.append(RuleError(file: file.path, mark: nil, message: "the file is empty"))
                continue
            }
            let id = root["id"]?.string ?? ""
            var parser = RuleParser(file: file.path, registry: registry, parameterOverrides: parameterOverrides[id] ?? [:])
            let parsed = parser.parse(root, origin: file.origin)
            errors += parser.errors
            guard var rule = parsed else { continue }

            let isPack = file.origin != .builtIn
            if let entry = model.entry(rule.id) {
                if entry.level != rule.level || entry.dimension != rule.dimension || entry.kind != rule.kind || entry.title != rule.title {
                    errors.append(RuleError(file: file.path, mark: rule.source.mark,
                        message: "\(rule.id) disagrees with the model: it is level \(entry.level) \(entry.dimension.rawValue) \(entry.kind.rawValue) \"\(entry.title)\""))
                    continue
                }
            } else if !(isPack && root["new"]?.bool == true) {
                errors.append(RuleError(file: file.path, mark: rule.source.mark,
                    message: isPack ? "\(rule.id) overrides no known characteristic (a pack adds a new one only with 'new: true')"
                                    : "\(rule.id) is not a characteristic of the model"))
                continue
            }
            if let previous = byId[rule.id] {
                if isPack && previous.source.origin == .builtIn {
                    rule = Rule(rule, source: rule.source.overriding(previous.source.origin))
                } else {
                    errors.append(RuleError(file: file.path, mark: rule.source.mark,
                        message: "duplicate rule id \(rule.id) (also in \(seenIn[rule.id] ?? "?"))"))
                    continue
                }
            }
            byId[rule.id] = rule
            seenIn[rule.id] = file.path
        }
        for (id, overrides) in parameterOverrides where byId[id] == nil {
            errors.append(RuleError(file: "configuration", mark: nil,
                message: "thresholds for unknown rule \(id) (parameters \(overrides.keys.sorted().joined(separator: ", ")))"))
        }
        // The built-in set must cover the whole model; a pack validated on its own need not.
        if requireCompleteModel && !builtIn.isEmpty {
            for entry in model.entries where byId[entry.id] == nil {
                errors.append(RuleError(file: "characteristics/", mark: nil, message: "no rule for \(entry.id)"))
            }
        }
        guard errors.isEmpty else { throw RuleErrors(errors: errors) }
        let rules = byId.values.sorted { ($0.level, $0.dimension, $0.id) < ($1.level, $1.dimension, $1.id) }
        return RuleSet(rules: rules, digest: digest(of: builtIn + packs))
    }

    /// The digest of a rule set loaded from `files` (built-in ones first), worked out from their text
    /// without parsing them: the built-in rules are known to load, so a batch without packs digests them so.
    public static func digest(of files: [RuleSourceFile]) -> String {
        ObjectID.blobID(of: Array(files.map { $0.path + "\n" + $0.text }.joined(separator: "\u{0}").utf8)).hex
    }
}

extension Rule {
    init(_ rule: Rule, source: RuleSourceRef) {
        self.init(id: rule.id, level: rule.level, dimension: rule.dimension, kind: rule.kind, title: rule.title,
                  weight: rule.weight, isDefining: rule.isDefining, metWhen: rule.metWhen, notMetWhen: rule.notMetWhen,
                  practicedWhen: rule.practicedWhen, explanation: rule.explanation, advice: rule.advice,
                  examples: rule.examples, parameters: rule.parameters, appliesTo: rule.appliesTo, source: source)
    }
}
