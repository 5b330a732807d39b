import Foundation
import GitAccess

/// What a scan is asked to do.
public struct ScanRequest: Sendable {
    public var path: String
    public var options: ScanOptions
    /// Rule pack directories from the command line (`--rules`).
    public var rulePackDirectories: [String]
    /// A configuration file from the command line (`--config`); nil means the repository's own `.cdscan.yml`.
    public var configFile: String?
    /// Whether declared answers count (`--no-declared` turns them off for an evidence-only view).
    public var useDeclared: Bool
    /// The characteristics this run judges (`--checks`, `--skip`).
    public var selection: CheckSelection
    /// Days without a commit before the as-of that make a repository dormant (`--dormant-after`).
    public var dormantAfterDays: Int

    public init(path: String, options: ScanOptions = ScanOptions(), rulePackDirectories: [String] = [],
                configFile: String? = nil, useDeclared: Bool = true, selection: CheckSelection = .all,
                dormantAfterDays: Int = Dormancy.defaultThresholdDays) {
        self.path = path
        self.options = options
        self.rulePackDirectories = rulePackDirectories
        self.configFile = configFile
        self.useDeclared = useDeclared
        self.selection = selection
        self.dormantAfterDays = dormantAfterDays
    }
}

/// Everything one scan produced.
public struct ScanResult: Sendable {
    public private(set) var evidence: Evidence
    public let findings: [Finding]
    public let rules: RuleSet
    public let assessment: Assessment
    public let config: ScanConfig?
    /// The work tree against HEAD, limited to the paths the detectors would read (not excluded by the
    /// configuration); nil when the work tree was not compared.
    public let workTree: WorkTreeState?
    /// Whether the repository has gone quiet (judged only against an explicit as-of).
    public let dormancy: Dormancy
}

/// Why a scan's configuration or rules could not be used (exit code 64, unlike a repository that could
/// not be read).
public struct ScanSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// One scan, end to end, in a straight line: the command line's setup; the repository opened (HEAD, refs,
/// tree); the configuration and rules (a bad rule stops the scan here, before any file or history is read);
/// the file evidence, beside the start of the single history walk that the history builder then watches;
/// the probes, the rules, the best fit.
public enum Scanner {
    /// The built-in rules, parsed once per process: a batch worker scans many repositories.
    static let builtInRules = Result { () throws(RuleErrors) in try RuleSet.load() }

    /// Starts parsing the built-in catalogues and rules on threads of their own and returns at once: a
    /// worker parses them while it waits for its first job. A scan then finds them made, or waits for
    /// them (each is a once-only initialiser).
    public static func prepareBuiltInsInBackground() {
        for prepare in [{ _ = LoadedCatalogues.builtIn }, { _ = builtInRules }] as [@Sendable () -> Void] {
            let thread = Thread(block: prepare)
            thread.stackSize = 8 << 20  // the YAML reader may recurse as deep as on the main thread
            thread.start()
        }
    }

    /// Set once this process has made the built-in catalogues and rules (a batch worker's scans after its
    /// first): then there is nothing left to read beside the opening unless packs or a configuration are named.
    private static let builtInsMade = RaisedFlag()

    public static func scan(_ request: ScanRequest) throws -> ScanResult {
        // The command line's packs and configuration (the built-in catalogues parsed, the first time in a
        // process) are read while the repository is opened, and the built-in rules parsed beside them:
        // none needs the others. A setup that fails is still the error reported, whatever the repository.
        let made = builtInsMade.isRaised
        let setupIsMade = made && request.rulePackDirectories.isEmpty && request.configFile == nil
        let readingSetup = setupIsMade ? nil : BackgroundValue { Result { try CommandLineSetup(request) } }
        let readingRules = made ? nil : BackgroundValue { builtInRules }
        let opening = Result { () throws(ScanError) in try SnapshotReader.open(path: request.path, options: request.options) }
        let setup = try (readingSetup?.value ?? Result { try CommandLineSetup(request) }).get()
        let opened = try opening.get()
        _ = readingRules?.value
        builtInsMade.raise()
        let plan = try ScanPlan(layout: opened.layout, setup: setup, request: request)
        opened.openingCache?.keep()
        // The file detectors read the tree on a second thread while the history walk begins; the history
        // builder watches the walk from its first commit and is told which artefacts to follow once the
        // detectors have found them.
        let builder = plan.historyBuilder()
        let cache = opened.historyCache
        let collected = BackgroundValue { plan.fileEvidence(cache: cache) }
        let prefixes: @Sendable (FileEvidence) -> [String] = { files in HistoryEvidenceBuilder.trackedPrefixes(following: files.artefactPaths) }
        let artefacts = PendingPrefixes(ready: { collected.valueIfReady.map { prefixes($0.files) } },
                                        wait: { prefixes(collected.value.files) })
        // A history replayed from the cache reads the tree for the kind inference while it waits for the
        // detectors' artefacts; a walk reads it after. Its reads are no part of the snapshot's unreadable files.
        var project: ProjectTree?
        var projectRead = false
        let readProject = {
            project = projectTree(opened.layout, config: plan.config, request: request, keepingDamage: false)
            projectRead = true
        }
        var (snapshot, tipWrite) = try CachedHistoryScan.walk(opened, builder: builder, catalogueKey: plan.catalogueKey,
                                                              trackedPrefixes: artefacts, whileWaiting: readProject)
        if !projectRead { readProject() }
        snapshot.historyCache?.outcomes = collected.value.report
        let stage = plan.stage(files: collected.value.files, builder: builder)
        let result = finish(snapshot, project: project, stage: stage, request: request)
        guard let tipWrite else { return result }
        // The cache's tip was written beside the history figures and the rules.
        tipWrite.settle(&snapshot.historyCache)
        return result.with(snapshot: snapshot)
    }

