/// Do pipelines run on pushes or merge requests?
public struct CIRunsOnChange: Probe {
    public let name = "ciRunsOnChange"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let (kinds, locations) = TriggerSearch.find(in: evidence, where: \.isChange)
        let yes = kinds.contains(.push) || kinds.contains(.mergeRequest)
        let message = yes ? "pipelines run on \(kinds.map(\.rawValue).joined(separator: ", "))"
            : "no pipeline runs on pushes or merge requests"
        return .answer(name, yes, message, values: ["triggers": .list(kinds.map(\.rawValue))], locations: locations)
    }
}

/// Can pipelines be started by hand or on a schedule?
public struct CIHasManualOrScheduledRuns: Probe {
    public let name = "ciHasManualOrScheduledRuns"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        let (kinds, locations) = TriggerSearch.find(in: evidence) { $0 == .manual || $0 == .schedule }
        let message = kinds.isEmpty ? "no pipeline runs by hand or on a schedule"
            : "pipelines run \(kinds.map { $0 == .manual ? "by hand" : "on a schedule" }.joined(separator: " and "))"
        return .answer(name, !kinds.isEmpty, message, values: ["triggers": .list(kinds.map(\.rawValue))], locations: locations)
    }
}

enum TriggerSearch {
    static func find(in evidence: Evidence, where include: (TriggerKind) -> Bool) -> ([TriggerKind], [Finding.Location]) {
        var kinds: Set<TriggerKind> = []
        var locations: [Finding.Location] = []
        for pipeline in evidence.files.pipelines.pipelines {
            for trigger in pipeline.triggers {
                guard let kind = trigger.kind, include(kind) else { continue }
                kinds.insert(kind)
                locations.append(Finding.Location(path: pipeline.file, line: trigger.line))
            }
        }
        return (kinds.sorted(), uniqueLocations(locations))
    }
}
