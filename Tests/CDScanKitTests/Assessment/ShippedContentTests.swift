import Testing
@testable import CDScanKit

/// What a project ships to its users or only documents (charts of a chart collection, a monitoring mixin,
/// examples, docs) does not tick a characteristic its kind leaves out; its own files still do.
@Suite struct ShippedContentTests {
    static func dashboardsRule() throws -> Rule {
        let file = try #require(BuiltInRules.file("characteristics/L4.tech.dashboards.yml"))
        return try #require(try RuleSet.load(builtIn: [file], requireCompleteModel: false).rule("L4.tech.dashboards"))
    }

    static func met(_ rule: Rule, at paths: [String]) -> CharacteristicResult {
        CharacteristicResult(rule: rule, outcome: .met, source: .detected, practiced: true, detectedOutcome: .met,
                             explanation: "Dashboards are kept as code.",
                             evidence: paths.map { EvidenceItem(message: "dashboards", path: $0, line: nil) }
                                 + [EvidenceItem(message: "active", path: nil, line: nil)])
    }

    @Test func aChartCollectionsDashboardsAreItsUsers() throws {
        let rule = try Self.dashboardsRule()
        let charts = Tailoring(profile: ProjectProfile(kinds: [.module], isMonorepo: false, source: .inferred, evidence: [], shippedFolders: ["charts"]))
        let shipped = charts.apply(to: [Self.met(rule, at: ["charts/stack/files/dashboards/k8s.json", "examples/overview.json"])])[0]
        #expect(shipped.outcome == .notApplicable)
        #expect(shipped.explanation.hasSuffix("and what it shows is content it ships or documents (charts/stack/files/dashboards/k8s.json, examples/overview.json)."))
        #expect(shipped.detectedOutcome == .met)
        // A file of its own among them: evidence beats the inferred kind.
        let own = charts.apply(to: [Self.met(rule, at: ["charts/stack/files/dashboards/k8s.json", "go.mod"])])[0]
        #expect(own.outcome == .met)
        // Without a chart collection, `charts/` is the project's own.
        let cli = Tailoring(profile: ProjectProfile(kinds: [.cli], isMonorepo: false, source: .inferred, evidence: []))
        #expect(cli.apply(to: [Self.met(rule, at: ["charts/stack/files/dashboards/k8s.json"])])[0].outcome == .met)
        #expect(cli.apply(to: [Self.met(rule, at: ["mixin/dashboards/node.json", "docs/dash.json"])])[0].outcome == .notApplicable)
        // A kind the rule fits keeps what it shows, shipped or not.
        let service = Tailoring(profile: ProjectProfile(kinds: [.service], isMonorepo: false, source: .inferred, evidence: []))
        #expect(service.apply(to: [Self.met(rule, at: ["examples/overview.json"])])[0].outcome == .met)
    }

    @Test func aChartCollectionIsAModuleAndItsChartsDoNotMakeAService() {
        var files: [String: String] = ["README.md": "# charts\n", ".github/workflows/release.yaml": "on: push\n"]
        for chart in ["alertmanager", "prometheus", "kube-state-metrics"] {
            files["charts/\(chart)/Chart.yaml"] = "name: \(chart)\n"
            files["charts/\(chart)/templates/prometheusrule.yaml"] = "kind: PrometheusRule\n"
        }
        let (entries, read) = ProjectTreeTests.tree(files)
        let project = ProjectTree(tree: entries, read: read)
        #expect(project.chartCount == 3)
        let detections = [Detection(entry: "helm-chart", tool: "Helm", kind: nil, feeds: [], path: "charts/alertmanager/Chart.yaml",
                                    line: nil, artefact: "charts/alertmanager/", ecosystem: nil, dependency: nil)]
        let findings = [ProjectTreeTests.finding("hasAlertRules", at: ["charts/prometheus/templates/prometheusrule.yaml"])]
        let profile = ProjectKindInference.infer(project, detections: detections, findings: findings)
        #expect(profile.kinds == [.module])
        #expect(profile.shippedFolders == ["charts"])
        #expect(profile.evidence.first == "a reusable infrastructure module: 3 Helm charts under charts/ for others to install")
        // One chart beside a program of its own is that program's chart.
        let (single, readSingle) = ProjectTreeTests.tree(["go.mod": "module x\n", "main.go": "package main\n", "charts/x/Chart.yaml": "name: x\n"])
        #expect(ProjectKindInference.infer(ProjectTree(tree: single, read: readSingle), detections: detections, findings: findings).shippedFolders.isEmpty)
    }

    @Test func aReviewAppOrADocsDeploymentIsNotTheProject() {
        #expect(!ProjectTree.declaresPlatformProcess("web: npm start --workspace @govuk-frontend/review\n"))
        #expect(!ProjectTree.declaresPlatformProcess("web: npx storybook dev -p $PORT\n"))
        #expect(ProjectTree.declaresPlatformProcess("web: gunicorn app:app\nrelease: ./manage.py migrate\n"))
        // Heroku's app.json describes the app its Procfile runs.
        let appJSON = "{\"environments\": {\"review\": {}}}"
        let (review, readReview) = ProjectTreeTests.tree(["package.json": "{}", "index.js": "", "app.json": appJSON,
                                                          "Procfile": "web: npm start --workspace @x/review\n"])
        #expect(ProjectTree(tree: review, read: readReview).serviceDescriptor == nil)
        let (app, readApp) = ProjectTreeTests.tree(["package.json": "{}", "index.js": "", "app.json": appJSON,
                                                    "Procfile": "web: node server.js\n"])
        #expect(ProjectTree(tree: app, read: readApp).serviceDescriptor == "Procfile")
        let (alone, readAlone) = ProjectTreeTests.tree(["package.json": "{}", "index.js": "", "app.json": appJSON])
        #expect(ProjectTree(tree: alone, read: readAlone).serviceDescriptor == "app.json")
        let docs = ProjectTreeTests.finding("ciDeploys", at: [".github/workflows/deploy-docs.yml"])
        func deploying(_ jobs: [String]) -> Finding {
            Finding(probe: "ciDeploys", outcome: .yes, message: "deploys", values: ["jobs": .list(jobs)], locations: docs.locations)
        }
        #expect(!ProjectKindInference.deploysBeyondItsWebsite(deploying([".github/workflows/deploy-docs.yml: deploy-docs", ".github/workflows/pages.yml: deploy"])))
        #expect(ProjectKindInference.deploysBeyondItsWebsite(deploying([".github/workflows/deploy-docs.yml: deploy-docs", ".github/workflows/cd.yml: production"])))
        #expect(!ProjectKindInference.deploysBeyondItsWebsite(nil))
    }
}
