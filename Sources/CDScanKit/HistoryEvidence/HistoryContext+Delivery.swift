/// Git-only proxies of the DORA metrics over the last 365 days.
extension HistoryContext {
    /// A moment something was released: a release tag, or a deployment commit.
    struct ReleasePoint {
        let date: Int64
        let target: Int32?
        let tag: ReleaseTag?
    }

    func releasePoints() -> (points: [ReleasePoint], basis: String) {
        let windowStart = asOf - 365 * HistoryEvidence.day
        let tags = releaseTags().filter { !$0.isPreRelease && $0.date > windowStart }
        if !tags.isEmpty {
            return (tags.map { ReleasePoint(date: $0.date, target: $0.target, tag: $0) }, "release tags")
        }
        var deploys: [ReleasePoint] = []
        for index in 0..<count where onMainline[index] && inWindow(index, days: 365) && traits(index).contains(.deploy) {
            deploys.append(ReleasePoint(date: records[index].committerTime, target: Int32(index), tag: nil))
        }
        deploys.sort { $0.date < $1.date }
        return (deploys, deploys.isEmpty ? "none" : "deployment commits")
    }

    func delivery() -> DeliveryFigures {
        var figures = DeliveryFigures()
        let (points, basis) = releasePoints()
        figures.basis = basis
        figures.releasePoints = points.count
        figures.releasesPerWeek = Double(points.count) / Double(windowWeeks)

        let leadTimes = leadTimeHours(points)
        figures.leadTimeSamples = leadTimes.count
        figures.medianLeadTimeHours = Statistics.median(leadTimes)

        let stability = stability()
        if points.isEmpty {
            if stability.changes > 0 {
                figures.changeFailureRate = Statistics.share(stability.reverts + stability.hotfixes, stability.changes)
                figures.changeFailureBasis = "commits"
            }
            figures.medianRestoreHours = stability.medianHoursToRevert
            return figures
        }
        let failureTimes = failureEventTimes()
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
        figures.changeFailureBasis = "release points"
        figures.medianRestoreHours = Statistics.median(restore)
        return figures
    }

    /// When each revert or hotfix was committed, oldest first. A merged hotfix branch counts once, at
    /// its tip's commit time (GitFlow merges it into both main and develop).
    func failureEventTimes() -> [Int64] {
        var times: [Int64] = []
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
            } else if traits.contains(.revert) || traits.contains(.hotfix) {
                times.append(records[index].committerTime)
            }
        }
        return (times + hotfixBranches.values).sorted()
    }

    /// Hours from each non-merge commit of the window (committer time) to the first release point that
    /// contains it. Release points are taken oldest first; each claims, through the parent links, the
    /// commits no earlier point contains, so every commit is visited once.
    func leadTimeHours(_ points: [ReleasePoint]) -> [Double] {
        let windowStart = asOf - 365 * HistoryEvidence.day
        // Earlier releases (before the window) claim their commits first, so they are not counted again.
        let older = releaseTags().filter { !$0.isPreRelease && $0.date <= windowStart }
            .map { ReleasePoint(date: $0.date, target: $0.target, tag: $0) }
        var releaseOf = [Int32](repeating: -1, count: count)
        var releaseDates: [Int64] = []
        var hours: [Double] = []
        var stack: [Int32] = []
        for point in older + points {
            guard let target = point.target else { continue }
            let release = Int32(releaseDates.count)
            releaseDates.append(point.date)
            stack.append(target)
            while let index = stack.popLast() {
                guard releaseOf[Int(index)] < 0 else { continue }
                releaseOf[Int(index)] = release
                let i = Int(index)
                // Release and deployment records are bookkeeping, not changes waiting for a release.
                let record = traits(i).contains(.deploy) || traits(i).contains(.versionBump)
                if !isMerge(i) && !record && inWindow(i, days: 365) && point.date > windowStart {
                    hours.append(Double(max(0, point.date - records[i].committerTime)) / 3600)
                }
                stack.append(contentsOf: log.parents(of: i))
            }
        }
        return hours
    }
}
