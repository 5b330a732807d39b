/// A release tag as the figures need it.
struct ReleaseTag {
    let name: String
    let date: Int64
    let isAnnotated: Bool
    let isSemver: Bool
    let isPreRelease: Bool
    /// Walk index of the tagged commit; nil when it is not in HEAD's history.
    let target: Int32?
    let isAutomated: Bool
    /// The version numbers in the name (v1.2.3 -> [1, 2, 3]).
    let version: [Int]

    /// The first run of dot-separated numbers in a tag name.
    static func version(of name: String) -> [Int] {
        // An ASCII name's characters are its bytes: read so, without breaking it into characters.
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return version(ofASCII: name.utf8) }
        var numbers: [Int] = []
        var current: Int?
        for character in name {
            if let digit = character.wholeNumberValue, character.isASCII {
                current = (current ?? 0) &* 10 &+ digit
            } else if character == ".", let value = current {
                numbers.append(value)
                current = nil
            } else if current != nil || !numbers.isEmpty {
                break
            }
        }
        if let current { numbers.append(current) }
        return numbers
    }

    /// `version(of:)` for an ASCII name.
    static func version(ofASCII bytes: String.UTF8View) -> [Int] {
        var numbers: [Int] = []
        var current: Int?
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                current = (current ?? 0) &* 10 &+ Int(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: "."), let value = current {
                numbers.append(value)
                current = nil
            } else if current != nil || !numbers.isEmpty {
                break
            }
        }
        if let current { numbers.append(current) }
        return numbers
    }
}

/// Release tags: how many, how regular, of what shape, and made by whom.
extension HistoryContext {
    /// Tags the releases catalogue recognises (up to `cutoff`), oldest first. Read once per context
    /// (`releases`): the release figures and the delivery figures both start from them. A tagger is
    /// looked up among the bots once, however many tags they made.
    static func releaseTags(_ tags: [Tag], log: WalkLog, catalogue: HistoryCatalogue, cutoff: Int64,
                            isBot: (Int) -> Bool) -> [ReleaseTag] {
        let releases = catalogue.releases
        var taggerIsBot: [Tagger: Bool] = [:]
        var result: [ReleaseTag] = []
        for tag in tags where releases.isRelease(tag.name) {
            guard let date = tag.date?.seconds, date <= cutoff else { continue }
            let target = tag.target.flatMap { log.tagTargets[$0] }
            let automated: Bool
            if let tagger = tag.tagger {
                let key = Tagger(name: tagger.name, email: tagger.email)
                if let known = taggerIsBot[key] {
                    automated = known
                } else {
                    automated = catalogue.bots.bot(name: tagger.name, email: tagger.email) != nil
                    taggerIsBot[key] = automated
                }
            } else if let target {
                automated = isBot(Int(target))
            } else {
                automated = false
            }
            result.append(ReleaseTag(
                name: tag.name, date: date, isAnnotated: tag.isAnnotated, isSemver: releases.isSemver(tag.name),
                isPreRelease: releases.isPreRelease(tag.name), target: target, isAutomated: automated,
                version: ReleaseTag.version(of: tag.name)))
        }
        return result.sorted { ($0.date, $0.name) < ($1.date, $1.name) }
    }

    /// A tagger as the bots catalogue reads it.
    struct Tagger: Hashable {
        let name: String
        let email: String
    }

    /// Whether `release` raises only the last number of `previous` and comes within the catalogue's days.
    func isFixRelease(_ release: ReleaseTag, after previous: ReleaseTag) -> Bool {
        let days = Int64(catalogue.releases.fixReleaseDays)
        guard release.version.count >= 3, release.version.count == previous.version.count,
              release.date - previous.date <= days * HistoryEvidence.day else { return false }
        return release.version.dropLast() == previous.version.dropLast() && release.version.last! > previous.version.last!
    }

    func releaseFigures() -> ReleaseFigures {
        var figures = ReleaseFigures()
        let all = releases
        let releases = all.filter { !$0.isPreRelease }
        figures.preReleases = all.count - releases.count
        figures.releasesTotal = releases.count
        figures.latest = releases.last?.name
        let windowStart = asOf - 365 * HistoryEvidence.day
        let recent = releases.filter { $0.date > windowStart }
        figures.releases365 = recent.count
        figures.releasesPerMonth = Double(recent.count) / (Double(min(365, spanDays)) / 30.4375)
        let intervals = zip(recent.dropFirst(), recent).map { Double($0.date - $1.date) / Double(HistoryEvidence.day) }
        figures.intervalVariation = intervals.count >= 2 ? Statistics.variation(intervals) : 0
        figures.semverShare = Statistics.share(releases.filter(\.isSemver).count, releases.count)
        figures.annotatedShare = Statistics.share(releases.filter(\.isAnnotated).count, releases.count)
        let fixes = zip(releases.dropFirst(), releases).filter { isFixRelease($0, after: $1) }.count
        figures.fixReleaseShare = Statistics.share(fixes, releases.count)
        let latest = releases.suffix(ReleaseFigures.automationSample)
        figures.automatedReleases = latest.filter(\.isAutomated).count
        figures.automatedShare = Statistics.share(figures.automatedReleases, latest.count)
        var bumps = 0
        var botBumps = 0
        for index in 0..<count where included(index) {
            let traits = traits(index)
            if traits.contains(.releaseFixup), !isMerge(index) { figures.releaseFixups += 1 }
            guard traits.contains(.versionBump) else { continue }
            bumps += 1
            if isBot(index) { botBumps += 1 }
        }
        figures.versionBumps = bumps
        figures.automatedBumpShare = Statistics.share(botBumps, bumps)
        return figures
    }
}
