/// Do pipelines use shared or reusable templates (reusable workflows, includes, orbs, shared libraries)?
public struct CIUsesSharedTemplates: Probe {
    public let name = "ciUsesSharedTemplates"

    public init() {}

    public func evaluate(_ evidence: Evidence) throws -> Finding {
        var templates: Set<String> = []
        var locations: [Finding.Location] = []
        for pipeline in evidence.files.pipelines.pipelines {
            for template in pipeline.templates {
                templates.insert("\(template.kind.rawValue): \(template.reference)")
                locations.append(Finding.Location(path: pipeline.file, line: template.line))
            }
        }
        let list = templates.sorted()
        let message = list.isEmpty ? "no shared or reusable pipeline templates"
            : "\(list.count) shared template\(list.count == 1 ? "" : "s"): \(list.prefix(3).joined(separator: "; "))"
        return .answer(name, !list.isEmpty, message, values: ["templates": .list(list)], locations: uniqueLocations(locations))
    }
}
