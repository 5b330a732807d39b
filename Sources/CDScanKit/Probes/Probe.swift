/// A probe answers one question about the repository from the evidence gathered once per scan. It is a
/// pure function of that evidence (and "as of"): it never reads the repository or the clock itself.
public protocol Probe: Sendable {
    /// The probe's name as rules refer to it (`ciRunsTests`). Registered in `Rules/probes.yml`.
    var name: String { get }
    func evaluate(_ evidence: Evidence) throws -> Finding
}

/// Runs probes; a probe that throws becomes an error finding and the scan goes on.
public enum ProbeRunner {
    public static func run(_ probes: [any Probe], on evidence: Evidence) -> [Finding] {
        probes.map { probe in
            do {
                return try probe.evaluate(evidence)
            } catch {
                return .error(probe.name, "the probe failed: \(error)")
            }
        }.sorted { $0.probe < $1.probe }
    }
}
