/// Every probe that reads the HEAD tree through the detector catalogues (pipelines excepted): those with
/// logic of their own, and the presence probes `Rules/probes.yml` declares.
public enum FileProbes {
    public static let all: [any Probe] = withLogic + PresenceProbe.declared(in: .builtIn)

    static let withLogic: [any Probe] = [
        HasInfrastructureAsCode(), HasImmutableImages(), HasAutomatedTests(), HasBuildScripts(),
        HasInstrumentation(), HasPostmortemTemplate(),
        HasCodeowners(), HasGovernanceDocs(), HasDocumentation(), HasTodoFileOnly(), HasStatusBadges(), HasPipelineElsewhere(),
    ]
}
