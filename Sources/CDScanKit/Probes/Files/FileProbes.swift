/// Every probe that reads the HEAD tree through the detector catalogues (pipelines excepted).
public enum FileProbes {
    public static let all: [any Probe] = [
        HasInfrastructureAsCode(), HasGitOps(), HasImmutableImages(), HasPolicyAsCode(), HasCostTooling(),
        HasAutomatedTests(), HasQualityGate(),
        HasContainerBuild(), HasReproducibleEnvironment(), HasBuildScripts(),
        HasReleaseAutomation(), HasChangelog(), HasProgressiveDelivery(), HasAutomatedRollback(),
        HasZeroDowntimeSettings(), HasFeatureFlags(), HasSupplyChainControls(), UsesOrgSharedConfig(),
        HasInstrumentation(), HasAlertRules(), HasHealthChecks(), HasSLODefinitions(), HasDashboardsAsCode(),
        HasRunbooks(), HasPostmortemTemplate(), HasChaosExperiments(),
        HasCodeowners(), HasContributingGuide(), HasCodeOfConduct(), HasGovernanceDocs(), HasIssueTemplates(),
        HasMergeRequestTemplate(), HasDesignRecords(), HasDocumentation(), HasOnboardingGuide(), HasSecurityPolicy(),
        HasDependencyUpdates(), HasLintersOrFormatters(), HasEditorConfig(), HasDeveloperPortalEntry(),
        PublishesDeliveryMetrics(), HasTodoFileOnly(), HasStatusBadges(),
    ]
}
