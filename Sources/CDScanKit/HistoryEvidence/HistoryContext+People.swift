/// People and bots, the bus factor, and who works in which area.
extension HistoryContext {
    func people() -> PeopleFigures {
        var figures = PeopleFigures()
        // Per person, marked by index: a hundred thousand commits make as many set insertions otherwise.
        let people = Int(personOfIdentity.max() ?? -1) + 1
        var authors90 = PersonMarks(count: people)
        var authors365 = PersonMarks(count: people)
        var sampleAuthors = PersonMarks(count: people)
        var authorsTotal = PersonMarks(count: people)
        var bots = Set<String>()
        var botCommits = 0
        var total = 0
        var perPerson = [Int](repeating: 0, count: people)
        for index in 0..<count where included(index) {
            total += 1
            let person = person(index)
            if person < 0 {
                botCommits += 1
                if let bot = botOfIdentity[Int(records[index].author)] { bots.insert(bot.name) }
                continue
            }
            authorsTotal.insert(person)
            if inWindow(index, days: 365) { authors365.insert(person) }
            if inSample(index) {
                sampleAuthors.insert(person)
                if !isMerge(index) { perPerson[Int(person)] += 1 }
            }
            if inWindow(index, days: 90) { authors90.insert(person) }
        }
        figures.authors90 = authors90.count
        figures.authors365 = authors365.count
        figures.sampleAuthors = sampleAuthors.count
        figures.authorsTotal = authorsTotal.count
        figures.botCommitShare = Statistics.share(botCommits, total)
        figures.bots = bots.sorted()
        let counts = perPerson.filter { $0 > 0 }.sorted(by: >)
        let commits = counts.reduce(0, +)
        figures.busFactorCommits = commits
        if commits > 0 {
            var covered = 0
            for count in counts {
                covered += count
                figures.busFactor += 1
                if covered * 2 >= commits { break }
            }
            figures.topAuthorShare = Statistics.share(counts[0], commits)
        }
        return figures
    }

    func areaFigures() -> AreaFigures {
        var figures = AreaFigures()
        let areas = catalogue.areas.areas
        var areasByPerson: [Int32: UInt8] = [:]
        var changesByPerson: [Int32: Int] = [:]
        for index in 0..<count where !isMerge(index) && !isBot(index) && inSample(index) {
            guard traits(index).contains(.fullPaths) else {
                figures.commitsWithoutPaths += 1
                continue
            }
            figures.commitsWithPaths += 1
            let bits = log.areas[index]
            guard bits != 0 else { continue }
            let person = person(index)
            changesByPerson[person, default: 0] += 1
            areasByPerson[person, default: 0] |= bits
        }
        // Someone who made a single change in the window could not have shown work in two areas (unless
        // that one change spans them): drive-by contributors say nothing of how the team divides its work.
        areasByPerson = areasByPerson.filter { changesByPerson[$0.key, default: 0] >= 2 }
        var peopleByArea = [Set<Int32>](repeating: [], count: areas.count)
        for (person, bits) in areasByPerson {
            for area in areas.indices where bits & (1 << UInt8(area)) != 0 {
                peopleByArea[area].insert(person)
            }
        }
        let crossMask = areas.indices.reduce(UInt8(0)) { mask, area in
            areas[area].countsAcrossAreas ? mask | (1 << UInt8(area)) : mask
        }
        // With work in one area only, nobody could have changed another: no area is a silo.
        let workedAcross = areas.indices.filter { crossMask & (UInt8(1) << UInt8($0)) != 0 && !peopleByArea[$0].isEmpty }.count
        for area in areas.indices where !peopleByArea[area].isEmpty {
            figures.areas.append(areas[area].name)
            if peopleByArea[area].count == 1 { figures.areasWithSingleOwner.append(areas[area].name) }
            let bit = UInt8(1) << UInt8(area)
            // Siloed: nobody who changes this area changes another cross-area area.
            if crossMask & bit != 0, workedAcross >= 2,
               peopleByArea[area].allSatisfy({ (areasByPerson[$0] ?? 0) & crossMask & ~bit == 0 }) {
                figures.siloedAreas.append(areas[area].name)
            }
        }
        let crossPeople = areasByPerson.values.filter { $0 & crossMask != 0 }
        figures.people = crossPeople.count
        figures.crossAreaPeople = crossPeople.filter { ($0 & crossMask).nonzeroBitCount >= 2 }.count
        figures.crossAreaAuthorShare = Statistics.share(figures.crossAreaPeople, crossPeople.count)
        return figures
    }
}
