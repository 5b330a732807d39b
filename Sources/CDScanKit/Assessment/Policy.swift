/// A CI gate on the assessment: the level overall and per dimension must reach the policy's levels.
/// From `--fail-under` / `--fail-under-dimension`, or the `policy:` of `.cdscan.yml` (the command line wins).
public struct PolicyCheck: Sendable, Hashable {
    public let failUnder: Int?
    public let failUnderDimension: [Dimension: Int]

    public init(failUnder: Int?, failUnderDimension: [Dimension: Int]) {
        self.failUnder = failUnder
        self.failUnderDimension = failUnderDimension
    }

    public var isEmpty: Bool { failUnder == nil && failUnderDimension.isEmpty }

    /// Each way the assessment falls short, as a sentence; empty when it meets the policy. A scope with
    /// no level (too little evidence) falls short of any required level.
    public func shortfalls(_ assessment: Assessment) -> [String] {
        var out: [String] = []
        if let required = failUnder {
            let level = assessment.overall.level
            if (level ?? 0) < required {
                out.append("the best fit is \(level.map { "level \($0)" } ?? "no level"), below the required level \(required)")
            }
        }
        for dimension in Dimension.allCases {
            guard let required = failUnderDimension[dimension] else { continue }
            let level = assessment.dimensions[dimension]?.level
            if (level ?? 0) < required {
                out.append("\(dimension.title) is at \(level.map { "level \($0)" } ?? "no level"), below the required level \(required)")
            }
        }
        return out
    }
}
