import GitAccess
import YAMLReader

/// A file of the tree as the scanner sees it: a path and a size. Reading goes through a closure, so the
/// scanner runs the same on the object database and on a catalogue's own examples.
struct CandidateFile: Sendable {
    let path: String
    let size: Int
    /// The blob's id when known: paths naming the same blob are read and matched once.
    var blob: ObjectID? = nil
}

/// What one blob gave, kept for every further path that names it: its read, and the work done on its text.
private final class BlobWork {
    /// Nil while the blob's outcomes came from earlier trees and no path needed its text yet.
    var read: FileRead?
    var lowercased: String?
    var documents: YAMLDocuments.Parsed?
    /// First matching line of each entry's `contains` patterns, by entry id (nil inside: no match).
    var containsLine: [String: Int?] = [:]
    /// The steps each search in `containsLine` took, when it ran to its end (one that gave up has none).
    var containsSteps: [String: Int] = [:]

    init(read: FileRead?) { self.read = read }
}

/// The catalogue-driven matching engine. A file is read only when a cheap path test says it may matter
/// (an entry with content conditions or an extractor, or a dependency manifest), at most once, and only
/// while the read budget lasts.
struct DetectionScanner {
    let catalogue: DetectorCatalogue
    /// What paths and blobs gave in earlier trees of the same run (the points of a history), kept with
    /// this catalogue; nil in a scan of one tree.
    var outcomes: FileOutcomes? = nil
    /// The targets of the task-runner files the run has read, by blob (the pipelines read them too).
    var recipes: RecipeMemo? = nil

    struct Result: Sendable {
        var detections: [Detection] = []
        var problems: [DetectionProblem] = []
        var notes: [String] = []
        var tests = TestInventory()
        var codeowners: [CodeownersFile] = []
        var badges: [StatusBadge] = []
        var buildTargets: [String] = []
        var images: [ImageReference] = []
        /// Files CODEOWNERS should cover as pipelines (`codeowners-pipeline-paths`), ignored or not, sorted.
        var codeownersPipelineFiles: [String] = []
        var filesRead = 0
        var bytesRead = 0
        /// Steps left for content patterns in this scan: a bound on the work of packs' patterns, which
        /// run in linear time but may be large and meet many files. Far above what the built-in ones use.
        var patternSteps = DetectionScanner.patternStepBudget
        /// Where the pattern budget ran out (file and entry), for one note.
        var patternBudgetSpentAt: String?
    }

    static let patternStepBudget = 100_000_000
    /// Probes about what the software does as it runs (instruments itself, answers health checks, reads
    /// feature flags): a dependency declared for development only (its tests', its examples') is not
    /// evidence of them.
    static let runtimeFeeds: Set<String> = ["hasInstrumentation", "hasHealthChecks", "hasFeatureFlags"]

