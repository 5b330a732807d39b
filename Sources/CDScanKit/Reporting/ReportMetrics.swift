/// The history figures as the JSON report states them: what the single walk measured, and the git-only
/// delivery proxies, each labelled with how it was computed. Shares and rates keep three decimals so the
/// same commit gives the same text on any machine.
public struct ReportMetrics: Codable, Sendable, Equatable {
    /// Which windows hold every commit: a shallow clone measures what it can and says what it misses.
    public struct Completeness: Codable, Sendable, Equatable {
        public let shallow: Bool
        public let last90Days: Bool
        public let last365Days: Bool
        public let wholeHistory: Bool
    }

    /// One DORA-style figure measured from git alone: a proxy, never the real metric.
    public struct DeliveryProxy: Codable, Sendable, Equatable {
        public let name: String
        public let value: Double?
        public let unit: String
        public let proxy: Bool
        public let basis: ProxyBasis
        public let method: String
        public let complete: Bool

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(value, forKey: .value)  // null when git cannot tell
            try container.encode(unit, forKey: .unit)
            try container.encode(proxy, forKey: .proxy)
            try container.encode(basis, forKey: .basis)
            try container.encode(method, forKey: .method)
            try container.encode(complete, forKey: .complete)
        }
    }

    public let completeness: Completeness
    public let activity: ActivityFigures
    public let cadence: CadenceFigures
    public let people: PeopleFigures
    public let areas: AreaFigures
    public let collaboration: CollaborationFigures
    public let branchModel: BranchModelFigures
    public let releases: ReleaseFigures
    public let stability: StabilityFigures
    public let deliveryProxies: [DeliveryProxy]

    public init(_ history: HistoryEvidence) {
        let year = history.isComplete(days: 365)
        completeness = Completeness(
            shallow: history.isShallow, last90Days: history.isComplete(days: 90), last365Days: year,
            wholeHistory: history.isComplete(days: nil))
        activity = history.activity
        cadence = history.cadence.rounded()
        people = history.people.rounded()
        areas = history.areas.rounded()
        collaboration = history.collaboration.rounded()
        branchModel = history.branchModel.rounded()
        releases = history.releases.rounded()
        stability = history.stability.rounded()
        deliveryProxies = Self.proxies(history.delivery, complete: year)
    }

    static func proxies(_ delivery: DeliveryFigures, complete: Bool) -> [DeliveryProxy] {
        let points = delivery.basis == .releaseTags ? "release tags" : "deployment commits on the mainline"
        return [
            DeliveryProxy(
                name: "deployment-frequency", value: delivery.basis == .none ? nil : round3(delivery.releasesPerWeek),
                unit: "per week", proxy: true, basis: ProxyBasis(delivery.basis),
                method: "\(points) in the last 365 days, divided by the weeks of that window", complete: complete),
            DeliveryProxy(
                name: "lead-time-for-changes", value: delivery.medianLeadTimeHours.map(round3), unit: "hours",
                proxy: true, basis: ProxyBasis(delivery.basis),
                method: "median hours from a commit (committer time) to the first of the \(points) that contains it, over \(delivery.leadTimeSamples) commits",
                complete: complete),
            DeliveryProxy(
                name: "change-failure-rate", value: delivery.changeFailureRate.map(round3), unit: "share",
                proxy: true, basis: ProxyBasis(delivery.changeFailureBasis),
                method: "share of release points followed, before the next one, by a revert, a hotfix or a quick fix release; without release points, reverts and hotfixes over changes",
                complete: complete),
            DeliveryProxy(
                name: "time-to-restore", value: delivery.medianRestoreHours.map(round3), unit: "hours",
                proxy: true, basis: ProxyBasis(delivery.changeFailureBasis),
                method: "median hours from a failed release point to its repair (the first revert or hotfix after it, else the fix release); without release points, from a change to its revert",
                complete: complete),
        ]
    }
}

/// Three decimals: enough for shares and rates, short and stable in text.
func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

extension CadenceFigures {
    func rounded() -> Self {
        var copy = self
        copy.commitsPerWeek = round3(commitsPerWeek)
        copy.activeWeekShare = round3(activeWeekShare)
        copy.activeMonthShare = round3(activeMonthShare)
        copy.weeklyVariation = round3(weeklyVariation)
        copy.burstShare = round3(burstShare)
        copy.weekendShare = round3(weekendShare)
        copy.lateNightShare = round3(lateNightShare)
        return copy
    }
}

extension PeopleFigures {
    func rounded() -> Self {
        var copy = self
        copy.botCommitShare = round3(botCommitShare)
        copy.topAuthorShare = round3(topAuthorShare)
        return copy
    }
}

extension AreaFigures {
    func rounded() -> Self {
        var copy = self
        copy.crossAreaAuthorShare = round3(crossAreaAuthorShare)
        return copy
    }
}

extension CollaborationFigures {
    func rounded() -> Self {
        var copy = self
        copy.mergeRequestShare = round3(mergeRequestShare)
        copy.directPushShare = round3(directPushShare)
        copy.throughOthersShare = round3(throughOthersShare)
        copy.reviewedShare = round3(reviewedShare)
        copy.coAuthoredShare = round3(coAuthoredShare)
        copy.signedOffShare = round3(signedOffShare)
        copy.issueReferenceShare = round3(issueReferenceShare)
        copy.conventionalShare = round3(conventionalShare)
        return copy
    }
}

extension BranchModelFigures {
    func rounded() -> Self {
        var copy = self
        copy.medianBranchLifetimeDays = medianBranchLifetimeDays.map(round3)
        return copy
    }
}

extension ReleaseFigures {
    func rounded() -> Self {
        var copy = self
        copy.releasesPerMonth = round3(releasesPerMonth)
        copy.intervalVariation = round3(intervalVariation)
        copy.semverShare = round3(semverShare)
        copy.annotatedShare = round3(annotatedShare)
        copy.fixReleaseShare = round3(fixReleaseShare)
        copy.automatedShare = round3(automatedShare)
        copy.automatedBumpShare = round3(automatedBumpShare)
        return copy
    }
}

extension StabilityFigures {
    func rounded() -> Self {
        var copy = self
        copy.revertShare = round3(revertShare)
        copy.hotfixShare = round3(hotfixShare)
        copy.medianHoursToRevert = medianHoursToRevert.map(round3)
        return copy
    }
}
