import GitAccess

/// A repository that is one reusable piece of infrastructure code, published for others to call or
/// install: what it provisions, others run.
public struct InfrastructureModule: Sendable, Hashable {
    public enum Tool: String, Sendable, Hashable {
        case terraform, ansible, puppet, chef
    }

    public let tool: Tool
    /// Why, as a phrase for the report ("an Ansible role at the root (meta/main.yml, tasks/main.yml)").
    public let reason: String

    /// The detector entries whose files are this module's own content, wherever they are (a role's
    /// Molecule playbooks are its tests); Terraform's are placed by `ProjectKindInference.isModuleContent`.
    var contentEntries: Set<String> {
        switch tool {
        case .terraform: return Self.terraformEntries
        case .ansible: return ["ansible-config", "ansible-playbook", "ansible-role", "ansible-collection"]
        case .puppet: return ["puppet"]
        case .chef: return ["chef"]
        }
    }

    /// The detector entries of Terraform code (and OpenTofu's).
    static let terraformEntries: Set<String> = ["terraform", "opentofu"]

    /// The root files the layouts below are recognised by.
    private static let layoutFiles: Set<String> = [
        "meta/main.yml", "meta/main.yaml", "tasks/main.yml", "tasks/main.yaml", "galaxy.yml", "galaxy.yaml",
        "metadata.json", "manifests/init.pp", "metadata.rb",
    ]

    /// The layouts configuration-management tools give a module kept as a repository of its own: an
    /// Ansible role (Galaxy's `meta/main.yml` beside `tasks/main.yml`), an Ansible collection
    /// (`galaxy.yml` naming its namespace), a Puppet module (`metadata.json` beside `manifests/init.pp`),
    /// a Chef cookbook (`metadata.rb` beside `recipes/`). Reads at most two small root files.
    static func configurationModule(_ files: [TreeEntry], read: (TreeEntry) -> String?) -> InfrastructureModule? {
        // Only the few layout files are kept: a wide tree is not copied into a dictionary for them.
        var byPath: [String: TreeEntry] = [:]
        var hasRecipes = false
        for file in files {
            if layoutFiles.contains(file.path), byPath[file.path] == nil { byPath[file.path] = file }
            hasRecipes = hasRecipes || (file.path.hasPrefix("recipes/") && file.path.hasSuffix(".rb"))
        }
        func exists(_ path: String) -> Bool { byPath[path] != nil }
        func text(_ path: String) -> String? { byPath[path].flatMap(read) }
        let roleMeta = ["meta/main.yml", "meta/main.yaml"].first(where: exists)
        let roleTasks = ["tasks/main.yml", "tasks/main.yaml"].first(where: exists)
        if let roleMeta, let roleTasks, text(roleMeta)?.contains("galaxy_info") == true {
            return InfrastructureModule(tool: .ansible, reason: "an Ansible role at the root (\(roleMeta) with galaxy_info, \(roleTasks))")
        }
        if let galaxy = ["galaxy.yml", "galaxy.yaml"].first(where: exists),
           let manifest = text(galaxy), declaresKey("namespace", in: manifest), declaresKey("name", in: manifest) {
            return InfrastructureModule(tool: .ansible, reason: "an Ansible collection (\(galaxy) names its namespace)")
        }
        if exists("metadata.json"), exists("manifests/init.pp") {
            return InfrastructureModule(tool: .puppet, reason: "a Puppet module (metadata.json, manifests/init.pp)")
        }
        if exists("metadata.rb"), hasRecipes {
            return InfrastructureModule(tool: .chef, reason: "a Chef cookbook (metadata.rb, recipes/)")
        }
        return nil
    }

    /// Whether a YAML document declares `key:` at its top level.
    static func declaresKey(_ key: String, in text: String) -> Bool {
        TextLines.nonEmpty(text).contains { $0.hasPrefix(key + ":") }
    }
}
