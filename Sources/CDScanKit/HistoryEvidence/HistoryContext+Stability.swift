/// Reverts and hotfixes in the sample window (`sampleDays`).
extension HistoryContext {
    func stability() -> StabilityFigures {
        var figures = StabilityFigures()
        for index in 0..<count where inSample(index) {
            let traits = traits(index)
            if !isMerge(index) {
                figures.changes += 1
                if traits.contains(.revert) { figures.reverts += 1 }
            }
            if traits.contains(.hotfix) { figures.hotfixes += 1 }
        }
        figures.revertShare = Statistics.share(figures.reverts, figures.changes)
        figures.hotfixShare = Statistics.share(figures.hotfixes, figures.changes)
        let hours = log.revertPairs.filter { inSample(Int($0.revert)) }.map { pair in
            Double(max(0, records[Int(pair.revert)].committerTime - records[Int(pair.reverted)].committerTime)) / 3600
        }
        figures.medianHoursToRevert = Statistics.median(hours)
        return figures
    }
}
