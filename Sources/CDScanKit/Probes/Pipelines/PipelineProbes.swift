/// The CI/CD pipeline probes, in the order of `Rules/probes.yml`.
public enum PipelineProbes {
    public static let all: [any Probe] = [
        HasCIConfiguration(), CIRunsOnChange(), CIBuilds(), CIRunsTests(), CILints(), CIScansSecurity(),
        CIPackages(), CIPublishes(), CIReleases(), CIDeploys(), CIDeploysToProduction(), CIHasApprovalGate(),
        CIPromotesAcrossEnvironments(), CIUsesSharedTemplates(), CIHasManualOrScheduledRuns(), CIHasEndToEndPipeline(),
        CIChecksInfrastructureCode(), CICutsReleases(),
    ]
}
