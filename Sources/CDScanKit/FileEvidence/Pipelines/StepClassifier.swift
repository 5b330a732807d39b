/// Says what a step, a job name or an environment name means, from the catalogue's words.
struct StepClassifier: Sendable {
    let catalogue: PipelineCatalogue
    private let index: CommandMatchIndex
    /// The catalogue's tool marks, worked out once rather than for every job.
    let toolMarks: [PipelineCatalogue.ToolMark: Set<String>]

    init(catalogue: PipelineCatalogue) {
        self.init(catalogue: catalogue, indexes: PipelineIndexes(catalogue))
    }

    init(catalogue: PipelineCatalogue, indexes: PipelineIndexes) {
        self.catalogue = catalogue
        index = indexes.commands
        toolMarks = indexes.toolMarks
    }

    /// The catalogue commands whose match texts occur in `text` at word edges.
    func commands(in text: String) -> [PipelineCatalogue.Command] {
        commands(inLowercased: text.lowercased())
    }

    private func commands(inLowercased text: String) -> [PipelineCatalogue.Command] {
        index.commands(in: Array(text.utf8)).map { catalogue.commands[$0] }
    }

    func step(_ text: String, line: Int) -> PipelineStep {
        let found = commands(inLowercased: Self.withoutPrintedText(text.lowercased()))
        return PipelineStep(text: text, line: line,
                            kinds: Array(Set(found.flatMap(\.kinds))).sorted(),
                            tools: Array(Set(found.map(\.tool))).sorted())
    }

    /// Names of places that read like kinds of work, and one word for each ("PyPI" splits at its hump).
    static let namesThatAreNotWork: [(phrase: String, name: String)] = [("-test-pypi-", "-testpypi-"), ("-test-py-pi-", "-testpypi-")]

    /// The words that print their arguments rather than run them.
    static let printingCommands: Set<String> = ["echo", "printf", "write-host", "write-output"]

    /// Lower-cased `text` without the commands that only print (`echo "NPM version: $(npm -v)"` runs no
    /// `npm version`): what they print names tools without running them. Text without these words is
    /// returned as it is.
    static func withoutPrintedText(_ lowered: String) -> String {
        guard printingCommands.contains(where: { lowered.contains($0) }) else { return lowered }
        return TaskRunners.commands(in: lowered).filter { command in
            !printingCommands.contains(String(command.prefix { $0 != " " && $0 != "\t" }))
        }.joined(separator: "\n")
    }

    /// Words that undo work or tend what others made: a job that cleans up, deletes or stops what others
    /// deployed (`cleanup-deployment-ids`, `delete-unused-test-client`, `stop_review`), backs up or
    /// restores data (`backup-db`) or pushes a README to a registry's page (`PushDockerHubReadme`) does
    /// none of the work its other words name.
    static let undoingWords: Set<String> = ["cleanup", "delete", "remove", "destroy", "teardown", "prune", "purge", "undeploy", "stop",
                                            "backup", "backups", "restore", "readme"]

    /// Words after a deployment's word that name where it goes (`deploy-test-client`, "Deploy to testing"),
    /// not tests that it runs; "and" or "then" between them keep the tests (`deploy-and-test`).
    static let environmentLikeTestWords: Set<String> = ["test", "testing"]

    /// What a job publishes when it is not the software: reports about the work (contracts for a Pact
    /// broker, test results, coverage, scan results).
    static let reportWords: Set<String> = ["pact", "pacts", "result", "results", "report", "reports", "coverage", "sarif", "logs", "screenshots"]

    /// Whether a name says the job undoes work (`delete-review-app`, "Tear down preview").
    static func undoesWork(_ name: String) -> Bool {
        undoesWork(words: words(name))
    }

    private static func undoesWork(words: [String]) -> Bool {
        words.contains(where: undoingWords.contains) || ByteSearch.contains("-" + words.joined(separator: "-") + "-", "-tear-down-")
    }