    /// What the kind inference reads of the tree (the configuration's excludes left out), while the
    /// repository is open; nil when the configuration names the kinds. `paths`: what it made of the paths
    /// of earlier trees of the run (a history's points). `keepingDamage`: whether a damaged file it reads
    /// counts among the snapshot's unreadable files (`RepositoryFiles.read`).
    static func projectTree(_ layout: RepositoryLayout, config: ScanConfig?, request: ScanRequest, paths: ProjectPaths? = nil,
                            keepingDamage: Bool = true) -> ProjectTree? {
        if request.useDeclared, config?.kinds != nil { return nil }
        let tree = config.map { config in layout.tree.filter { !config.excludes($0.path) } } ?? layout.tree
        return ProjectTree(tree: tree, paths: paths) { entry in
            guard (entry.size ?? 0) <= 256 << 10, case .text(let text) = layout.files.read(entry, keepingDamage: keepingDamage) else {
                return nil
            }
            return text
        }
    }

    /// Judges a snapshot whose history `stage.builder` watched: evidence, probes, rules, the assessment.
    /// Everything here is a plain value: the repository is no longer read.
    static func finish(_ snapshot: RepositorySnapshot, project: ProjectTree?, stage: ScanStage, request: ScanRequest) -> ScanResult {
        let evidence = Evidence(snapshot: snapshot, files: stage.files, history: stage.builder.finish(snapshot: snapshot))
        let findings = UnreadableTree.qualify(
            ProbeRunner.run(PipelineProbes.all + FileProbes.all + HistoryProbes.all, on: evidence),
            unreadable: snapshot.unreadableParts)
        let declared = request.useDeclared ? (stage.config?.declared ?? [:]) : [:]
        let assessment = Assessment(rules: stage.rules, findings: findings, declared: declared,
                                    tailoring: tailoring(stage.config, project: project, evidence: evidence, findings: findings,
                                                         request: request))
        let workTree = snapshot.workTree.map { state in
            stage.config.map { config in state.relevant(excluding: config.excludes) } ?? state
        }
        return ScanResult(evidence: evidence, findings: findings, rules: stage.rules, assessment: assessment, config: stage.config,
                          workTree: workTree, dormancy: Dormancy(snapshot, thresholdDays: request.dormantAfterDays))
    }

    /// The kind of project (configured, or inferred from the tree the detectors saw) and the team's own
    /// not-applicable and suppressed entries. `--no-declared` leaves out everything the team says.
    static func tailoring(_ config: ScanConfig?, project: ProjectTree?, evidence: Evidence, findings: [Finding],
                          request: ScanRequest) -> Tailoring {
        let snapshot = evidence.snapshot
        let profile: ProjectProfile
        if request.useDeclared, let kinds = config?.kinds {
            profile = ProjectProfile(kinds: kinds, isMonorepo: kinds.count > 1, source: .configured,
                                     evidence: ["set with kind: in \(config?.file ?? ScanConfig.fileName)"])
        } else {
            profile = ProjectKindInference.infer(project ?? ProjectTree(), detections: evidence.files.detections.detections,
                                                 findings: findings)
        }
        guard request.useDeclared, let config else {
            return Tailoring(profile: profile, selection: request.selection, asOf: snapshot.asOf)
        }
        return Tailoring(profile: profile, notApplicable: config.notApplicable, suppressions: config.suppressions,
                         selection: request.selection, configFile: config.file, asOf: snapshot.asOf)
    }
}

extension ScanResult {
    /// The same result with another snapshot (what the history cache did, settled after the assessment).
    func with(snapshot: RepositorySnapshot) -> ScanResult {
        var result = self
        result.evidence = Evidence(snapshot: snapshot, files: evidence.files, history: evidence.history)
        return result
    }
}