    func scan(_ files: [CandidateFile], read: (CandidateFile) -> FileRead) -> Result {
        var result = Result()
        var pending: [(file: CandidateFile, entries: [(CatalogueEntry, PathGlob)], ecosystem: DependencyEcosystem?)] = []
        let entries = catalogue.entries
        let memo = catalogue.pathVerdicts
        var indexes: CandidateIndexes?
        var dependencyEcosystems: Set<DependencyEcosystem>?
        // A tree's listing is usually in path order already: checking costs far less than sorting.
        let ordered = zip(files, files.dropFirst()).allSatisfy { $0.path < $1.path } ? files : files.sorted(by: { $0.path < $1.path })
        for file in ordered {
            let verdict = memo.verdict(of: file.path) {
                let found = indexes ?? CandidateIndexes(entries: CandidateEntries(entries),
                                                        conventions: TestInventory.candidateIndex(of: catalogue.testConventions),
                                                        codeownersPipelines: CandidateEntries(globs: [catalogue.codeownersPipelinePaths]))
                indexes = found
                let ecosystems = dependencyEcosystems ?? Set(entries.flatMap { $0.dependencies.keys })
                dependencyEcosystems = ecosystems
                return pathVerdict(file.path, candidates: found, dependencyEcosystems: ecosystems)
            }
            if verdict.coveredAsPipeline { result.codeownersPipelineFiles.append(file.path) }
            guard !verdict.isIgnored else { continue }
            result.tests.add(path: file.path, verdict.testRole)
            var needsReading: [(CatalogueEntry, PathGlob)] = []
            for (index, glob) in verdict.entries {
                let entry = entries[index]
                if entry.needsContent || entry.extract != nil {
                    needsReading.append((entry, glob))
                } else {
                    result.detections.append(detection(entry, glob, file.path, line: nil))
                }
            }
            if !needsReading.isEmpty || verdict.ecosystem != nil {
                pending.append((file, needsReading, verdict.ecosystem))
            }
        }

        var skipped = 0
        var blobs: [ObjectID: BlobWork] = [:]
        for (file, entries, ecosystem) in pending {
            // A blob already read costs no budget: the budget bounds reading and matching, done once per blob.
            let known = file.blob.flatMap { blobs[$0] }
            if known == nil {
                guard result.filesRead < catalogue.readBudget.files,
                      result.bytesRead + file.size <= catalogue.readBudget.bytes else {
                    skipped += 1
                    continue
                }
            }
            if let outcomes, let blob = file.blob, let outcome = outcomes.outcome(of: file.path, blob: blob),
               take(outcome, blob: blob, of: file, known: known, blobs: &blobs, into: &result) {
                continue
            }
            let work = known ?? BlobWork(read: read(file))
            if known == nil, let blob = file.blob { blobs[blob] = work }
            let fileRead = work.read ?? read(file)
            work.read = fileRead
            let before = ResultCounts(result)
            switch fileRead {
            case .text(let text):
                if known == nil {
                    result.filesRead += 1
                    result.bytesRead += file.size
                }
                inspect(text, of: file, entries: entries, ecosystem: ecosystem, work: work, into: &result)
                remember(.text, of: file, entries: entries, work: work, since: before, in: result)
            case .binary(let size):
                result.notes.append("\(file.path): skipped, binary (\(size) bytes)")
                remember(.skipped, of: file, entries: entries, work: work, since: before, in: result)
            case .tooLarge(let size, let cap):
                result.notes.append("\(file.path): skipped, \(size) bytes is over the \(cap)-byte cap")
                remember(.skipped, of: file, entries: entries, work: work, since: before, in: result)
            case .notAFile:
                continue
            case .unreadable(let reason):
                result.notes.append("\(file.path): skipped, unreadable (\(reason))")
            }
        }
        if skipped > 0 {
            result.notes.append("read budget reached (\(catalogue.readBudget.files) files, \(catalogue.readBudget.bytes) bytes): \(skipped) candidate files not read")
        }
        if let spentAt = result.patternBudgetSpentAt {
            result.notes.append("content patterns stopped at \(spentAt): the scan's budget of \(Self.patternStepBudget) pattern steps ran out; files after it were not searched by pattern")
        }
        // Appended in a few runs of path order: sorting them is cheap, and equal detections end up side by
        // side (the order compares what tells detections apart), so they go as a set would drop them.
        result.detections.sort()
        result.detections = result.detections.indices.compactMap { index in
            index > 0 && result.detections[index - 1] == result.detections[index] ? nil : result.detections[index]
        }
        result.problems.sort()
        result.notes.sort()
        result.badges.sort()
        result.images.sort()
        result.buildTargets = Array(Set(result.buildTargets)).sorted()
        result.codeownersPipelineFiles.sort()
        return result
    }

    /// Which entries, test conventions and CODEOWNERS pipeline globs a path's names leave possible.
    private struct CandidateIndexes {
        let entries: CandidateEntries
        let conventions: CandidateEntries
        let codeownersPipelines: CandidateEntries
    }

    /// What the catalogue's path tests say of `path` (ignored, a test or source file, the entries whose
    /// globs accept it, a dependency manifest): a function of the path alone.
    private func pathVerdict(_ path: String, candidates: CandidateIndexes,
                             dependencyEcosystems: Set<DependencyEcosystem>) -> PathVerdict {
        let globPath = GlobPath(path)
        // Only paths whose names the globs leave possible are matched.
        let coveredAsPipeline = !candidates.codeownersPipelines.candidates(for: globPath).isEmpty
            && catalogue.codeownersPipelinePaths.contains { $0.matches(globPath) }
        if catalogue.ignoredPaths.contains(where: { $0.matches(globPath) }) {
            return PathVerdict(isIgnored: true, testRole: nil, entries: [], ecosystem: nil, coveredAsPipeline: coveredAsPipeline)
        }
        var accepted: [(Int, PathGlob)] = []
        for index in candidates.entries.candidates(for: globPath) {
            if let glob = catalogue.entries[index].acceptingGlob(globPath) { accepted.append((index, glob)) }
        }
        let ecosystem = DependencyEcosystem.of(manifest: path).flatMap { dependencyEcosystems.contains($0) ? $0 : nil }
        return PathVerdict(isIgnored: false, testRole: TestInventory.role(globPath, conventions: catalogue.testConventions,
                                                                          candidates: candidates.conventions.candidates(for: globPath)),
                           entries: accepted, ecosystem: ecosystem, coveredAsPipeline: coveredAsPipeline)
    }