    /// Kinds a job's or stage's name suggests (`unit-tests` → test, `deploy prod` → deploy).
    func kinds(ofName name: String) -> Set<JobKind> {
        let all = Self.words(name)
        if Self.undoesWork(words: all) { return [] }
        let words = withoutReportPublishing(all)
        var kinds = kinds(ofWords: words)
        if kinds.contains(.deploy), kinds.contains(.test), deploysToTest(words) { kinds.remove(.test) }
        return kinds
    }

    /// `words` without a publishing word whose object is a report (`publish-pacts`, "Upload test results",
    /// `publish coverage report`): the job shares what the work found, it does not publish the software.
    private func withoutReportPublishing(_ words: [String]) -> [String] {
        let publishWords = Set(catalogue.jobNames[.publish] ?? [])
        var kept: [String] = []
        for (index, word) in words.enumerated() {
            if publishWords.contains(word) {
                let object = words.dropFirst(index + 1).drop { $0 == "test" || $0 == "the" || $0 == "to" }.first
                if let object, Self.reportWords.contains(object) { continue }
            }
            kept.append(word)
        }
        return kept
    }

    /// Whether every test word of `words` follows a deployment's word directly or through "to" (and no
    /// test word comes before it): the name says where the deployment goes.
    private func deploysToTest(_ words: [String]) -> Bool {
        let deployWords = Set(catalogue.jobNames[.deploy] ?? [])
        let testWords = Set(catalogue.jobNames[.test] ?? [])
        guard let deployAt = words.firstIndex(where: deployWords.contains) else { return false }
        for (index, word) in words.enumerated() where testWords.contains(word) {
            guard index > deployAt, Self.environmentLikeTestWords.contains(word) else { return false }
            let between = words[(deployAt + 1)..<index]
            guard between.allSatisfy({ $0 == "to" || $0 == "the" || $0 == "on" }) else { return false }
        }
        return true
    }

    private func kinds(ofWords words: [String]) -> Set<JobKind> {
        // Words joined by dashes, so that entries of several words (`static-analysis`) match too.
        var joined = "-" + words.joined(separator: "-") + "-"
        // A registry named like a kind of work: "Publish to Test PyPI" publishes, it does not test.
        for (phrase, name) in Self.namesThatAreNotWork where ByteSearch.contains(joined, phrase) {
            joined = joined.replacingOccurrences(of: phrase, with: name)
        }
        var kinds: Set<JobKind> = []
        for (kind, names) in catalogue.jobNames where names.contains(where: { ByteSearch.contains(joined, "-" + $0 + "-") }) {
            kinds.insert(kind)
        }
        return kinds
    }

    /// The catalogue's name for an environment name: whole first, then adjacent word pairs, then words.
    func normalisedEnvironment(_ raw: String) -> String? {
        let lowered = raw.lowercased()
        if let whole = environment(alias: lowered) { return whole.name }
        let words = Self.words(raw)
        for (first, second) in zip(words, words.dropFirst()) {
            if let found = environment(alias: first + "-" + second) ?? environment(alias: first + second) { return found.name }
        }
        for word in words {
            if let found = environment(alias: word) { return found.name }
        }
        return nil
    }

    func rank(ofEnvironment name: String) -> Int? {
        catalogue.environments.first { $0.name == name }?.rank
    }

    private func environment(alias: String) -> PipelineCatalogue.Environment? {
        catalogue.environments.first { $0.name == alias || $0.aliases.contains(alias) }
    }

    /// Lower-case words of a name, split at anything but letters and digits (and at camel-case humps).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase, previousLower, !current.isEmpty {
                    words.append(current.lowercased())
                    current = ""
                }
                current.append(character)
                previousLower = character.isLowercase
            } else {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// Whether `needle` occurs in `haystack` with no letter or digit just before or just after it.
    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let last = haystack.count - needle.count
        var start = 0
        while start <= last {
            if haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) {
                let before = start == 0 || !isWordByte(haystack[start - 1]) || !isWordByte(needle[0])
                let end = start + needle.count
                let after = end == haystack.count || !isWordByte(haystack[end]) || !isWordByte(needle[needle.count - 1])
                if before && after { return true }
            }
            start += 1
        }
        return false
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
    }
}
