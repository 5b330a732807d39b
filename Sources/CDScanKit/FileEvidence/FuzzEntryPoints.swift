import YAMLReader

/// The code a scan runs on one file, reachable from the fuzzing harnesses (`Sources/CDScanFuzz`,
/// docs/fuzzing.md) with the scan's own catalogues, caps and budget. Nothing here is used by a scan.
public enum FuzzEntryPoints {
    private static let catalogues = BuiltInRules.files(under: "catalogues/")
    private static let catalogue = PipelineCatalogue.load(catalogues).0
    /// Parsers that read text as Groovy or Kotlin rather than YAML.
    private static let textParsers: Set<String> = ["jenkinsfile", "teamcity"]
    /// The task-runner files a step such as `make test` is followed into, scripts a step such as
    /// `./run.sh` is followed into, and the repository's own action (`uses: ./`): the input stands in for
    /// each (a script or an action that runs itself included).
    private static let runnerFiles = ["Makefile", "Taskfile.yml", "justfile", "package.json", ".pre-commit-config.yaml", "run.sh", "ci/run.sh",
                                      "action.yml"]

    /// One text read as every YAML-based CI system's pipeline, then classified (each parser sees every
    /// input), with the same text as the runner files its steps may call.
    public static func yamlPipelines(_ text: String) {
        collect(text, systems: catalogue.systems.filter { !textParsers.contains($0.parser) })
    }

    /// One text read as a Jenkinsfile and as TeamCity's Kotlin settings.
    public static func groovyPipelines(_ text: String) {
        collect(text, systems: catalogue.systems.filter { textParsers.contains($0.parser) })
    }

    private static let yamlConditions = ((try? DetectorCatalogueLoader.load(catalogues))?.entries ?? []).flatMap(\.yaml)

    /// One text through the detectors' YAML reading (Helm-style templates blanked first), then every YAML
    /// condition of the detector catalogue looked for in it.
    public static func yamlDocuments(_ text: String) {
        guard case .documents(let nodes) = YAMLDocuments.parse(text, path: "fuzz.yml") else { return }
        for condition in yamlConditions { _ = YAMLDocuments.firstMatch(of: condition, in: nodes) }
    }

    private static func collect(_ text: String, systems: [PipelineCatalogue.System]) {
        var files = Dictionary(uniqueKeysWithValues: systems.map { ("fuzz/\($0.id)", text) })
        for name in runnerFiles { files[name] = text }
        let tree = SourceTree(files: files)
        let assembler = PipelineAssembler(classifier: StepClassifier(catalogue: catalogue),
                                          runners: TaskRunners(runners: catalogue.runners, tree: tree))
        var collector = PipelineCollector(tree: tree, assembler: assembler, budget: .standard)
        for system in systems { collector.add("fuzz/\(system.id)", system: system) }
        _ = PipelineEvidence(pipelines: Pipeline.followingWorkflowRuns(collector.pipelines), problems: collector.problems, notes: collector.notes,
                             files: collector.files, environmentRanks: [:], budgetNote: collector.budgetNote,
                             unparsedFiles: collector.unparsed)
    }
}