    private func inspect(_ text: String, of file: CandidateFile, entries: [(CatalogueEntry, PathGlob)],
                         ecosystem: DependencyEcosystem?, work: BlobWork, into result: inout Result) {
        var malformedFor: [String] = []
        var readAsYAML = false
        for (entry, glob) in entries {
            var line: Int?
            var matched = !entry.needsContent
            if !entry.contains.isEmpty {
                if let known = work.containsLine[entry.id] {
                    line = known
                } else if let blob = file.blob, let known = catalogue.contentMatches.search(of: entry.id, in: blob),
                          known.steps <= result.patternSteps {
                    line = known.line
                    result.patternSteps -= known.steps
                    work.containsLine[entry.id] = line
                    work.containsSteps[entry.id] = known.steps
                } else {
                    // Once per blob and entry, however many paths share the blob; within the scan's step budget.
                    let budgetBefore = result.patternSteps
                    var gaveUp = false
                    for pattern in entry.contains {
                        switch pattern.firstMatch(in: text, budget: &result.patternSteps) {
                        case .line(let found): line = min(line ?? found, found)
                        case .noMatch: break
                        case .gaveUp:
                            gaveUp = true
                            result.patternBudgetSpentAt = result.patternBudgetSpentAt ?? "\(file.path) (entry \(entry.id))"
                        }
                    }
                    work.containsLine[entry.id] = line
                    if !gaveUp {
                        work.containsSteps[entry.id] = budgetBefore - result.patternSteps
                        if let blob = file.blob {
                            catalogue.contentMatches.remember(.init(line: line, steps: budgetBefore - result.patternSteps), of: entry.id, in: blob)
                        }
                    }
                }
                matched = line != nil
            }
            if !matched, !entry.yaml.isEmpty {
                if work.lowercased == nil { work.lowercased = text.lowercased() }
                guard let lowercased = work.lowercased, entry.yaml.contains(where: { $0.mightHold(inLowercased: lowercased) }) else { continue }
                if work.documents == nil { work.documents = YAMLDocuments.parse(text, path: file.path) }
                readAsYAML = true
                switch work.documents {
                case .documents(let nodes)?:
                    line = entry.yaml.lazy.compactMap { YAMLDocuments.firstMatch(of: $0, in: nodes) }.first
                    matched = line != nil
                case .malformed?:
                    malformedFor += entry.feeds
                default:
                    break
                }
            }
            guard matched else { continue }
            result.detections.append(detection(entry, glob, file.path, line: line))
            if let extractor = entry.extract { extract(extractor, text, file, into: &result) }
        }
        if readAsYAML, case .malformed(let error)? = work.documents {
            result.problems.append(DetectionProblem(
                path: file.path, line: error.mark?.line, column: error.mark?.column,
                message: "not valid YAML: \(error.message)", feeds: Array(Set(malformedFor)).sorted()))
        }
        if let ecosystem {
            let declared = DependencyManifest.dependencies(in: text, ecosystem: ecosystem, path: file.path)
            for entry in catalogue.entries {
                guard let patterns = entry.dependencies[ecosystem] else { continue }
                let runtimeOnly = !Self.runtimeFeeds.isDisjoint(with: entry.feeds)
                for dependency in declared where !(runtimeOnly && dependency.development)
                    && patterns.contains(where: { $0.matches(dependency.name) }) {
                    result.detections.append(Detection(
                        entry: entry.id, tool: entry.tool, kind: entry.kind, feeds: entry.feeds, path: file.path,
                        line: dependency.line, artefact: file.path, ecosystem: ecosystem, dependency: dependency.name))
                }
            }
        }
    }

    /// How long the result's lists were before a file was looked at: what the file added follows.
    private struct ResultCounts {
        let detections, problems, notes, codeowners, badges, buildTargets, images: Int

        init(_ result: Result) {
            detections = result.detections.count
            problems = result.problems.count
            notes = result.notes.count
            codeowners = result.codeowners.count
            badges = result.badges.count
            buildTargets = result.buildTargets.count
            images = result.images.count
        }
    }

