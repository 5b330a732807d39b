import Foundation
import PackagePlugin

/// Embeds the YAML files of the package's Rules/ directory into the target that uses this plugin.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where ["yml", "yaml"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        return [.buildCommand(
            displayName: "Embedding Rules/ into \(target.name)",
            executable: try context.tool(named: "EmbedRulesTool").url,
            arguments: [rules.path, output.path],
            inputFiles: inputs.sorted { $0.path < $1.path },
            outputFiles: [output])]
    }
}
