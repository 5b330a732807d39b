import GitAccess

/// What a scan sets up from its command line before it opens the repository: the rule packs given with
/// `--rules`, their catalogues laid over the built-in ones, and the `--config` file.
struct CommandLineSetup {
    let builtInCatalogues: [RuleSourceFile]
    let packRules: [RuleSourceFile]
    let packLayers: [[RuleSourceFile]]
    let catalogues: LoadedCatalogues
    let commandLineConfig: ScanConfig?

    init(_ request: ScanRequest) throws {
        builtInCatalogues = BuiltInRules.files(under: "catalogues/")
        var packRules: [RuleSourceFile] = []
        var packLayers: [[RuleSourceFile]] = []
        do {
            for directory in request.rulePackDirectories {
                let pack = try RulePack.load(directory: directory)
                try pack.checkCatalogues()
                packRules += pack.rules
                if !pack.catalogues.isEmpty { packLayers.append(pack.catalogues) }
            }
        } catch let error as ScanSetupError {
            throw error
        } catch {
            throw ScanSetupError(description: "\(error)")
        }
        self.packRules = packRules
        self.packLayers = packLayers
        // Each pack is checked alone above; laid together they can still clash (more than 8 areas).
        catalogues = packLayers.isEmpty ? LoadedCatalogues.builtIn
            : LoadedCatalogues(CatalogueStack(layers: [builtInCatalogues] + packLayers))
        let errors = catalogues.errors
        if !errors.isEmpty {
            throw ScanSetupError(description: errors.map(\.description).joined(separator: "\n"))
        }
        commandLineConfig = try request.configFile.map { path -> ScanConfig in
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                return try ScanConfig.parse(text, file: path)
            } catch let error as RuleErrors {
                throw ScanSetupError(description: error.description)
            } catch {
                throw ScanSetupError(description: "\(path): cannot read: \(error)")
            }
        }
    }
}

/// What a scan decides from the tree it assesses before anything heavy is read: the configuration in force,
/// the repository's own rule packs, the catalogues and the rules. A configuration, pack or rule that does not
/// load throws, so the scan stops without reading files or walking the history.
struct ScanPlan: Sendable {
    let config: ScanConfig?
    let rules: RuleSet
    /// The layout the detectors see (the configuration's excludes left out).
    let scoped: RepositoryLayout
    let catalogues: LoadedCatalogues
    /// A digest of every catalogue layer in force: it names the commit rules that read messages.
    let catalogueKey: String
    /// The same layers' SHA-1 (paths and texts, each length-prefixed), for a scan with `--cache`: the
    /// file detectors' kept outcomes hold only for the very catalogues they were made with, and a
    /// repository's own packs are strangers' input, so a 64-bit hash that could be made to collide
    /// will not do.
    let catalogueDigest: ObjectID?
    let usesCache: Bool

    init(layout: RepositoryLayout, setup: CommandLineSetup, request: ScanRequest) throws(ScanSetupError) {
        var config = setup.commandLineConfig
        if config == nil, let entry = layout.tree.first(where: { $0.path == ScanConfig.fileName }),
           case .text(let text) = layout.files.read(entry) {
            do throws(RuleErrors) {
                config = try ScanConfig.parse(text, file: ScanConfig.fileName)
            } catch {
                throw ScanSetupError(description: error.description)
            }
        }
        self.config = config
        scoped = config.map { config in layout.excluding { config.excludes($0) } } ?? layout
        let repositoryPacks = (config?.rulePacks ?? []).map {
            RulePack.load(prefix: $0, tree: layout.tree, files: layout.files, config: config?.file ?? ScanConfig.fileName)
        }
        // A repository's packs are input from strangers: a catalogue that does not load stops the scan
        // as a malformed configuration does (exit 64; a failed row in a batch).
        var catalogues = setup.catalogues
        let repositoryLayers = repositoryPacks.map(\.catalogues).filter { !$0.isEmpty }
        if !repositoryLayers.isEmpty {
            for pack in repositoryPacks { try pack.checkCatalogues() }
            catalogues = LoadedCatalogues(CatalogueStack(layers: [setup.builtInCatalogues] + setup.packLayers + repositoryLayers))
            let errors = catalogues.errors
            guard errors.isEmpty else { throw ScanSetupError(description: errors.map(\.description).joined(separator: "\n")) }
        }
        self.catalogues = catalogues
        rules = try Self.rules(packs: setup.packRules + repositoryPacks.flatMap(\.rules), config: config, selection: request.selection)
        let layers = [setup.builtInCatalogues] + setup.packLayers + repositoryLayers
        catalogueKey = layers.count == 1 ? Self.builtInCatalogueKey : Self.catalogueKey(of: layers)
        usesCache = request.options.cacheDirectory != nil
        catalogueDigest = !usesCache ? nil : layers.count == 1 ? Self.builtInCatalogueDigest : Self.digest(of: layers)
    }

