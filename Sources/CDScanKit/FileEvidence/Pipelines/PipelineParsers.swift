import YAMLReader

/// The parser of each pipeline format, by the name the catalogue's `parser:` gives.
enum PipelineParsers {
    static let known: Set<String> = [
        "github-actions", "gitlab-ci", "jenkinsfile", "circleci", "azure-pipelines", "bitbucket-pipelines",
        "travis-ci", "buildkite", "drone", "tekton", "argo-workflows", "aws-codebuild", "aws-codepipeline",
        "google-cloud-build", "concourse", "teamcity", "gocd",
    ]

    /// Nil when the file is not a pipeline after all (a Kubernetes file without Tekton kinds).
    static func parse(_ input: PipelineInput) throws(PipelineProblem) -> RawPipeline? {
        switch input.system.parser {
        case "github-actions": return try GitHubActionsParser.parse(input)
        case "gitlab-ci": return try GitLabCIParser.parse(input)
        case "jenkinsfile": return try JenkinsfileParser.parse(input)
        case "circleci": return try CircleCIParser.parse(input)
        case "azure-pipelines": return try AzurePipelinesParser.parse(input)
        case "bitbucket-pipelines": return try BitbucketPipelinesParser.parse(input)
        case "travis-ci": return try TravisCIParser.parse(input)
        case "buildkite": return try BuildkiteParser.parse(input)
        case "drone": return try DroneParser.parse(input)
        case "tekton": return try TektonParser.parse(input)
        case "argo-workflows": return try ArgoWorkflowsParser.parse(input)
        case "aws-codebuild": return try AWSCodeBuildParser.parse(input)
        case "aws-codepipeline": return try AWSCodePipelineParser.parse(input)
        case "google-cloud-build": return try CloudBuildParser.parse(input)
        case "concourse": return try ConcourseParser.parse(input)
        case "teamcity": return try TeamCityParser.parse(input)
        case "gocd": return try GoCDParser.parse(input)
        default: return nil
        }
    }
}

/// Shared helpers of the YAML-based parsers.
enum YAMLPipeline {
    /// The documents of a YAML file; a syntax error is a problem at its line and column.
    static func documents(_ input: PipelineInput) throws(PipelineProblem) -> [YAMLNode] {
        do {
            return try YAMLParser.parseAll(input.text, file: input.file)
        } catch {
            throw PipelineProblem(error)
        }
    }

    /// The first document, which must be a mapping; nil when the file is empty.
    static func root(_ input: PipelineInput) throws(PipelineProblem) -> YAMLNode? {
        guard let root = try documents(input).first, !root.isNull else { return nil }
        guard root.isMapping else {
            throw problem(input, root, "a \(input.system.id) file must be a mapping, not \(root.kindName)")
        }
        return root
    }

    static func problem(_ input: PipelineInput, _ node: YAMLNode, _ message: String) -> PipelineProblem {
        PipelineProblem(file: input.file, line: node.mark.line, column: node.mark.column, message: message)
    }

    /// A script as steps: a text (one step, split into its commands' lines) or a list of texts.
    static func steps(_ node: YAMLNode?) -> [RawStep] {
        guard let node else { return [] }
        if let items = node.items { return items.flatMap { steps($0) } }
        if let text = node.string { return [RawStep(text: text, line: node.mark.line)] }
        return []
    }

    /// Names from a `needs:`-style field: a text, a list of texts, or a list of mappings naming a `job:`.
    static func names(_ node: YAMLNode?, key: String = "job") -> [String] {
        guard let node else { return [] }
        if let text = node.string { return [text] }
        return (node.items ?? []).compactMap { $0.string ?? $0[key]?.string }
    }

    /// A sequence of the keys of a mapping, or the texts of a list (`on: [push, pull_request]`).
    static func words(_ node: YAMLNode) -> [(String, Int)] {
        if let pairs = node.pairs { return pairs.compactMap { pair in pair.key.string.map { ($0, pair.key.mark.line) } } }
        if let items = node.items { return items.compactMap { item in item.string.map { ($0, item.mark.line) } } }
        if let text = node.string { return [(text, node.mark.line)] }
        return []
    }
}
