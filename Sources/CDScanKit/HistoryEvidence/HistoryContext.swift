/// Everything `finish` needs in one place: the snapshot's records, what the builder logged, who is a bot
/// and who a person, the windows and the mainline. Each group of figures is computed in its own file.
struct HistoryContext {
    let records: [CommitRecord]
    let identities: [Identity]
    let log: WalkLog
    let catalogue: HistoryCatalogue
    let tags: [Tag]
    let branches: [Branch]
    let asOf: Int64
    /// Tags dated after this are left out: "as of" when given explicitly; otherwise none, since a release
    /// tag is often made moments after the HEAD commit it tags.
    let tagCutoff: Int64
    let isShallow: Bool
    /// Per identity: the person it is (see `PersonIdentities`), or -1 for a bot.
    let personOfIdentity: [Int32]
    /// Per identity: the bots catalogue entry, for bots.
    let botOfIdentity: [BotCatalogue.Entry?]
    /// Per commit: on the first-parent line from HEAD.
    let onMainline: [Bool]
    /// A pipeline deploys on every push (see `HistoryEvidenceBuilder.deploysOnPush`).
    var deploysOnPush = false
    /// Oldest committer time among the commits up to "as of".
    let oldestTime: Int64?
    /// The window people's work is measured over (cadence, bus factor, collaboration, areas, stability):
    /// 365 days when they hold at least `HistoryEvidence.minimumSample` non-merge commits by people; nil (the
    /// whole history) otherwise, so that a quiet year does not stand for a repository's way of working.
    let sampleDays: Int?
    /// The release tags (see `releaseTags`), oldest first.
    let releases: [ReleaseTag]

    init(snapshot: RepositorySnapshot, log: WalkLog, catalogue: HistoryCatalogue, tags: [Tag]) {
        records = snapshot.history.commits
        identities = snapshot.history.identities
        self.log = log
        self.catalogue = catalogue
        self.tags = tags
        branches = snapshot.branches
        asOf = snapshot.asOf
        tagCutoff = snapshot.asOfIsExplicit ? snapshot.asOf : .max
        isShallow = snapshot.isShallow || !log.boundaryTimes.isEmpty
        let bots = catalogue.bots
        let botOfIdentity = snapshot.history.identities.map { bots.bot(name: $0.name, email: $0.email) }
        let personOfIdentity = PersonIdentities.people(of: snapshot.history.identities,
                                                       isBot: botOfIdentity.map { $0 != nil })
        self.personOfIdentity = personOfIdentity
        self.botOfIdentity = botOfIdentity
        var mainline = [Bool](repeating: false, count: records.count)
        var index = records.isEmpty ? -1 : 0
        while index >= 0 {
            mainline[index] = true
            index = Int(log.firstParent[index])
        }
        onMainline = mainline
        oldestTime = records.lazy.map(\.committerTime).filter { [asOf] in $0 <= asOf }.min()
        let yearStart = asOf - 365 * HistoryEvidence.day
        let yearCommits = records.lazy.filter { [asOf] record in
            !record.isMerge && personOfIdentity[Int(record.author)] >= 0
                && record.committerTime <= asOf && record.committerTime > yearStart
        }.count
        sampleDays = yearCommits >= HistoryEvidence.minimumSample ? 365 : nil
        let commits = records
        releases = Self.releaseTags(tags, log: log, catalogue: catalogue, cutoff: tagCutoff) { index in
            personOfIdentity[Int(commits[index].author)] < 0
        }
    }

    var count: Int { records.count }

    func included(_ index: Int) -> Bool { records[index].committerTime <= asOf }

    /// In the window of `days` back from "as of" (nil: the whole history up to "as of").
    func inWindow(_ index: Int, days: Int?) -> Bool {
        let time = records[index].committerTime
        guard time <= asOf else { return false }
        guard let days else { return true }
        return time > asOf - Int64(days) * HistoryEvidence.day
    }

    /// In the window people's work is measured over (`sampleDays`).
    func inSample(_ index: Int) -> Bool { inWindow(index, days: sampleDays) }

    func person(_ index: Int) -> Int32 { personOfIdentity[Int(records[index].author)] }
    func isBot(_ index: Int) -> Bool { person(index) < 0 }
    func isMerge(_ index: Int) -> Bool { records[index].isMerge }
    func traits(_ index: Int) -> WalkLog.Traits { log.traits[index] }

    /// Days from the oldest commit to "as of", at least 1.
    var spanDays: Int {
        guard let oldestTime else { return 1 }
        return max(1, Int((asOf - oldestTime + HistoryEvidence.day - 1) / HistoryEvidence.day))
    }

    /// Days of the sample window, no more than the history's span.
    var sampleSpanDays: Int { min(sampleDays ?? spanDays, spanDays) }

    /// The weeks of the sample window.
    var windowWeeks: Int { max(1, (sampleSpanDays + 6) / 7) }

    func evidence(trackedPaths: [String]) -> HistoryEvidence {
        // The branch model reads the collaboration figures and the delivery figures the stability ones:
        // each is computed once.
        let collaboration = collaboration()
        let stability = stability()
        return HistoryEvidence(
            asOf: asOf, sampleDays: sampleDays, isShallow: isShallow, shallowBoundaryTime: log.boundaryTimes.max(), catalogueProblem: nil,
            activity: activity(), cadence: cadence(), people: people(), areas: areaFigures(),
            collaboration: collaboration, branchModel: branchModel(collaboration: collaboration), releases: releaseFigures(),
            stability: stability, delivery: delivery(stability: stability), practiceIndex: practiceIndex(trackedPaths: trackedPaths))
    }

    func practiceIndex(trackedPaths: [String]) -> ArtefactPracticeIndex {
        var index = ArtefactPracticeIndex()
        index.trackedPaths = trackedPaths
        for (path, commits) in log.artefactTouches {
            let touches = commits.filter { included(Int($0)) }.map {
                ArtefactPracticeIndex.Touch(commit: $0, authorTime: records[Int($0)].authorTime, person: person(Int($0)))
            }
            if !touches.isEmpty { index.touches[path] = touches }
        }
        // Oldest walked last, so read backwards the times come nearly in order, which the sort runs through.
        var times: [Int64] = []
        times.reserveCapacity(count)
        var everyCommitDiffed = true
        let looked: WalkLog.Traits = [.pathsLooked, .shallowBoundary]
        for position in stride(from: count - 1, through: 0, by: -1) {
            let record = records[position]
            if record.isMerge { continue }
            if record.committerTime <= asOf { times.append(record.committerTime) }
            if everyCommitDiffed, log.traits[position].isDisjoint(with: looked) { everyCommitDiffed = false }
        }
        index.commitTimes = times.sorted()
        index.everyCommitDiffed = everyCommitDiffed
        return index
    }
}

/// Small statistics, the same everywhere.
enum Statistics {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Population standard deviation over the mean; 0 for no values or a zero mean.
    static func variation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        guard mean > 0 else { return 0 }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return variance.squareRoot() / mean
    }

    static func share(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }
}
