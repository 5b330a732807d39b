import GitAccess

/// A past commit of a repository to assess, and the moment its time windows end.
public struct PastPoint: Sendable, Hashable, Codable {
    public let commit: String
    public let asOf: Int64

    public init(commit: String, asOf: Int64) {
        self.commit = commit
        self.asOf = asOf
    }
}

/// Scans many commits of one repository (the points of `cdscan history`) with one history walk. Each
/// point's tree is read once and its detectors run as in a scan; the history is walked once from the
/// newest point into a `HistoryGraph`; each point's walk is then replayed from the graph in the order and
/// with the changed-path budget a scan of that commit has (each commit diffed once for all points), so
/// every point's report is the one `scan --revision COMMIT --as-of TIME` writes.
///
/// A point whose own rule packs change what commit messages mean is scanned on its own.
public enum PointsScanner {
    /// Calls `each` with every point's index and result, oldest index first. Throws `ScanSetupError` when
    /// the command line's rules or configuration cannot be used, `ScanError` when the repository cannot be
    /// opened; a point that cannot be scanned is a failed result, the others go on.
    public static func scan(_ request: ScanRequest, points: [PastPoint],
                            each: (Int, Result<ScanResult, any Error>) -> Void) throws {
        guard !points.isEmpty else { return }
        let setup = try CommandLineSetup(request)
        let repository = try SnapshotReader.repository(at: request.path)
        let requests = points.map { point -> ScanRequest in
            var pointRequest = request
            pointRequest.options.revision = point.commit
            pointRequest.options.asOf = point.asOf
            return pointRequest
        }
        // Each point's tree, configuration, rules and detectors; what they follow through the history. A
        // point whose configuration or rules do not load fails here, before the walk.
        var prepared: [(opened: OpenedSnapshot, stage: ScanStage)?] = []
        var failures: [Int: any Error] = [:]
        // The refs are the repository's, the same for every point: read once.
        let references = try? repository.references()
        // Neighbouring points share almost all their files: what the detectors and the kind inference made
        // of one is kept.
        let memo = FileEvidenceMemo()
        let projectPaths = ProjectPaths()
        // So are most of their trees: each point's listing reads only the trees and blob sizes new to it.
        var knownTrees = KnownTrees()
        for (index, pointRequest) in requests.enumerated() {
            do {
                if knownTrees.count > Self.knownTreesLimit { knownTrees = KnownTrees() }
                let opened = try SnapshotReader.open(repository, requestedPath: request.path, options: pointRequest.options,
                                                     references: references, knownTrees: knownTrees)
                let plan = try ScanPlan(layout: opened.layout, setup: setup, request: pointRequest)
                prepared.append((opened, plan.stage(reusing: memo)))
            } catch {
                prepared.append(nil)
                failures[index] = error
            }
        }
        let replayed = replayable(prepared)
        var graph: ReplaySource?
        if let key = replayed.key, let template = replayed.builder {
            graph = try? readGraph(repository, prepared: prepared, replayed: replayed.indexes, key: key, template: template,
                                   request: request)
        }
        for index in points.indices {
            if let error = failures[index] {
                each(index, .failure(error))
                continue
            }
            guard let graph, replayed.indexes.contains(index), let (opened, stage) = prepared[index] else {
                each(index, Result { try Scanner.scan(requests[index]) })
                continue
            }
            let history = replay(graph, point: index, from: opened.head.commit, stage: stage,
                                 budget: requests[index].options.changedPaths)
            let snapshot = opened.snapshot(history: history, historyCache: nil)
            let project = Scanner.projectTree(opened.layout, config: stage.config, request: requests[index], paths: projectPaths)
            each(index, .success(Scanner.finish(snapshot, project: project, stage: stage, request: requests[index])))
            prepared[index] = nil
        }
    }

    /// More trees than this kept from the points listed so far (a wide repository's run): start afresh.
    static let knownTreesLimit = 200_000

    /// The points whose history can be replayed from one graph: they were prepared and read messages with
    /// the same catalogues as the newest prepared point.
    private static func replayable(_ prepared: [(opened: OpenedSnapshot, stage: ScanStage)?])
        -> (indexes: Set<Int>, key: String?, builder: HistoryEvidenceBuilder?) {
        guard let stage = prepared.last(where: { $0 != nil })??.stage else { return ([], nil, nil) }
        let key = stage.catalogueKey
        let indexes = prepared.indices.filter { prepared[$0]?.stage.catalogueKey == key }
        return (Set(indexes), key, stage.builder)
    }

