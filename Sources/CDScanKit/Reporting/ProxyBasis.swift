/// What a delivery proxy of the JSON report is counted from: the release points of the delivery figures
/// (release tags, else deployment commits), or what the change failure rate is a share of. Its raw values
/// are those of `DeliveryBasis` and `ChangeFailureBasis`, so the report reads the same.
public enum ProxyBasis: String, Codable, Sendable, Hashable {
    case releaseTags = "release tags"
    case deploymentCommits = "deployment commits"
    case releasePoints = "release points"
    case commits
    case none

    init(_ basis: DeliveryBasis) {
        switch basis {
        case .releaseTags: self = .releaseTags
        case .deploymentCommits: self = .deploymentCommits
        case .none: self = .none
        }
    }

    init(_ basis: ChangeFailureBasis) {
        switch basis {
        case .releasePoints: self = .releasePoints
        case .commits: self = .commits
        case .none: self = .none
        }
    }
}