    private static func digest(of layers: [[RuleSourceFile]]) -> ObjectID {
        var bytes = ByteWriter()
        bytes.u32(layers.count)
        for layer in layers { bytes.strings(layer.flatMap { [$0.path, $0.text] }) }
        return ObjectID.blobID(of: bytes.bytes)
    }

    /// Names the catalogues a cached history was followed with (`ReplayTip`, the walk's annotations).
    static func catalogueKey(of layers: [[RuleSourceFile]]) -> String {
        FNV1a.hex(layers.map { layer in layer.map { $0.path + "\u{0}" + $0.text }.joined(separator: "\u{1}") })
    }

    /// The key and digest of the built-in catalogues alone, the usual case: hashed once a process, not
    /// once a scan (a batch worker scans hundreds of repositories).
    private static let builtInCatalogueKey = catalogueKey(of: [BuiltInRules.files(under: "catalogues/")])
    private static let builtInCatalogueDigest = digest(of: [BuiltInRules.files(under: "catalogues/")])

    /// The file evidence (the detectors over the tree, reading files) and the history builder that follows
    /// what they found through the walk.
    func stage() -> ScanStage {
        let files = fileEvidence()
        let builder = historyBuilder()
        builder.follow(trackedPrefixes: files.artefactPaths)
        return stage(files: files, builder: builder)
    }

    /// What the detectors find in the tree (they read files).
    func fileEvidence() -> FileEvidence {
        FileEvidence.collect(layout: scoped, catalogues: catalogues)
    }

    /// The same with `--cache`: the files whose outcomes the last scan kept are not read again.
    func fileEvidence(cache: HistoryCache?) -> (files: FileEvidence, report: OutcomeCacheReport?) {
        guard let cache else { return (fileEvidence(), nil) }
        return CachedFileEvidence.collect(self, cache: cache)
    }

    /// A history builder that does not know yet which artefacts to follow, so that it can watch the walk
    /// while the detectors are still looking for them (it is told with `follow(trackedPrefixes:)`).
    func historyBuilder() -> HistoryEvidenceBuilder {
        let builder = HistoryEvidenceBuilder(layout: scoped, catalogue: catalogues.history)
        if usesCache {
            builder.annotationKey = catalogueKey
        }
        return builder
    }

    /// The stage from the file evidence and the builder that watched the walk.
    func stage(files: FileEvidence, builder: HistoryEvidenceBuilder) -> ScanStage {
        builder.deploysOnPush = files.pipelines.deploysOnPush
        return ScanStage(config: config, files: files, builder: builder, rules: rules, catalogueKey: catalogueKey)
    }

    /// The rules in force, checked; `--checks`/`--skip` must name some of them.
    private static func rules(packs: [RuleSourceFile], config: ScanConfig?, selection: CheckSelection) throws(ScanSetupError) -> RuleSet {
        let rules: RuleSet
        do throws(RuleErrors) {
            let overrides = config?.thresholds ?? [:]
            rules = packs.isEmpty && overrides.isEmpty
                ? try Scanner.builtInRules.get()
                : try RuleSet.load(packs: packs, parameterOverrides: overrides)
        } catch {
            throw ScanSetupError(description: error.description)
        }
        let unmatched = selection.unmatched(among: rules.rules.map(\.id))
        if !unmatched.isEmpty {
            throw ScanSetupError(description: "--checks/--skip: \(unmatched.map { "'\($0)'" }.joined(separator: ", ")) matches no characteristic")
        }
        return rules
    }
}

/// What a scan builds from the tree it assesses, before its history is observed: the plan's configuration
/// and rules, the file evidence, and the history builder that watches the walk.
struct ScanStage {
    let config: ScanConfig?
    let files: FileEvidence
    let builder: HistoryEvidenceBuilder
    let rules: RuleSet
    let catalogueKey: String

    init(config: ScanConfig?, files: FileEvidence, builder: HistoryEvidenceBuilder, rules: RuleSet, catalogueKey: String) {
        self.config = config
        self.files = files
        self.builder = builder
        self.rules = rules
        self.catalogueKey = catalogueKey
    }

    /// The plan and the stage in one step, on this thread.
    init(layout: RepositoryLayout, setup: CommandLineSetup, request: ScanRequest) throws(ScanSetupError) {
        self = try ScanPlan(layout: layout, setup: setup, request: request).stage()
    }
}