    /// Keeps what a file just added to `result`, for the next tree of the run that holds the same blob at
    /// the same path; not when a search of the file gave up (the budget ran out) or the blob is unknown.
    private func remember(_ read: FileOutcome.Read, of file: CandidateFile, entries: [(CatalogueEntry, PathGlob)],
                          work: BlobWork, since before: ResultCounts, in result: Result) {
        guard let outcomes, let blob = file.blob else { return }
        var searches: [String: ContentMatches.Search] = [:]
        if case .text = read {
            for (entry, _) in entries where !entry.contains.isEmpty {
                guard let line = work.containsLine[entry.id], let steps = work.containsSteps[entry.id] else { return }
                searches[entry.id] = ContentMatches.Search(line: line, steps: steps)
            }
        }
        outcomes.remember(FileOutcome(
            read: read, searches: searches,
            detections: Array(result.detections[before.detections...]), problems: Array(result.problems[before.problems...]),
            notes: Array(result.notes[before.notes...]), codeowners: Array(result.codeowners[before.codeowners...]),
            badges: Array(result.badges[before.badges...]), buildTargets: Array(result.buildTargets[before.buildTargets...]),
            images: Array(result.images[before.images...])), of: file.path, blob: blob)
    }

    /// Adds a file's outcome from an earlier tree as reading and inspecting it would: the read and
    /// pattern budgets charged the same (searches this blob already had in this scan cost nothing
    /// again), the same results added. False, changing nothing, when the pattern budget left cannot pay
    /// for its searches: the file is then read and searched, to spend the budget the same way.
    private func take(_ outcome: FileOutcome, blob: ObjectID, of file: CandidateFile, known: BlobWork?,
                      blobs: inout [ObjectID: BlobWork], into result: inout Result) -> Bool {
        let fresh = outcome.searches.filter { known?.containsLine[$0.key] == nil }
        let steps = fresh.values.reduce(0) { $0 + $1.steps }
        guard steps <= result.patternSteps else { return false }
        result.patternSteps -= steps
        let work = known ?? BlobWork(read: nil)
        if known == nil {
            blobs[blob] = work
            if case .text = outcome.read {
                result.filesRead += 1
                result.bytesRead += file.size
            }
        }
        for (entry, search) in fresh {
            work.containsLine[entry] = search.line
            work.containsSteps[entry] = search.steps
        }
        result.detections += outcome.detections
        result.problems += outcome.problems
        result.notes += outcome.notes
        result.codeowners += outcome.codeowners
        result.badges += outcome.badges
        result.buildTargets += outcome.buildTargets
        result.images += outcome.images
        return true
    }

    private func extract(_ extractor: DetectionExtractor, _ text: String, _ file: CandidateFile, into result: inout Result) {
        let path = file.path
        switch extractor {
        case .codeowners:
            result.codeowners.append(CodeownersFile(path: path, text: text))
        case .readmeBadges:
            result.badges += StatusBadges.badges(in: text, path: path, hosts: catalogue.badgeHosts)
        case .makeTargets: result.buildTargets += targetNames(text, format: .makefile, file)
        case .justRecipes: result.buildTargets += targetNames(text, format: .justfile, file)
        case .taskfileTasks: result.buildTargets += targetNames(text, format: .taskfile, file)
        case .npmScripts: result.buildTargets += targetNames(text, format: .npmScripts, file)
        case .imageReferences:
            result.images += ImageReferences.references(in: text, path: path)
        }
    }

    /// A task-runner file's target names, each once, sorted (`TaskRunnerRecipes.names`), read once per
    /// blob in a run.
    private func targetNames(_ text: String, format: TaskRunnerFormat, _ file: CandidateFile) -> [String] {
        let targets = file.blob.flatMap { blob in recipes?.targets(of: blob, format: format, file: file.path) { text } }
        return TaskRunnerRecipes.names(of: targets ?? TaskRunnerRecipes.read(text, format: format, file: file.path))
    }

    private func detection(_ entry: CatalogueEntry, _ glob: PathGlob, _ path: String, line: Int?) -> Detection {
        var artefact = path
        switch entry.root {
        case .file: break
        case .directory:
            if let slash = path.lastIndex(of: "/") { artefact = String(path[...slash]) }
        case .base:
            // The glob's literal folder as the tree spells it (globs match case-insensitively).
            if let base = glob.base, path.lowercased().hasPrefix(base.lowercased()) { artefact = String(path.prefix(base.count)) }
        }
        return Detection(entry: entry.id, tool: entry.tool, kind: entry.kind, feeds: entry.feeds, path: path,
                         line: line, artefact: artefact, ecosystem: nil, dependency: nil)
    }
}
