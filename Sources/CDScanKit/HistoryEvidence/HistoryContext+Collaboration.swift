/// How changes reach the mainline, and what people's messages carry.
extension HistoryContext {
    func collaboration() -> CollaborationFigures {
        var figures = CollaborationFigures()
        var reviewed = 0, coAuthored = 0, signedOff = 0, issues = 0, conventional = 0
        for index in 0..<count where !isBot(index) && inSample(index) {
            let traits = traits(index)
            figures.messageCommits += 1
            if traits.contains(.reviewed) { reviewed += 1 }
            if traits.contains(.coAuthored) { coAuthored += 1 }
            if traits.contains(.signedOff) { signedOff += 1 }
            if !isMerge(index) {
                figures.changeCommits += 1
                if traits.contains(.issueReference) { issues += 1 }
                if traits.contains(.conventional) { conventional += 1 }
            }
            // Mainline changes: deployment records and version bumps are bookkeeping, not changes.
            guard onMainline[index], !traits.contains(.deploy), !traits.contains(.versionBump) else { continue }
            if isMerge(index) {
                figures.mergeCommits += 1
                if traits.contains(.mergeRequestMerge) { figures.mergeRequestMerges += 1 }
            } else if traits.contains(.squashReference) {
                figures.squashMerges += 1
            } else {
                figures.directCommits += 1
                if isHandedOver(index) { figures.handedOverCommits += 1 }
            }
            figures.mainlineChanges += 1
        }
        figures.mergeRequestShare = Statistics.share(figures.mergeRequestMerges + figures.squashMerges, figures.mainlineChanges)
        figures.directPushShare = Statistics.share(figures.directCommits, figures.mainlineChanges)
        figures.throughOthersShare = Statistics.share(
            figures.mergeRequestMerges + figures.squashMerges + figures.handedOverCommits, figures.mainlineChanges)
        figures.forges = log.forges.keys.sorted()
        figures.reviewedCommits = reviewed
        figures.coAuthoredCommits = coAuthored
        figures.issueReferences = issues
        figures.reviewedShare = Statistics.share(reviewed, figures.messageCommits)
        figures.coAuthoredShare = Statistics.share(coAuthored, figures.messageCommits)
        figures.signedOffShare = Statistics.share(signedOff, figures.messageCommits)
        figures.issueReferenceShare = Statistics.share(issues, figures.changeCommits)
        figures.conventionalShare = Statistics.share(conventional, figures.changeCommits)
        return figures
    }

    /// A commit its author did not put on the mainline: a maintainer applied it, or a forge merged it from
    /// its web interface (a bot committer), so it passed through another pair of hands.
    func isHandedOver(_ index: Int) -> Bool {
        let committer = personOfIdentity[Int(records[index].committer)]
        return committer != person(index)
    }
}
