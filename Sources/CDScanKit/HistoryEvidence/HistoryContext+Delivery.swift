/// Git-only proxies of the DORA metrics over the last 365 days.
extension HistoryContext {
    /// A moment something was released: a release tag, or a deployment commit.
    struct ReleasePoint {
        let date: Int64
        let target: Int32?
        let tag: ReleaseTag?
    }

    func releasePoints() -> (points: [ReleasePoint], basis: DeliveryBasis) {
        let windowStart = asOf - 365 * HistoryEvidence.day
        let tags = releases.filter { !$0.isPreRelease && $0.date > windowStart }
        if !tags.isEmpty {
            return (tags.map { ReleasePoint(date: $0.date, target: $0.target, tag: $0) }, .releaseTags)
        }
        var deploys: [ReleasePoint] = []
        for index in 0..<count where onMainline[index] && inWindow(index, days: 365) && traits(index).contains(.deploy) {
            deploys.append(ReleasePoint(date: records[index].committerTime, target: Int32(index), tag: nil))
        }
        deploys.sort { $0.date < $1.date }
        return (deploys, deploys.isEmpty ? .none : .deploymentCommits)
    }

    func delivery(stability: StabilityFigures) -> DeliveryFigures {
        var figures = DeliveryFigures()
        let (points, basis) = releasePoints()
        figures.basis = basis
        figures.releasePoints = points.count
        figures.releasesPerWeek = Double(points.count) / Double(windowWeeks)

        let released = firstReleaseDates(points)
        let leadTimes = leadTimeHours(points, released: released)
        figures.leadTimeSamples = leadTimes.count
        figures.medianLeadTimeHours = Statistics.median(leadTimes)

        if points.isEmpty {
            if stability.changes > 0 {
                figures.changeFailureRate = Statistics.share(stability.reverts + stability.hotfixes, stability.changes)
                figures.changeFailureBasis = .commits
            }
            figures.medianRestoreHours = stability.medianHoursToRevert
            return figures
        }
        let failureTimes = failureEventTimes(released: released)
        var failed = 0
        var restore: [Double] = []
        for (position, point) in points.enumerated() {
            let next = position + 1 < points.count ? points[position + 1] : nil
            let end = next?.date ?? asOf
            let repair = failureTimes.first { $0 > point.date && $0 <= end }
            let fixRelease = next.flatMap { next in
                next.tag.flatMap { tag in point.tag.map { isFixRelease(tag, after: $0) } }
            } ?? false
            guard repair != nil || fixRelease else { continue }
            failed += 1
            // Restored when the repair was committed (or, failing that, when the fix release came out).
            if let repairTime = repair ?? next?.date { restore.append(Double(repairTime - point.date) / 3600) }
        }
        figures.changeFailureRate = Statistics.share(failed, points.count)
        figures.changeFailureBasis = .releasePoints
        figures.medianRestoreHours = Statistics.median(restore)
        return figures
    }

    /// When each revert or hotfix was committed, oldest first. A merged hotfix branch counts once, at
    /// its tip's commit time (GitFlow merges it into both main and develop). A revert whose reverted
    /// commit is known counts only when that commit had been released before the revert: undoing a
    /// change before it shipped is the pipeline working, not a failed release. (A revert that names no
    /// commit still counts, and so does every revert when a pipeline deploys on every push.)
    func failureEventTimes(released: [Int64]) -> [Int64] {
        var times: [Int64] = []
        var revertedCommit: [Int32: Int32] = [:]
        for pair in log.revertPairs { revertedCommit[pair.revert] = pair.reverted }
        var hotfixBranches: [Int32: Int64] = [:]
        for index in 0..<count where included(index) {
            let traits = traits(index)
            if isMerge(index) {
                guard traits.contains(.hotfix) else { continue }
                let tip = Int(log.secondParent[index])
                let time = tip >= 0 ? records[tip].committerTime : records[index].committerTime
                if let branch = log.mergedBranch[Int32(index)] {
                    let name = Int32(log.branchNames.firstIndex(of: log.branchNames[Int(branch)]) ?? Int(branch))
                    hotfixBranches[name] = min(hotfixBranches[name] ?? time, time)
                } else {
                    times.append(time)
                }
            } else if traits.contains(.hotfix) {
                times.append(records[index].committerTime)
            } else if traits.contains(.revert) {
                let time = records[index].committerTime
                if !deploysOnPush, let reverted = revertedCommit[Int32(index)] {
                    let release = released[Int(reverted)]
                    guard release != Self.neverReleased && release <= time else { continue }
                }
                times.append(time)
            }
        }
        return (times + hotfixBranches.values).sorted()
    }

    /// For every commit, the date of the first release point that contains it (`neverReleased`: none does). Release
    /// points are taken oldest first (those before the window too); each claims, through the parent links,
    /// the commits no earlier point contains, so every commit is visited once.
    static let neverReleased = Int64.min

    func firstReleaseDates(_ points: [ReleasePoint]) -> [Int64] {
        let windowStart = asOf - 365 * HistoryEvidence.day
        let older = releases.filter { !$0.isPreRelease && $0.date <= windowStart }
            .map { ReleasePoint(date: $0.date, target: $0.target, tag: $0) }
        var released = [Int64](repeating: Self.neverReleased, count: count)
        var stack: [Int32] = []
        for point in older + points {
            guard let target = point.target else { continue }
            stack.append(target)
            while let index = stack.popLast() {
                guard released[Int(index)] == Self.neverReleased else { continue }
                released[Int(index)] = point.date
                // Pushed one by one: an array of parents per commit costs more than the walk itself.
                let first = log.firstParent[Int(index)], second = log.secondParent[Int(index)]
                if first >= 0 { stack.append(first) }
                if second >= 0 { stack.append(second) }
                // Only a merge has parents beyond the second: the others skip the table of them.
                if isMerge(Int(index)), let extra = log.extraParents[index] { stack.append(contentsOf: extra) }
            }
        }
        return released
    }

    /// Hours from each non-merge commit of the window (committer time) to the first release point of the
    /// window that contains it; commits first released before the window are not counted.
    func leadTimeHours(_ points: [ReleasePoint], released: [Int64]) -> [Double] {
        let windowStart = asOf - 365 * HistoryEvidence.day
        var hours: [Double] = []
        for index in 0..<count where released[index] > windowStart {
            // Release and deployment records are bookkeeping, not changes waiting for a release.
            let record = traits(index).contains(.deploy) || traits(index).contains(.versionBump)
            if !isMerge(index) && !record && inWindow(index, days: 365) {
                hours.append(Double(max(0, released[index] - records[index].committerTime)) / 3600)
            }
        }
        return hours
    }
}