    /// The history of every replayed point, each point's walk order, and the changed paths their budgets
    /// ask for.
    private final class ReplaySource {
        let history: HistoryGraph
        let facts: ReplayFacts
        /// The changed paths of each commit (by index; none where it was not diffed so), in full and below
        /// the followed artefacts: every point reads them by index, not through a dictionary.
        let fullPaths: [[String]??]
        let trackedPaths: [[String]??]
        /// By point index; each is handed over once (`takeOrder`).
        private var orders: [Int: [Int32]]

        init(history: HistoryGraph, facts: ReplayFacts, paths: (full: [Int32: [String]?], tracked: [Int32: [String]?]),
             orders: [Int: [Int32]]) {
            self.history = history
            self.facts = facts
            func dense(_ lists: [Int32: [String]?]) -> [[String]??] {
                var dense = [[String]??](repeating: nil, count: history.count)
                for (index, list) in lists { dense[Int(index)] = .some(list) }
                return dense
            }
            fullPaths = dense(paths.full)
            trackedPaths = dense(paths.tracked)
            self.orders = orders
            areas = AreaBits(count: history.count)
        }

        func takeOrder(of point: Int) -> [Int32]? {
            orders.removeValue(forKey: point)
        }
        /// The areas each fully diffed commit touches, worked out by the first point that replays it.
        let areas: AreaBits
    }

    final class AreaBits {
        /// By commit index; -1 until worked out.
        var bits: [Int16]

        init(count: Int) {
            bits = [Int16](repeating: -1, count: count)
        }
    }

    private static func readGraph(_ repository: GitRepository, prepared: [(opened: OpenedSnapshot, stage: ScanStage)?],
                                  replayed: Set<Int>, key: String, template: HistoryEvidenceBuilder,
                                  request: ScanRequest) throws -> ReplaySource {
        let indexes = replayed.sorted()
        let tips = indexes.compactMap { prepared[$0]?.opened.head.commit }
        let shallowRoots = indexes.first.flatMap { prepared[$0]?.opened.shallowRoots } ?? []
        var trackedUnion = Set<String>()
        for index in indexes { trackedUnion.formUnion(prepared[index]?.stage.builder.trackedPrefixes ?? []) }
        var budget = request.options.changedPaths
        budget.trackedPrefixes = trackedUnion.sorted()
        let cache = request.options.cacheDirectory.map { HistoryCache(directory: $0, gitDirectory: repository.gitDirectory.path) }
        let loaded = cache?.load()
        template.annotationKey = key
        let graph = try HistoryGraph(repository, from: tips, prefixes: budget, shallowRoots: shallowRoots,
                                     memory: loaded?.memory, annotator: template.annotator)
        let facts = ReplayFacts(graph, conventions: template.catalogue?.commits)
        // Which commits some point's budget diffs in full, and which below its followed artefacts.
        var full = [Bool](repeating: false, count: graph.count)
        var tracked = [Bool](repeating: false, count: graph.count)
        var orders: [Int: [Int32]] = [:]
        for index in indexes {
            guard let (opened, stage) = prepared[index], let tip = graph.index(of: opened.head.commit) else { continue }
            var pointBudget = request.options.changedPaths
            pointBudget.trackedPrefixes = stage.builder.trackedPrefixes
            let order = graph.order(from: tip)
            orders[index] = order
            HistoryReplay.visitBudget(facts, order: order, budget: pointBudget) { commit, scope in
                if scope == .full { full[Int(commit)] = true } else { tracked[Int(commit)] = true }
            }
        }
        let paths = graph.changedPaths(repository, full: full, tracked: tracked)
        if let cache, let loaded {
            _ = try? cache.save(loaded.memory, after: loaded, keepUnreached: true)
        }
        return ReplaySource(history: graph, facts: facts, paths: paths, orders: orders)
    }

    /// The walk from `tip` replayed into the point's builder: the records a scan of that commit keeps.
    private static func replay(_ source: ReplaySource, point: Int, from tip: ObjectID, stage: ScanStage,
                               budget: ChangedPathsBudget) -> HistoryRecords {
        let graph = source.history
        let facts = source.facts
        let builder = stage.builder
        guard let start = graph.index(of: tip) else { return HistoryRecords() }
        var pointBudget = budget
        pointBudget.trackedPrefixes = builder.trackedPrefixes
        let order = source.takeOrder(of: point) ?? graph.order(from: start)
        return HistoryReplay.replay(facts, order: order, budget: pointBudget, into: builder, paths: { index, scope in
            (scope == .full ? source.fullPaths[Int(index)] : source.trackedPaths[Int(index)]) ?? nil
        }, areas: { index, paths in
            // The areas of a fully diffed commit are worked out by the first point that replays it.
            let known = source.areas.bits[Int(index)]
            if known >= 0 { return UInt8(known) }
            let bits = builder.areaBits(of: paths)
            source.areas.bits[Int(index)] = Int16(bits)
            return bits
        })
    }
}
