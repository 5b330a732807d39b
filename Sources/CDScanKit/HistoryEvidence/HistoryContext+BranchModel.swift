/// The branch model, from branch names (refs and merged branches) and the merge topology.
extension HistoryContext {
    func branchModel(collaboration: CollaborationFigures) -> BranchModelFigures {
        var figures = BranchModelFigures()
        let releases = catalogue.releases
        // Branch names without the remote's name (origin/develop -> develop).
        var names = Set<String>()
        for branch in branches {
            if branch.isRemote {
                guard let slash = branch.name.firstIndex(of: "/") else { continue }
                let name = String(branch.name[branch.name.index(after: slash)...])
                if name != "HEAD" { names.insert(name) }
            } else {
                names.insert(branch.name)
            }
        }
        figures.longLivedBranches = names.filter {
            releases.isTrunkBranch($0) || releases.isDevelopmentBranch($0) || releases.isReleaseBranch($0)
        }.sorted()
        let development = names.filter(releases.isDevelopmentBranch).sorted()
        // Merged release branches show GitFlow beside a development branch; on their own they are often
        // short-lived release-preparation branches, so the release-branch model needs them kept as refs.
        // The refs and the merged names filtered apart. A long history merges tens of thousands of
        // branches, most of them once: each merge's name is matched as it comes, and only the few that
        // match are kept, rather than every name hashed into a set first.
        let hotfix = catalogue.commits.hotfixBranches
        let keptReleaseBranches = names.filter(releases.isReleaseBranch).sorted()
        var releaseNames = Set(keptReleaseBranches)
        var hotfixNames = names.filter(hotfix.matches)
        var anyMerged = false
        for (merge, name) in log.mergedBranch where included(Int(merge)) {
            anyMerged = true
            let branch = log.branchNames[Int(name)]
            if releases.isReleaseBranch(branch) { releaseNames.insert(branch) }
            if hotfix.matches(branch) { hotfixNames.insert(branch) }
        }
        let releaseBranches = releaseNames.sorted()
        let hotfixBranches = hotfixNames.sorted()

        let (lifetimes, mergedCount) = branchLifetimes()
        figures.mergedBranches = mergedCount
        figures.medianBranchLifetimeDays = Statistics.median(lifetimes)

        if !development.isEmpty && !(releaseBranches.isEmpty && hotfixBranches.isEmpty && !anyMerged) {
            figures.model = .gitflow
            figures.reason = "a development branch (\(development.joined(separator: ", "))) beside the trunk"
                + (releaseBranches.isEmpty ? "" : ", release branches (\(releaseBranches.prefix(3).joined(separator: ", ")))")
                + (hotfixBranches.isEmpty ? "" : ", hotfix branches (\(hotfixBranches.prefix(3).joined(separator: ", ")))")
        } else if !keptReleaseBranches.isEmpty {
            figures.model = .releaseBranches
            figures.reason = "release branches kept beside the trunk (\(keptReleaseBranches.prefix(3).joined(separator: ", ")))"
        } else if collaboration.mainlineChanges == 0 {
            figures.model = .unknown
            figures.reason = "no changes on the mainline in the last 365 days"
        } else if branchShare(collaboration) >= 0.25 && (figures.medianBranchLifetimeDays ?? 2) > 1 {
            // Plain merges of named branches (git.git's topic branches) integrate branches as merge requests do.
            figures.model = .githubFlow
            figures.reason = "\(percent(branchShare(collaboration))) of mainline changes came from branches (merges and merge requests)"
        } else {
            figures.model = .trunkBased
            figures.reason = branchShare(collaboration) >= 0.25
                ? "merges of branches that lived a day or less"
                : "\(percent(collaboration.directPushShare)) of mainline changes were committed straight to it"
        }
        return figures
    }

    /// Days from a merged branch's oldest own commit (author time) to its merge, for merges on the
    /// mainline in the last 365 days. A branch's own commits are its second parent's first-parent line up
    /// to the mainline (or to commits an earlier-walked merge already claimed). Branches made only by bots
    /// (dependency updates) say nothing about how people branch and are left out.
    func branchLifetimes() -> (days: [Double], merges: Int) {
        var claimed = onMainline
        var lifetimes: [Double] = []
        var merges = 0
        for index in 0..<count where onMainline[index] && isMerge(index) && inWindow(index, days: 365) {
            merges += 1
            var oldest: Int64?
            var byPeople = false
            var cursor = Int(log.secondParent[index])
            while cursor >= 0 && !claimed[cursor] {
                claimed[cursor] = true
                oldest = min(oldest ?? records[cursor].authorTime, records[cursor].authorTime)
                if !isBot(cursor) { byPeople = true }
                cursor = Int(log.firstParent[cursor])
            }
            if let oldest, byPeople {
                lifetimes.append(Double(max(0, records[index].committerTime - oldest)) / Double(HistoryEvidence.day))
            }
        }
        return (lifetimes, merges)
    }

    func branchShare(_ collaboration: CollaborationFigures) -> Double {
        Statistics.share(collaboration.mergeCommits + collaboration.squashMerges, collaboration.mainlineChanges)
    }

    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
